"""App configuration for reviews."""

from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Reviews"

    def ready(self):
        """Connect the listeners that keep headlines in step with the catalog."""
        from reviews import receivers  # noqa: F401 (connects the receivers)
