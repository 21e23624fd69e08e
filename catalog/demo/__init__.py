"""The demo catalog: shows written for `manage.py load_demo`, with generated posters.

`load_demo` calls `load(log)` on each installed app's `demo` module, in
INSTALLED_APPS order, so reviews and comments can add their own demo content
without the catalog knowing about them.
"""

from catalog.demo.loader import load

__all__ = ["load"]
