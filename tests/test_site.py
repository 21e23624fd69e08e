"""Site-wide pages and the shared layout: home, health check, error pages, head tags."""

import pytest
from django.db.utils import OperationalError

from catalog import selectors
from tests.factories import GenreFactory, LanguageFactory, QualityVariantFactory, TitleFactory

pytestmark = pytest.mark.django_db


def test_home_lists_genres_with_shows_and_recently_added_shows(client):
    mecha = GenreFactory(name="Mecha")
    GenreFactory(name="Empty Genre")
    TitleFactory(name="Steel Giants", genres=[mecha])

    page = client.get("/").content.decode()

    assert (
        '<a class="chip" href="/genres/mecha/">Mecha <span class="chip__count">(1)</span>' in page
    )
    assert "Empty Genre" not in page
    assert '<a href="/anime/steel-giants/">Steel Giants</a>' in page


def test_home_lists_audio_languages_in_use(client):
    QualityVariantFactory(audio_languages=[LanguageFactory(code="ta", name="Tamil")])
    LanguageFactory(code="de", name="German")

    page = client.get("/").content.decode()

    assert '<a class="chip" href="/languages/ta/">Tamil</a>' in page
    assert "German" not in page


def test_home_lists_each_audio_language_once_by_name_however_many_variants_use_it(client):
    tamil = LanguageFactory(code="ta", name="Tamil")
    japanese = LanguageFactory(code="ja", name="Japanese")
    QualityVariantFactory.create_batch(3, audio_languages=[tamil, japanese])

    page = client.get("/").content.decode()

    assert page.count('href="/languages/ta/"') == 1
    assert page.count('href="/languages/ja/"') == 1
    assert page.index('href="/languages/ja/"') < page.index('href="/languages/ta/"')


def test_every_page_has_skip_link_navigation_search_form_and_back_to_top(client):
    page = client.get("/").content.decode()

    assert '<body id="top">' in page
    assert '<a class="skip-link" href="#content">Skip to content</a>' in page
    assert '<nav class="site-nav" aria-label="Main">' in page
    assert '<form class="site-search" role="search" action="/search/" method="get">' in page
    assert 'type="search" name="q"' in page
    assert '<a href="#top"><span class="back-to-top__label">Back to top</span>' in page


def test_search_box_shows_the_query_escaped(client):
    page = client.get("/", {"q": '"><script>x</script>'}).content.decode()

    assert 'value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"' in page


def test_pages_carry_canonical_link_and_open_graph_tags(client):
    TitleFactory(name="Steel Giants", synopsis="Robots fight in the rain.")

    page = client.get("/anime/steel-giants/?utm_source=feed").content.decode()

    assert '<link rel="canonical" href="http://testserver/anime/steel-giants/">' in page
    assert '<meta property="og:url" content="http://testserver/anime/steel-giants/">' in page
    assert '<meta property="og:title" content="Steel Giants">' in page
    assert '<meta name="description" content="Robots fight in the rain.">' in page


def test_canonical_link_uses_site_url_and_keeps_the_page_number(client, settings):
    settings.SITE_URL = "https://anime.example"
    GenreFactory(name="Mecha")

    page = client.get("/genres/mecha/?page=2&sort=x").content.decode()

    assert '<link rel="canonical" href="https://anime.example/genres/mecha/?page=2">' in page


def test_health_check_reports_database_and_cache_reachable(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True, "cache": True}
    assert "no-cache" in response["Cache-Control"]


class UnreachableDatabase:
    def cursor(self):
        raise OperationalError("connection refused")


class UnreachableCache:
    def set(self, *args, **kwargs):
        raise ConnectionError("cache down")


def test_health_check_is_unavailable_when_the_database_fails(client, monkeypatch):
    monkeypatch.setattr("animeblog.views.connection", UnreachableDatabase())

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": False, "cache": True}


def test_health_check_is_unavailable_when_the_cache_fails(client, monkeypatch):
    monkeypatch.setattr("animeblog.views.cache", UnreachableCache())

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": True, "cache": False}


def test_unknown_address_gets_the_styled_not_found_page(client):
    response = client.get("/no/such/page/")

    assert response.status_code == 404
    page = response.content.decode()
    assert "<h1>Page not found</h1>" in page
    assert '<a class="site-name" href="/">' in page
    assert '<meta name="robots" content="noindex">' in page
    assert 'href="#top"' not in page


def test_server_error_gets_the_styled_error_page(client, monkeypatch):
    def broken(slug):
        raise RuntimeError("boom")

    monkeypatch.setattr(selectors, "title_for_page", broken)
    client.raise_request_exception = False

    response = client.get("/anime/anything/")

    assert response.status_code == 500
    page = response.content.decode()
    assert "<h1>Something went wrong</h1>" in page
    assert "boom" not in page
