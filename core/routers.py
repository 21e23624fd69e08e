"""Database routing for an optional read replica (DATABASE_REPLICA_URL).

Anonymous readers' GET and HEAD requests for public pages read from the replica; every
write, the admin, any signed-in user, management commands and background work use the
primary ("default"). A request is marked as replica-safe by ReplicaReadsMiddleware; the
mark lives in a context variable, so it never leaks between threads or requests.
"""

from contextvars import ContextVar

from django.conf import settings

from core.requests import is_admin_request

REPLICA = "replica"
_reads_from_replica: ContextVar[bool] = ContextVar("reads_from_replica", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def may_read_from_replica(request) -> bool:
    """A public read nobody needs to see their own writes in.

    Writes (POST and the like) read what they just wrote, staff in the admin must see
    what they just saved, and a signed-in reader's session names a user the replica may
    not have yet: all of these stay on the primary.
    """
    return (
        request.method in ("GET", "HEAD")
        and not is_admin_request(request)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


class ReplicaReadsMiddleware:
    """Marks public reads for the replica while the request runs; a no-op without one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_configured() or not may_read_from_replica(request):
            return self.get_response(request)
        token = _reads_from_replica.set(True)
        try:
            return self.get_response(request)
        finally:
            _reads_from_replica.reset(token)


class PrimaryReplicaRouter:
    """Reads go to the replica only inside a request ReplicaReadsMiddleware marked; writes
    always go to the primary. Both hold the same tables, so relations between their rows
    are allowed, and migrations run on the primary only (the replica copies it)."""

    def db_for_read(self, model, **hints):
        if _reads_from_replica.get() and replica_configured():
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA
