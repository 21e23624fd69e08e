"""App configuration for reviews."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Reviews"

    def ready(self):
        """Connect the listeners that keep headlines and rating totals in step with their data,
        and the one that gives the editorial roles their permissions after every migrate."""
        from reviews import rating_signals, signals  # noqa: F401 (connects the receivers)
        from reviews.roles import ROLE_APP_LABELS, grant_role_permissions_after_migrate

        # Django creates an app's permissions on its post_migrate, so each app's part of
        # the roles is granted on that app's signal, right after (auth connected first).
        for app_label in ROLE_APP_LABELS:
            post_migrate.connect(
                grant_role_permissions_after_migrate, sender=self.apps.get_app_config(app_label)
            )
