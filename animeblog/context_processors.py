"""Template context shared by every page: the site's name and base URL."""

from django.conf import settings


def site(request):
    return {"site_name": settings.SITE_NAME}
