"""Template context shared by every page: the site's name and the page's canonical URL."""

from django.conf import settings


def site(request):
    """No database work here: every page pays for it, and error pages must stay cheap."""
    return {"site_name": settings.SITE_NAME, "canonical_url": canonical_url(request)}


def canonical_url(request) -> str:
    """The page's one public address: SITE_URL (or the request's host) + path, keeping ?page=."""
    base = settings.SITE_URL or f"{request.scheme}://{request.get_host()}"
    page = request.GET.get("page", "")
    query = f"?page={page}" if page.isdigit() and page != "1" else ""
    return f"{base}{request.path}{query}"
