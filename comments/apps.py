"""App configuration for comments."""

from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Comments"

    def ready(self):
        """Connect the listener that keeps the approved count on reviews exact."""
        from comments import receivers  # noqa: F401 (connects the receivers)
