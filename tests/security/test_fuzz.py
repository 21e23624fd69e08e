"""Every URL pattern, public and admin, answers hostile requests with anything but a 5xx.

The patterns come from the root URLconf itself (django.urls.get_resolver), so a page added
later is fuzzed without touching this file. Each pattern's parameters are filled with
values that exist (a real slug, a real primary key) and with hostile ones (NUL bytes,
numbers too big for any column, the wrong type, invalid UTF-8, very long strings); the
real addresses are then sent hostile query strings (the same classes, plus more
parameters than allowed) and hostile form posts, as an anonymous reader and as a
superuser signed in to the admin.
"""

import re
import time
from collections import Counter
from dataclasses import dataclass
from itertools import cycle

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from django.utils.regex_helper import normalize

from reviews.previews import make_preview_token
from tests.comments.factories import CommentFactory
from tests.factories import (
    EpisodeFactory,
    GenreFactory,
    LanguageFactory,
    QualityVariantFactory,
    UserFactory,
)
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"
# Percent-encoded, as they travel in a URL or a form body.
INVALID_UTF8 = "%ff%fe%c0%af"
HOSTILE_VALUES = ["%00", "ja%00", HUGE, "-1", "abc", INVALID_UTF8, "x" * 300]
QUERY_NAMES = [
    *settings.PAGE_CACHE_QUERY_PARAMETERS,
    "q",
    "p",
    "o",
    "e",
    "all",
    "_popup",
    "_to_field",
    "_changelist_filters",
    "term",
    "app_label",
    "model_name",
    "field_name",
    "next",
    "from",
    "to",
    "status",
    "status__exact",
    "id__exact",
]
FORM_NAMES = [
    "name",
    "email",
    "website",
    "body",
    "parent",
    "form_token",
    "score",
    "reason",
    "username",
    "password",
    "next",
    "action",
    "_selected_action",
    "select_across",
    "index",
    "post",
    "_save",
    "_transition",
    "loaded_version",
    "workflow_publish_at",
    "workflow_note",
]
ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
ADMIN_MODEL_PREFIX = re.compile(r"^admin/(?P<app_label>\w+)/(?P<model_name>\w+)/")
# How long the whole fuzz may take on a loaded machine; it takes far less.
BUDGET_SECONDS = 240


@dataclass(frozen=True)
class Pattern:
    """One URL pattern as a template: its route with %(name)s holes, and their converters."""

    route: str
    converters: dict[str, str]
    name: str

    def fill(self, values: dict[str, str]) -> str:
        return "/" + self.route % values

    @property
    def admin_model(self):
        found = ADMIN_MODEL_PREFIX.match(self.route)
        if not found:
            return None
        try:
            return apps.get_model(found["app_label"], found["model_name"])
        except LookupError:
            return None


def route_template(part) -> tuple[str, dict[str, str]]:
    """A pattern's piece as a %-template and the converter of each hole ("str" for regex)."""
    if isinstance(part, RoutePattern):
        converters = {}

        def hole(match):
            converters[match["name"]] = match["converter"] or "str"
            return f"%({match['name']})s"

        return ROUTE_PARAMETER.sub(hole, str(part).replace("%", "%%")), converters
    template, names = normalize(part.regex.pattern)[0]
    return template, dict.fromkeys(names, "str")


def every_pattern(patterns=None, prefix="", converters=None) -> list[Pattern]:
    found = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        template, own = route_template(entry.pattern)
        joined = {**(converters or {}), **own}
        if isinstance(entry, URLResolver):
            found += every_pattern(entry.url_patterns, prefix + template, joined)
        elif isinstance(entry, URLPattern):
            found.append(Pattern(prefix + template, joined, entry.name or ""))
    return found


@pytest.fixture
def site_content():
    """One of everything a URL can name: show, season, episode, variant, review, comment."""
    review = ReviewFactory(tags=["mecha"], title__genres=[GenreFactory(slug="mecha-genre")])
    language = LanguageFactory(code="ja")
    episode = EpisodeFactory(season__title=review.title)
    QualityVariantFactory(season=episode.season, audio_languages=[language])
    comment = CommentFactory(review=review)
    return {
        "slug": [review.slug, review.title.slug, "mecha-genre", "mecha"],
        "str": [language.code, make_preview_token(review)],
        "int": [str(comment.pk)],
    }


