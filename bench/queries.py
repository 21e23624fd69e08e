"""`python -m bench.queries STATIC_PATH`: database queries per benchmarked page, as JSON.

Run by bench/run.py in its own process with the same environment as the server,
so it sees the same database, cache and settings. Each page is requested through
Django's test client under CaptureQueriesContext, after a first request: that one
pays the process's one-time lookups (content types, the discussion settings) and,
for a cached page, stores it, so the count is that of a hit.
"""

import json
import os
import sys


def count_queries(static_path: str) -> dict[str, dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.pages import pages

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for page in pages(static_path):
        client.get(page.url_path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.url_path)
        counts[page.label] = {
            "queries": len(queries),
            "status": response.status_code,
            "x_cache": response.get("X-Cache", ""),
        }
    return counts


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "animeblog.settings")
    import django

    django.setup()
    print(json.dumps(count_queries(argv[0])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
