"""`manage.py load_demo`: fill the site with demo content, safely repeatable."""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils.module_loading import module_has_submodule


class Command(BaseCommand):
    help = (
        "Load the demo content (shows, seasons, episodes, posters, and whatever other apps "
        "add). Running it again updates rather than duplicates."
    )

    def handle(self, *args, **options):
        # Each app contributes through its own `demo.load(log)`, in INSTALLED_APPS
        # order, so the catalog is in place before the reviews that point at it and
        # no app has to import one that depends on it. A `demo` folder without a
        # `load` (data files only) contributes nothing by itself.
        for app_config in apps.get_app_configs():
            if not module_has_submodule(app_config.module, "demo"):
                continue
            load = getattr(import_module(f"{app_config.name}.demo"), "load", None)
            if load is not None:
                load(self.stdout.write)
