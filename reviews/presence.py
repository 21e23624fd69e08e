"""Who else has a review open in the admin: heartbeats kept in the shared cache.

The review's change page posts a heartbeat every HEARTBEAT_SECONDS (static/js/presence.js)
to the admin endpoint ``admin:reviews_review_presence``; each heartbeat records the editor
for EXPIRY_SECONDS and answers who else is there, so both people see "NAME is also editing
this review (since HH:MM)". The cache is Django's (Redis in production), so two editors
served by different app servers see each other. Silence past the expiry, or leaving the
page (a last beacon), removes the editor.

Each editor has a key of their own, which expires by itself; the review's key lists who
may be there. Two heartbeats at the same moment may each write that list without the
other's id: the missing editor is put back by their next heartbeat, a few seconds later.
"""

import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.contrib.admin.utils import unquote
from django.core.cache import cache
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from reviews.authors import author_name

HEARTBEAT_SECONDS = 15
# Three missed heartbeats and the editor is taken as gone.
EXPIRY_SECONDS = 45
# Each opening of the change page is named by a random id, which its heartbeats carry.
PAGE_ID_BYTES = 12
PAGE_ID_LENGTH = 16


@dataclass(frozen=True)
class Presence:
    name: str
    since: datetime

    @property
    def message(self) -> str:
        since = timezone.localtime(self.since).strftime("%H:%M")
        return f"{self.name} is also editing this review (since {since})"


def _review_key(review_id: int) -> str:
    return f"reviews:presence:{review_id}"


def _editor_key(review_id: int, user_id: int) -> str:
    return f"reviews:presence:{review_id}:{user_id}"


def _left_key(review_id: int, page: str) -> str:
    return f"reviews:presence:{review_id}:left:{page}"


def record_presence(*, review_id: int, user, page: str) -> list[Presence]:
    """Note that ``user`` has the review open now in ``page``; return the others who have it open.

    ``page`` names one opening of the change page. A heartbeat of a page that has
    already said it left (one sent just before the beacon, answered after it) records
    nothing, so a departed editor never comes back from their own last heartbeat.
    """
    own_key = _editor_key(review_id, user.pk)
    if not cache.get(_left_key(review_id, page)):
        earlier = cache.get(own_key)
        since = earlier["since"] if earlier else time.time()
        cache.set(
            own_key, {"name": author_name(user), "since": since, "page": page}, EXPIRY_SECONDS
        )
    listed = [pk for pk in cache.get(_review_key(review_id), []) if pk != user.pk]
    entries = cache.get_many([_editor_key(review_id, pk) for pk in listed])
    others = [pk for pk in listed if _editor_key(review_id, pk) in entries]
    cache.set(_review_key(review_id), [*others, user.pk], EXPIRY_SECONDS)
    return sorted(
        (
            Presence(name=entry["name"], since=datetime.fromtimestamp(entry["since"], tz=UTC))
            for entry in entries.values()
        ),
        key=lambda presence: presence.since,
    )


def remove_presence(*, review_id: int, user, page: str) -> None:
    """``user`` closed ``page``: the others stop seeing them at their next heartbeat.

    Their entry goes only when it is this page's: the same editor may have the review
    open in another tab, whose next heartbeat keeps them there.
    """
    cache.set(_left_key(review_id, page), True, EXPIRY_SECONDS)
    own_key = _editor_key(review_id, user.pk)
    entry = cache.get(own_key)
    if entry and entry.get("page") == page:
        cache.delete(own_key)


class PresenceAdminMixin:
    """For the review admin: the heartbeat endpoint, and the banner on the change page.

    Only someone who may change the review counts as editing it: the endpoint refuses
    anyone else with a 403, or a 404 for a review they may not even see (a writer and
    another's review); the admin sends those signed out, or not staff, to its login.
    """

    def get_urls(self):
        heartbeat = path(
            "<path:object_id>/presence/",
            self.admin_site.admin_view(require_POST(self.presence_view)),
            name="reviews_review_presence",
        )
        return [heartbeat, *super().get_urls()]

    def presence_view(self, request, object_id):
        """POST: a heartbeat, answered with who else is there; ``leaving=1``: gone."""
        refused = JsonResponse({"error": "You may not edit this review."}, status=403)
        if not self.has_change_permission(request):
            return refused
        review = self.get_object(request, unquote(object_id))
        if review is None:
            return JsonResponse({"error": "No such review."}, status=404)
        if not self.has_change_permission(request, review):
            return refused
        page = request.POST.get("page", "")[:PAGE_ID_LENGTH]
        if request.POST.get("leaving"):
            remove_presence(review_id=review.pk, user=request.user, page=page)
            return JsonResponse({"messages": []})
        others = record_presence(review_id=review.pk, user=request.user, page=page)
        return JsonResponse({"messages": [presence.message for presence in others]})

    def presence_context(self, request, review) -> dict:
        """The banner's context for the change page: opening it counts as a heartbeat."""
        if not self.has_change_permission(request, review):
            return {}
        page = secrets.token_urlsafe(PAGE_ID_BYTES)
        others = record_presence(review_id=review.pk, user=request.user, page=page)
        return {
            "presence_url": reverse("admin:reviews_review_presence", args=[review.pk]),
            "presence_page": page,
            "presence_messages": [presence.message for presence in others],
            "presence_heartbeat_seconds": HEARTBEAT_SECONDS,
        }
