"""A writer's save stays quick: over-long or too-nested bodies and too many tags are refused."""

import time

import pytest
from django.urls import reverse
from taggit.models import Tag

from reviews.markdown import MAX_BODY_LENGTH, MAX_NESTING_DEPTH
from reviews.models import MAX_TAGS, Review
from tests.caching.helpers import served, warm
from tests.factories import TitleFactory
from tests.reviews.admin_forms import form_data
from tests.reviews.factories import ReviewFactory, staff_user

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:reviews_review_add")
# Everything a writer's save of the change form costs (session, permissions, the
# review and its row lock, revision, workflow log, the library images it places, the
# check that no other review shows the same headline, the writer's autosave deleted),
# tags included, however many tags there are.
TAGGED_SAVE_QUERIES = 42
# A bound on CPU time, which a loaded machine inflates far less than the wall clock;
# before the fix these saves took 10 to 30 seconds.
CPU_SECONDS = 2.0


@pytest.fixture
def writer(client):
    writer = staff_user("Writers")
    client.force_login(writer)
    return writer


def add_review(client, **changes):
    data = {
        "title": TitleFactory().pk,
        "slug": "fresh-review",
        "body": "## Start\n\nWords.",
        "comments_open": "on",
        "transitions-TOTAL_FORMS": "0",
        "transitions-INITIAL_FORMS": "0",
        **changes,
    }
    return client.post(ADD_URL, data)


def field_errors(response, name):
    return response.context["adminform"].form.errors.get(name, [])


def test_body_over_the_limit_is_refused_with_the_text_kept_and_nothing_saved(client, writer):
    body = "Marker-words. " + "x" * MAX_BODY_LENGTH

    response = add_review(client, body=body)

    assert response.status_code == 200
    assert field_errors(response, "body") == [
        f"The body may be at most {MAX_BODY_LENGTH:,} characters long; this one has "
        f"{len(body):,}. Split it into two reviews or shorten it."
    ]
    assert "Marker-words. xxxx" in response.content.decode()
    assert not Review.objects.exists()


def test_nested_list_from_the_issue_is_a_form_error_not_a_500(client, writer):
    started = time.process_time()
    response = add_review(client, body="Intro.\n\n" + ("- " * 500 + "x\n") * 3)

    assert time.process_time() - started < CPU_SECONDS
    assert response.status_code == 200
    assert field_errors(response, "body") == [
        f"Lists, quotes and spoilers may sit at most {MAX_NESTING_DEPTH} levels inside each "
        "other; around line 3 they go deeper. Flatten them there."
    ]
    assert "Intro." in response.content.decode()
    assert not Review.objects.exists()


def test_nesting_at_the_limit_is_saved(client, writer):
    response = add_review(client, body="- " * MAX_NESTING_DEPTH + "deepest")

    assert response.status_code == 302
    assert Review.objects.get().body_html.count("<ul>") == MAX_NESTING_DEPTH


def test_32_kb_of_link_openers_saves_in_well_under_two_seconds_of_cpu(client, writer):
    started = time.process_time()
    response = add_review(client, body="[a](" * 8000)

    assert time.process_time() - started < CPU_SECONDS
    assert response.status_code == 302
    assert Review.objects.get().body_html.startswith("<p>[a]([a](")


def test_1500_tags_are_refused_naming_the_limit_and_nothing_is_saved(client, writer):
    started = time.process_time()
    response = add_review(client, tags=", ".join(f"tag {n}" for n in range(1500)))

    assert time.process_time() - started < CPU_SECONDS
    assert response.status_code == 200
    assert field_errors(response, "tags") == [
        f"A review may have at most {MAX_TAGS} tags; this one has 1500."
    ]
    assert not Review.objects.exists()
    assert not Tag.objects.exists()


def test_a_tag_longer_than_a_tag_name_is_a_form_error(client, writer):
    response = add_review(client, tags="fine, " + "y" * 101)

    assert field_errors(response, "tags") == [
        f"A tag may be at most 100 characters long: “{'y' * 40}…” is longer."
    ]
    assert not Review.objects.exists()


def open_and_save(client, review, tags):
    url = reverse("admin:reviews_review_change", args=[review.pk])
    page = client.get(url)
    return url, form_data(page, tags=tags)


@pytest.mark.parametrize("how_many", [1, MAX_TAGS])
def test_saving_new_tags_costs_the_same_queries_for_one_or_thirty(
    client, writer, django_assert_num_queries, how_many
):
    review = ReviewFactory(draft=True, author=writer)
    url, data = open_and_save(client, review, ", ".join(f"new-{n}" for n in range(how_many)))

    with django_assert_num_queries(TAGGED_SAVE_QUERIES):
        response = client.post(url, data)

    assert response.status_code == 302
    assert sorted(review.tags.names()) == sorted(f"new-{n}" for n in range(how_many))


def test_changing_tags_keeps_the_shared_ones_drops_the_rest_and_reuses_existing_tags(
    client, writer
):
    other = ReviewFactory(tags=["mecha"])
    review = ReviewFactory(draft=True, author=writer, tags=["bones", "noir"])
    url, data = open_and_save(client, review, "noir, mecha, cyberpunk")

    assert client.post(url, data).status_code == 302

    assert sorted(review.tags.names()) == ["cyberpunk", "mecha", "noir"]
    assert list(other.tags.names()) == ["mecha"]
    assert Tag.objects.filter(name="mecha").count() == 1
    assert Tag.objects.filter(name="bones").exists()


def test_a_new_tag_whose_slug_another_tag_holds_gets_a_slug_of_its_own(client, writer):
    ReviewFactory(tags=["Sci Fi"])
    review = ReviewFactory(draft=True, author=writer)
    url, data = open_and_save(client, review, "sci-fi")

    assert client.post(url, data).status_code == 302

    assert Tag.objects.get(name="sci-fi").slug == "sci-fi_1"
    assert list(review.tags.names()) == ["sci-fi"]


def test_tagging_a_review_in_the_admin_retires_the_cached_tag_page(client, writer):
    editor = staff_user("Editors")
    review = ReviewFactory(headline="Metallic Rouge reviewed", tags=["noir"])
    reader_url = "/tags/mecha/"
    ReviewFactory(tags=["mecha"])
    client.logout()
    warm(client, reader_url)
    assert served(client, reader_url)[0] == "hit"

    client.force_login(editor)
    url, data = open_and_save(client, review, "noir, mecha")
    assert client.post(url, {**data, "_pending_changes": "publish"}).status_code == 302
    client.logout()

    state, html = served(client, reader_url)
    assert state == "miss"
    assert "Metallic Rouge reviewed" in html


def test_untagging_a_review_in_the_admin_takes_it_off_the_cached_tag_page(client, writer):
    editor = staff_user("Editors")
    review = ReviewFactory(headline="Metallic Rouge reviewed", tags=["noir", "mecha"])
    ReviewFactory(tags=["noir"])
    client.logout()
    warm(client, "/tags/noir/")
    assert served(client, "/tags/noir/")[0] == "hit"

    client.force_login(editor)
    url, data = open_and_save(client, review, "mecha")
    assert client.post(url, {**data, "_pending_changes": "publish"}).status_code == 302
    client.logout()

    state, html = served(client, "/tags/noir/")
    assert state == "miss"
    assert "Metallic Rouge reviewed" not in html
