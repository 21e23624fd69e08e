"""App configuration for reviews."""

from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Reviews"

    def ready(self):
        """Connect the catalog listeners and keep revisions of every review save."""
        import reversion

        from reviews import signals  # noqa: F401 (connects the receivers)

        reversion.register(self.get_model("Review"))