def plausible_urls(pattern: Pattern, existing: dict[str, list[str]]) -> list[str]:
    """The pattern filled with values that exist: the admin's object ids from its model."""
    if not pattern.converters:
        return [pattern.fill({})]
    model = pattern.admin_model
    object_ids = (
        [str(pk) for pk in model._default_manager.values_list("pk", flat=True)[:1]]
        if model is not None
        else []
    )
    candidates = {
        name: object_ids or existing.get(converter) or ["1"]
        for name, converter in pattern.converters.items()
    }
    longest = max(len(values) for values in candidates.values())
    rows = zip(*(cycle(values) for values in candidates.values()), strict=False)
    return [
        pattern.fill(dict(zip(candidates, row, strict=True)))
        for _, row in zip(range(longest), rows, strict=False)
    ]


def hostile_urls(pattern: Pattern) -> list[str]:
    return [pattern.fill(dict.fromkeys(pattern.converters, value)) for value in HOSTILE_VALUES]


def query_names(pattern: Pattern) -> list[str]:
    """The usual parameter names, plus an admin list's date hierarchy and filters."""
    names = list(QUERY_NAMES)
    model = pattern.admin_model
    model_admin = admin.site._registry.get(model)
    if model_admin is not None and pattern.name.endswith("_changelist"):
        if model_admin.date_hierarchy:
            names += [f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")]
        names += [f"{name}__exact" for name in model_admin.list_filter if isinstance(name, str)]
    return names


def hostile_queries(pattern: Pattern) -> list[str]:
    names = query_names(pattern)
    return [
        *("&".join(f"{name}={value}" for name in names) for value in ("%00", HUGE, "abc")),
        "&".join(f"{name}={INVALID_UTF8}" for name in names),
        "&".join(f"p{n}=1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)),
    ]


def form_names(pattern: Pattern) -> list[str]:
    """The usual form fields, plus every field of an admin page's model."""
    names = list(FORM_NAMES)
    model = pattern.admin_model
    if model is not None:
        names += [field.name for field in model._meta.get_fields() if not field.auto_created]
    return names


def hostile_bodies(pattern: Pattern) -> list[str]:
    names = form_names(pattern)
    return [
        "&".join(f"{name}={value}" for name in names)
        for value in ("x%00", HUGE, "abc", INVALID_UTF8)
    ]


@dataclass
class Fuzzer:
    """Sends every probe of a pattern as one visitor, the superuser when ``user`` is given.

    Each pattern's probes run in a savepoint rolled back afterwards: a post to a delete
    page does delete, and the next pattern must still find the show, the review and the
    superuser (signed in again each time, the session being rolled back too).
    """

    client: object
    user: object = None

    def __post_init__(self):
        self.client.raise_request_exception = False
        self.statuses: Counter = Counter()
        self.server_errors: list[str] = []

    def send(self, method: str, url: str, body: str | None = None) -> None:
        if body is None:
            response = self.client.generic(method, url)
        else:
            response = self.client.generic(
                method, url, body, content_type="application/x-www-form-urlencoded"
            )
        self.statuses[response.status_code] += 1
        if response.status_code >= 500:
            self.server_errors.append(f"{method} {url[:200]} {(body or '')[:80]} -> {response}")

    def fuzz(self, pattern: Pattern, existing) -> None:
        with transaction.atomic():
            if self.user is not None:
                self.client.force_login(self.user)
            real = plausible_urls(pattern, existing)
            for url in [*real, *hostile_urls(pattern)]:
                self.send("GET", url)
            for query in hostile_queries(pattern):
                self.send("GET", f"{real[0]}?{query}")
            for body in hostile_bodies(pattern):
                self.send("POST", real[0], body)
            transaction.set_rollback(True)


def test_every_url_pattern_answers_hostile_requests_without_a_server_error(client, site_content):
    started = time.monotonic()
    patterns = every_pattern()
    anonymous = Fuzzer(client)
    signed_in = Fuzzer(client, UserFactory(is_staff=True, is_superuser=True))
    for fuzzer in (anonymous, signed_in):
        for pattern in patterns:
            fuzzer.fuzz(pattern, site_content)
        fuzzer.client.logout()
    elapsed = time.monotonic() - started

    errors = anonymous.server_errors + signed_in.server_errors
    sent = anonymous.statuses.total() + signed_in.statuses.total()
    print(
        f"fuzzed {len(patterns)} URL patterns with {sent} requests in {elapsed:.0f} s: "
        f"{len(errors)} server errors; superuser {dict(signed_in.statuses)}, "
        f"anonymous {dict(anonymous.statuses)}"
    )
    assert len(patterns) > 100, "the URLconf walk lost the admin's patterns"
    assert signed_in.statuses[200] > 500, "the superuser's probes no longer reach the admin"
    assert errors == []
    assert elapsed < BUDGET_SECONDS
