"""Static pages: written in Markdown in the admin, published or hidden, linked from the
footer, cached like every public page, and the demo's About, Privacy and Contact."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from pages.models import Page
from tests.pages.factories import PageFactory
from tests.reviews.factories import staff_user

pytestmark = pytest.mark.django_db


def test_a_published_page_renders_its_markdown_in_one_query(client, django_assert_num_queries):
    page = PageFactory(title="About us", body="## Who we are\n\nWe **watch** anime.")

    with django_assert_num_queries(1):
        response = client.get(page.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>About us</h1>" in html
    assert "<strong>watch</strong>" in html
    assert '<h2 id="who-we-are">Who we are' in html


def test_an_unpublished_page_is_not_found(client):
    draft = PageFactory(is_published=False)

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_page_body_is_sanitised_like_a_reviews(client):
    page = PageFactory(body='Hi <script>alert(1)</script> <a href="javascript:alert(1)">x</a>')

    html = client.get(page.get_absolute_url()).content.decode()

    assert "<script>alert" not in html
    assert "javascript:alert" not in html


def test_the_footer_links_about_privacy_and_contact(client):
    html = client.get("/").content.decode()

    for slug in ["about", "privacy", "contact"]:
        assert f'href="/pages/{slug}/"' in html


def test_an_editor_writes_a_page_in_the_admin_and_readers_see_it(client):
    client.force_login(staff_user("Editors"))

    response = client.post(
        reverse("admin:pages_page_add"),
        {"title": "Press", "slug": "press", "body": "Write to *press* desk.", "is_published": "on"},
    )
    client.logout()

    assert response.status_code == 302
    assert "<em>press</em>" in client.get("/pages/press/").content.decode()


def test_a_reader_cannot_open_the_page_admin(client):
    client.force_login(staff_user("Writers"))

    assert client.get(reverse("admin:pages_page_add")).status_code == 403


def test_saving_a_page_retires_its_cached_copy(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    page = PageFactory(body="First words.")
    assert "First words." in client.get(page.get_absolute_url()).content.decode()

    page.body = "Second words."
    page.save()

    assert "Second words." in client.get(page.get_absolute_url()).content.decode()


def test_the_sitemap_lists_published_pages_only(client):
    published = PageFactory()
    draft = PageFactory(is_published=False)

    xml = client.get("/sitemap-pages.xml").content.decode()

    assert f"http://testserver{published.get_absolute_url()}" in xml
    assert draft.get_absolute_url() not in xml


def test_the_demo_loader_writes_about_privacy_and_contact_once(client):
    for _run in range(2):
        call_command("load_demo", stdout=io.StringIO())

    assert sorted(Page.objects.published().values_list("slug", flat=True)) == [
        "about",
        "contact",
        "privacy",
    ]
    assert client.get("/pages/privacy/").status_code == 200
