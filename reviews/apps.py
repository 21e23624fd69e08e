"""App configuration for reviews."""

from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Reviews"

    def ready(self):
        """Connect the listeners that keep headlines and rating totals in step with their data."""
        from reviews import rating_signals, signals  # noqa: F401 (connects the receivers)
