"""Root URL map: the public interface listed in DESIGN.md, plus the admin."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from animeblog import csrf, views
from animeblog.sitemaps import SITEMAPS

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("healthz", views.healthz, name="healthz"),
    path("csrf/", csrf.token, name="csrf_token"),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS, "template_name": "sitemaps/images.xml"},
        name="sitemap_section",
    ),
    path("", include("catalog.urls")),
    path("", include("reviews.urls")),
    path("", include("ratings.urls")),
    path("", include("comments.urls")),
    path("", include("pages.urls")),
]

# Bad requests (a foreign Host, an oversize body) get the site's 400 page, which renders
# without the request that was bad.
handler400 = "core.bad_input.bad_request_page"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
