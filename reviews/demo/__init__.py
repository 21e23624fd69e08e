"""The demo reviews: our own writing about the demo catalog's shows, for `manage.py load_demo`.

`load_demo` calls `load(log)` here after the catalog's, so the shows exist.
"""

from reviews.demo.loader import load, load_demo_reviews

__all__ = ["load", "load_demo_reviews"]
