"""Run requests at the same moment from real threads, each with its own database connection."""

import threading
import time

import pytest
from django.db import connection


def skip_unless_postgresql(shows: str) -> None:
    """Skip on SQLite, which lets one writer in at a time and so cannot show a race."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL (DATABASE_URL=postgres://...): SQLite lets one writer in at "
            f"a time, so it cannot show that {shows}"
        )


def all_at_once(jobs) -> list:
    """Run the jobs in threads released together; each closes its own database connection."""
    barrier = threading.Barrier(len(jobs))
    results, errors = [None] * len(jobs), []

    def run(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except Exception as error:  # any failure, reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


def in_background(job):
    """Start ``job`` in a thread with its own connection; the returned function joins it.

    Calling it waits for the job and returns its result (or raises its error).
    """
    outcome = {}

    def run():
        try:
            outcome["result"] = job()
        except Exception as error:  # raised again in the caller's thread
            outcome["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()

    def result():
        thread.join()
        if "error" in outcome:
            raise outcome["error"]
        return outcome["result"]

    return result


def wait_for_lock_waiters(count: int, timeout: float = 30) -> None:
    """Block until ``count`` other connections are queued behind a lock (this test holds it)."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            # Activity is read once per transaction unless the snapshot is cleared.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0] >= count:
                return
            time.sleep(0.02)
    pytest.fail(f"{count} queries should have been waiting for the locked row by now")
