"""Template context shared by every page: the site's name and the page's canonical URL."""

from django.conf import settings

from core.public_urls import absolute_url


def site(request):
    """No database work here: every page pays for it, and error pages must stay cheap."""
    return {"site_name": settings.SITE_NAME, "canonical_url": canonical_url(request)}


def canonical_url(request) -> str:
    """The page's one public address: the site's address + path, keeping ?page=."""
    page = request.GET.get("page", "")
    query = f"?page={page}" if page.isdigit() and page != "1" else ""
    return absolute_url(f"{request.path}{query}", request=request)
