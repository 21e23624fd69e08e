"""`python -m bench.hostile_markdown`: how long hostile review bodies and tag lists cost.

Two tables. The first renders each hostile body with reviews.markdown.render_markdown
and says whether the admin form refuses it (too long, or nested too deep) before
rendering. The second posts the issue's cases to the admin's review form as a writer,
through Django's test client on a throwaway in-memory SQLite database: the whole
request, with its status and queries. Each time is the median of five runs, as wall
clock and as this process's CPU time: on a machine shared with other work the first
grows with the neighbours' load, the second does not. The target is every case
rendered or refused in under 200 ms. It never touches the project's databases or Redis.
"""

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

RUNS = 5
TARGET_MS = 200
DEMO_REVIEW = Path(__file__).resolve().parents[1] / "reviews/demo/content/metallic-rouge-review.md"


def hostile_bodies(limit: int) -> dict[str, str]:
    """The issue's two bodies, then one of each kind of hostile input at the length limit."""

    def filled(unit: str, head: str = "", tail: str = "") -> str:
        """``head``, then ``unit`` repeated, then ``tail``: at most ``limit`` characters."""
        return head + unit * ((limit - len(head) - len(tail)) // len(unit)) + tail

    columns = limit // 6
    return {
        "issue: `[a](` × 8,000 (32 kB)": "[a](" * 8000,
        'issue: `("- "*500+"x\\n")*3` (3 kB)': ("- " * 500 + "x\n") * 3,
        "`[` at the limit": filled("["),
        "`![a](` at the limit": filled("![a]("),
        '`[a](b "` (open titles)': filled('[a](b "'),
        "`*a` emphasis openers": filled("*a"),
        "`_a` emphasis openers": filled("_a"),
        "`` `a `` code openers": filled("`a"),
        "`<a` tag openers": filled("<a"),
        "`<http://` autolink openers": filled("<http://"),
        "`> ` quotes nested": filled("> ", tail="x"),
        "`1. a` / `- b` lists alternating": filled("1. a\n- b\n"),
        "table: 2 columns, many rows": filled("|x|y|\n", head="|a|b|\n|-|-|\n"),
        "table: many columns": "\n".join(["|a" * columns, "|-" * columns, "|b" * columns]),
        "`## h` headings, all one name": filled("## h\n"),
        "`:::spoiler` never closed": filled(":::spoiler\n"),
        "`:::spoiler` many times, closed once": filled(":::spoiler\n", tail=":::\n"),
        "spoilers opened and closed": filled(":::spoiler x\ny\n:::\n"),
        "`[a]: b` references": filled("[a]: b\n[a]\n"),
        "raw `<div>` openers": filled("<div>"),
        "`&amp;` entities": filled("&amp;"),
        "the Metallic Rouge review, repeated": filled(DEMO_REVIEW.read_text() + "\n\n"),
    }


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds of RUNS calls."""
    walls, cpus = [], []
    for _run in range(RUNS):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def refusal(body: str) -> str:
    from reviews.markdown import MAX_BODY_LENGTH, MAX_NESTING_DEPTH, body_nesting

    if len(body) > MAX_BODY_LENGTH:
        return "refused: too long"
    nesting = body_nesting(body)
    if nesting.depth > MAX_NESTING_DEPTH:
        return f"refused: nested {nesting.depth} deep"
    return "saved"


def render_table() -> list[str]:
    from reviews.markdown import MAX_BODY_LENGTH, render_markdown

    rows = [
        "| body | characters | render ms (wall) | render ms (CPU) | check ms (CPU) | the form |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for label, body in hostile_bodies(MAX_BODY_LENGTH).items():
        wall, cpu = timed(lambda body=body: render_markdown(body))
        _wall, check_cpu = timed(lambda body=body: refusal(body))
        rows.append(
            f"| {label} | {len(body):,} | {wall:.0f} | {cpu:.0f} | {check_cpu:.0f} "
            f"| {refusal(body)} |"
        )
    return rows


def admin_cases() -> dict[str, dict]:
    from reviews.markdown import MAX_BODY_LENGTH

    return {
        "issue: 1,500 tags": {"tags": ", ".join(f"tag-{n}" for n in range(1500))},
        "30 new tags": {"tags": ", ".join(f"tag-{n}" for n in range(30))},
        "1 new tag": {"tags": "tag-one"},
        "issue: `[a](` × 8,000 (32 kB)": {"body": "[a](" * 8000},
        "issue: nested list (3 kB)": {"body": ("- " * 500 + "x\n") * 3},
        "body one character over the limit": {"body": "x" * (MAX_BODY_LENGTH + 1)},
    }


def admin_table() -> list[str]:
    from django.contrib.auth.models import Group, User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from taggit.models import Tag

    from catalog.models import Title
    from reviews.models import Review

    title = Title.objects.create(name="Bench show", slug="bench-show", premiere_year=2024)
    writer = User.objects.create_user("bench-writer", is_staff=True)
    writer.groups.add(Group.objects.get(name="Writers"))
    client = Client()
    client.force_login(writer)
    client.get("/admin/reviews/review/add/")  # the process's one-time lookups

    def post(changes: dict) -> tuple[int, int]:
        Review.objects.all().delete()
        Tag.objects.all().delete()
        data = {
            "title": title.pk,
            "slug": "bench-review",
            "body": "## Start\n\nWords.",
            "comments_open": "on",
            "transitions-TOTAL_FORMS": "0",
            "transitions-INITIAL_FORMS": "0",
            **changes,
        }
        with CaptureQueriesContext(connection) as queries:
            status = client.post("/admin/reviews/review/add/", data).status_code
        return status, len(queries)

    rows = [
        "| admin save | status | queries | ms (wall) | ms (CPU) |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for label, changes in admin_cases().items():
        status, queries = post(changes)
        wall, cpu = timed(lambda changes=changes: post(changes))
        outcome = "saved" if status == 302 else "refused"
        rows.append(f"| {label} | {status} ({outcome}) | {queries} | {wall:.0f} | {cpu:.0f} |")
    return rows


def main() -> int:
    # A throwaway database and cache, whatever the shell says.
    for name in ("DATABASE_URL", "DATABASE_REPLICA_URL", "REDIS_URL"):
        os.environ.pop(name, None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "animeblog.settings"
    os.environ["DJANGO_DEBUG"] = "1"
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment(debug=False)
    print(f"Median of {RUNS} runs; target: each case under {TARGET_MS} ms.\n")
    print("\n".join(render_table()))
    connection.creation.create_test_db(verbosity=0)
    print()
    print("\n".join(admin_table()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
