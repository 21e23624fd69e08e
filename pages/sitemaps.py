"""The sitemap section of the published static pages."""

from pages.models import Page
from reviews.sitemaps import PublicSitemap


class PageSitemap(PublicSitemap):
    priority = 0.3
    changefreq = "monthly"

    def items(self):
        return Page.objects.published().order_by("pk")
