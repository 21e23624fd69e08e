"""Two gunicorn app servers on one PostgreSQL database and one Redis agree on everything.

What one server changes, the other shows at once (the page cache lives in the shared
Redis and every change replaces its generation); counters and limits kept in the
database or in Redis hold across both.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.production.conftest import REDIS_URL, needs_postgres_and_redis
from tests.production.databases import dedicated_database, fetch_one, server_url
from tests.production.servers import Browser, gunicorn, manage, production_env

pytestmark = needs_postgres_and_redis

ADMIN_PASSWORD = "demo-password-for-tests"  # noqa: S105 - DEMO_PASSWORD in production_env
UNPUBLISHED_SLUG = "vinland-saga-season-02-farm-arc"
COMMENTED_SLUG = "metallic-rouge-season-01-review"
PENDING_COMMENT = "Is the middle stretch really that slow?"
CONCURRENT_VOTES = 16
COMMENT_LIMIT = 5


@pytest.fixture(scope="module")
def servers(static_root, tmp_path_factory):
    """Two app servers on a dedicated database with the demo content; yields (database, urls)."""
    folder = tmp_path_factory.mktemp("two-servers")
    with dedicated_database("animeblog_twoservers") as database:
        env = production_env(
            server_url(database),
            static_root,
            REDIS_URL=REDIS_URL,
            DJANGO_MEDIA_ROOT=str(folder / "media"),
            RATINGS_PER_IP_LIMIT="1000",
            COMMENTS_RATE_LIMIT=str(COMMENT_LIMIT),
        )
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        manage(env, "ensure_demo_users")
        with gunicorn(env, folder / "a.log") as first, gunicorn(env, folder / "b.log") as second:
            yield database, (first, second)


def admin_action(base_url: str, changelist: str, action: str, pk: int) -> None:
    """Run an admin list action on one row, signed in as the demo superuser."""
    staff = Browser()
    staff.log_in(base_url, "admin", ADMIN_PASSWORD)
    answer = staff.post(
        f"{base_url}/admin/{changelist}/", {"action": action, "_selected_action": [pk]}
    )
    assert answer.status == 302, answer.body[:500]


def test_a_review_published_through_one_server_shows_on_the_other(servers):
    database, (first, second) = servers
    reader = Browser()
    assert UNPUBLISHED_SLUG not in reader.get(f"{second}/").body
    (pk,) = fetch_one(database, "SELECT id FROM reviews_review WHERE slug = %s", UNPUBLISHED_SLUG)

    admin_action(first, "reviews/review", "publish_now", pk)

    assert f"/reviews/{UNPUBLISHED_SLUG}/" in reader.get(f"{second}/").body
    assert reader.get(f"{second}/reviews/{UNPUBLISHED_SLUG}/").status == 200


def test_a_comment_approved_through_one_server_shows_on_both(servers):
    database, (first, second) = servers
    page = f"/reviews/{COMMENTED_SLUG}/"
    reader = Browser()
    assert PENDING_COMMENT not in reader.get(f"{first}{page}").body
    assert PENDING_COMMENT not in reader.get(f"{second}{page}").body
    (pk,) = fetch_one(database, "SELECT id FROM comments_comment WHERE name = %s", "Rahul")

    admin_action(first, "comments/comment", "mark_approved", pk)

    assert PENDING_COMMENT in reader.get(f"{first}{page}").body
    assert PENDING_COMMENT in reader.get(f"{second}{page}").body


def test_ratings_sent_to_both_servers_at_once_are_counted_exactly(servers):
    database, urls = servers
    count_query = "SELECT rating_count, rating_sum FROM reviews_review WHERE slug = %s"
    count_before, sum_before = fetch_one(database, count_query, COMMENTED_SLUG)
    scores = [index % 10 + 1 for index in range(CONCURRENT_VOTES)]

    def vote(index: int) -> int:
        url = f"{urls[index % 2]}/reviews/{COMMENTED_SLUG}/rate/"
        return Browser().post(url, {"score": scores[index]}).status

    with ThreadPoolExecutor(max_workers=CONCURRENT_VOTES) as pool:
        statuses = list(pool.map(vote, range(CONCURRENT_VOTES)))

    assert all(status < 400 for status in statuses), statuses
    assert fetch_one(database, count_query, COMMENTED_SLUG) == (
        count_before + CONCURRENT_VOTES,
        sum_before + sum(scores),
    )
    (rows,) = fetch_one(
        database,
        "SELECT count(*) FROM ratings_rating r JOIN reviews_review v ON v.id = r.review_id"
        " WHERE v.slug = %s",
        COMMENTED_SLUG,
    )
    assert rows == count_before + CONCURRENT_VOTES


def test_the_comment_rate_limit_holds_across_both_servers(servers):
    _, urls = servers
    reader = Browser()

    statuses = [
        reader.post(f"{urls[index % 2]}/reviews/{COMMENTED_SLUG}/comment/", {"body": ""}).status
        for index in range(COMMENT_LIMIT + 1)
    ]

    assert 429 not in statuses[:COMMENT_LIMIT]
    assert statuses[COMMENT_LIMIT] == 429


def test_two_editors_on_different_servers_see_each_other_on_a_review(servers):
    """Presence heartbeats live in the shared Redis, not in one server's memory."""
    database, (first, second) = servers
    (pk,) = fetch_one(database, "SELECT id FROM reviews_review WHERE slug = %s", COMMENTED_SLUG)
    presence = f"/admin/reviews/review/{pk}/presence/"
    admin, editor = Browser(), Browser()
    admin.log_in(first, "admin", ADMIN_PASSWORD)
    editor.log_in(second, "editor", ADMIN_PASSWORD)

    assert admin.post(f"{first}{presence}", {}).json() == {"messages": []}
    seen_by_editor = editor.post(f"{second}{presence}", {}).json()["messages"]
    seen_by_admin = admin.post(f"{first}{presence}", {}).json()["messages"]

    assert [message.split(" (since")[0] for message in seen_by_editor] == [
        "admin is also editing this review"
    ]
    assert [message.split(" (since")[0] for message in seen_by_admin] == [
        "editor is also editing this review"
    ]
