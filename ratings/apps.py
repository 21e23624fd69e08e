"""App configuration for ratings."""

from django.apps import AppConfig


class RatingsConfig(AppConfig):
    name = "ratings"
    verbose_name = "Reader ratings"

    def ready(self):
        """Connect the listeners that keep the stored totals equal to the votes."""
        from ratings import receivers  # noqa: F401 (connects the receivers)
