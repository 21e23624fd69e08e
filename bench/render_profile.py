"""`python -m bench.render_profile`: the review page's render time, with and without comments.

One live review, rendered through Django's test client with the page cache off, on a
throwaway in-memory SQLite database (it never touches the project's databases or Redis).
The discussion is the bench dataset's: 300 approved comments in 100 threads of a
top-level comment and two replies. Each row is the median of RENDER_RUNS renders after
a first one (the process's one-time lookups), as wall clock and as this process's CPU
time, with the page's queries: with no comments, with the default 20 threads a page
(60 comments shown), and with all 100 threads on one page (300 shown).
"""

import logging
import os
import statistics
import sys
import time
from datetime import timedelta

RENDER_RUNS = int(os.environ.get("RENDER_RUNS", "30"))
THREADS = 100
REPLIES_PER_THREAD = 2


def add_discussion(review) -> None:
    """THREADS top-level comments, each answered twice, written in creation order."""
    from django.utils import timezone

    from comments.models import Comment
    from comments.services import refresh_comment_counts

    start = timezone.now() - timedelta(days=30)

    def comment(n: int, **thread) -> Comment:
        return Comment(
            review=review,
            name=f"Reader {n}",
            email=f"reader{n}@example.com",
            website=f"https://example.com/{n}" if n % 4 == 0 else "",
            body=f"Comment {n}: the second half <em>drags</em> & the OP is great.\n\nAgreed.",
            is_spoiler=n % 10 == 0,
            status=Comment.Status.APPROVED,
            created_at=start + timedelta(seconds=n),
            **thread,
        )

    roots = Comment.objects.bulk_create(comment(n) for n in range(THREADS))
    Comment.objects.bulk_create(
        comment(THREADS + n * REPLIES_PER_THREAD + r, parent=root, root=root, depth=1)
        for n, root in enumerate(roots)
        for r in range(REPLIES_PER_THREAD)
    )
    refresh_comment_counts(review_ids=[review.pk])


def live_review(slug: str):
    from django.contrib.auth.models import User
    from django.utils import timezone

    from catalog.models import Title
    from reviews.models import Review

    author, _ = User.objects.get_or_create(username="bench-writer")
    title = Title.objects.create(name=f"Show {slug}", slug=f"show-{slug}", premiere_year=2024)
    return Review.objects.create(
        title=title,
        slug=slug,
        excerpt="A short excerpt.",
        body="## First impressions\n\nA review body.\n",
        verdict="Worth a watch.",
        author=author,
        status=Review.Status.PUBLISHED,
        publish_at=timezone.now() - timedelta(days=1),
    )


def measure(client, url: str) -> tuple[float, float, int, int]:
    """Median wall and CPU ms of RENDER_RUNS renders, the queries of one, its status."""
    from django.db import connection

    from core.request_log import QueryCounter

    client.get(url)
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        status = client.get(url).status_code
    walls, cpus = [], []
    for _run in range(RENDER_RUNS):
        wall, cpu = time.perf_counter(), time.process_time()
        client.get(url)
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus), counter.count, status


def main() -> int:
    # A throwaway database and no cache in front, whatever the shell says.
    for name in ("DATABASE_URL", "DATABASE_REPLICA_URL", "REDIS_URL"):
        os.environ.pop(name, None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "animeblog.settings"
    os.environ["DJANGO_DEBUG"] = "1"
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    logging.getLogger("animeblog.requests").setLevel(logging.WARNING)
    from django.db import connection
    from django.test import Client

    from comments.models import DiscussionSettings

    connection.creation.create_test_db(verbosity=0)
    quiet = live_review("no-comments")
    busy = live_review("three-hundred-comments")
    add_discussion(busy)
    rules = DiscussionSettings.load()
    # No setup_test_environment: its instrumented rendering would charge each template
    # rendered (once per comment with a recursive include) for a copy of the context.
    client = Client(HTTP_HOST="127.0.0.1")

    rows = [
        "| review page | comments shown | ms (wall) | ms (CPU) | queries | status |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]

    def row(label: str, review, shown: int) -> None:
        wall, cpu, queries, status = measure(client, review.get_absolute_url())
        rows.append(f"| {label} | {shown} | {wall:.1f} | {cpu:.1f} | {queries} | {status} |")

    row("no comments", quiet, 0)
    per_thread = 1 + REPLIES_PER_THREAD
    row(f"300 comments, {rules.per_page} threads a page", busy, rules.per_page * per_thread)
    rules.per_page = THREADS
    rules.save()
    row(f"300 comments, {THREADS} threads a page", busy, THREADS * per_thread)
    print(f"Median of {RENDER_RUNS} renders through the test client, page cache off.\n")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
