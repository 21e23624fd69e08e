"""The project package as an app, so the page cache's invalidation is wired at start-up."""

from django.apps import AppConfig


class AnimeblogConfig(AppConfig):
    name = "animeblog"
    verbose_name = "Site"

    def ready(self):
        """Every process that can change content (servers, shell, commands) retires pages."""
        from animeblog import invalidation

        invalidation.connect()
