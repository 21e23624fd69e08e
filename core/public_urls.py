"""The site's public address, built one way everywhere: SITE_URL when set, else the request's.

Canonical links, feeds, the sitemap, structured data and links in emails all name the
site through these two functions, so a site behind a proxy (SITE_URL set) never leaks
an internal host name, and a site without SITE_URL still gives absolute links.
"""

from django.conf import settings


def site_url(request=None) -> str:
    """The base URL without a trailing slash: SITE_URL, else the scheme and host of `request`.

    "" when SITE_URL is unset and there is no request to ask (a management command).
    """
    if settings.SITE_URL:
        return settings.SITE_URL
    if request is None:
        return ""
    return f"{request.scheme}://{request.get_host()}"


def absolute_url(path: str, *, request=None) -> str:
    """`path` (starting with /) as a full public URL."""
    return f"{site_url(request)}{path}"
