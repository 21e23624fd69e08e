"""The review page costs the same number of queries with no comments and with 500 in threads."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory

from comments.models import Comment, DiscussionSettings
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db

THREADS = 100
REPLIES_PER_THREAD = 4
# The tag's share of the review page: one aggregate for the counts and the page of threads,
# one query for the threads' comments (the settings row comes from the shared cache).
DISCUSSION_QUERIES = 2
# The whole review page: the reviews app's own queries (Also Check ranked, and when the
# next scheduled review goes live, for how long to keep that) plus the discussion's.
REVIEW_PAGE_QUERIES = 10
# The same page for the next reader: its comment list and Also Check picks are kept
# (comments/fragments.py, reviews/related.py), so neither the comments nor the ranking is read.
NEXT_READER_QUERIES = 8


def add_threads(review, threads=THREADS, replies=REPLIES_PER_THREAD) -> None:
    """threads top-level comments, each with a chain of replies nested one under the other."""
    roots = Comment.objects.bulk_create(
        Comment(
            review=review,
            name=f"Reader {n}",
            email=f"r{n}@example.org",
            body=f"Thread {n}",
            status=Comment.Status.APPROVED,
        )
        for n in range(threads)
    )
    parents = roots
    for level in range(1, replies + 1):
        parents = Comment.objects.bulk_create(
            Comment(
                review=review,
                parent=parent,
                root=root,
                depth=level,
                name="Replier",
                email="replier@example.org",
                body=f"Reply {level} in {root.body}",
                status=Comment.Status.APPROVED,
            )
            for parent, root in zip(parents, roots, strict=True)
        )


def test_the_review_page_costs_the_same_with_0_and_500_comments(
    client, django_assert_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # every page below is rendered, none served whole
    empty = ReviewFactory()
    busy = ReviewFactory()
    add_threads(busy)
    assert busy.comments.approved().count() == 500
    DiscussionSettings.load()  # the settings row is created on first use
    # A review without comments has none to read.
    with django_assert_num_queries(REVIEW_PAGE_QUERIES - 1):
        assert client.get(empty.get_absolute_url()).status_code == 200
    with django_assert_num_queries(REVIEW_PAGE_QUERIES):
        page = client.get(busy.get_absolute_url()).content.decode()
    assert "500 comments" in page
    assert "Reply 4 in Thread 19" in page and "Thread 20<" not in page
    with django_assert_num_queries(NEXT_READER_QUERIES):
        again = client.get(busy.get_absolute_url()).content.decode()

    def comment_list(html):
        return html[html.index('<ol class="comment-list">') : html.index('id="respond-home"')]

    assert comment_list(again) == comment_list(page)


def render_discussion(review):
    request = RequestFactory().get(review.get_absolute_url())
    request.user = AnonymousUser()
    template = Template(
        "{% load comment_tags %}{% comment_discussion review as d %}"
        "{% for node in d.threads.nodes %}{{ node.comment.body }}|{% endfor %}"
    )
    return template.render(Context({"request": request, "review": review}))


@pytest.mark.parametrize("threads", [0, THREADS])
def test_the_discussion_is_loaded_in_three_queries_and_the_tree_in_one(
    django_assert_num_queries, threads, rules
):
    review = ReviewFactory()
    add_threads(review, threads=threads)
    with django_assert_num_queries(DISCUSSION_QUERIES) as captured:
        html = render_discussion(review)
    assert html.count("|") == min(threads, rules.per_page)
    tree_queries = [q["sql"] for q in captured.captured_queries if "root_id" in q["sql"]]
    assert len(tree_queries) == 1


def test_the_public_page_never_loads_email_ip_or_browser(django_assert_num_queries, rules):
    review = ReviewFactory()
    add_threads(review, threads=2)
    with django_assert_num_queries(DISCUSSION_QUERIES) as captured:
        render_discussion(review)
    tree_sql = next(q["sql"] for q in captured.captured_queries if "root_id" in q["sql"])
    select_list = tree_sql.split("FROM")[0]
    for private in ('"email"', '"ip"', '"user_agent"'):
        assert private not in select_list
