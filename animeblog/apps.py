"""The project package as an app: the page cache's invalidation and the editorial roles,
wired at start-up; and Django's admin app, on the site's own admin site."""

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


class SiteAdminConfig(admin_apps.AdminConfig):
    """Django's admin app, with the site's admin site (animeblog/admin_site.py) as admin.site."""

    default = False
    default_site = "animeblog.admin_site.SiteAdmin"


class AnimeblogConfig(AppConfig):
    name = "animeblog"
    verbose_name = "Site"

    def ready(self):
        """Every process that can change content (servers, shell, commands) retires pages, and
        every migrate gives the role groups their permissions.

        The roles span the apps, so they live here, on top. Django creates an app's
        permissions on that app's post_migrate, so each app's part of the roles is
        granted on that app's signal, right after (auth's receiver is connected first).
        """
        from animeblog import invalidation
        from animeblog.roles import ROLE_APP_LABELS, grant_role_permissions_after_migrate

        invalidation.connect()
        for app_label in ROLE_APP_LABELS:
            post_migrate.connect(
                grant_role_permissions_after_migrate, sender=self.apps.get_app_config(app_label)
            )
