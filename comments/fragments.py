"""A review's rendered comment list, kept in the shared cache until a comment in it changes.

Drawing a few hundred comments is most of an uncached review page's work, and every
reader of the same page number sees the same list. So the list is rendered once per
(review, comment generation, page and the rules that shape it) and shared through the
cache (Redis in production); approving, editing or taking off a comment stores a new
generation for its review (retire_comment_lists), which retires every copy at once.

Two things are not shared: a page showing the reader's own held comments is theirs and
is drawn afresh, and the report forms' CSRF token is the reader's own: the stored HTML
holds a placeholder that is replaced on the way out.
"""

import secrets

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.generations import bump_generation, current_generation, now_and_on_commit

TEMPLATE = "comments/comment_list.html"
GENERATION_PREFIX = "comments:generation:"
LIST_PREFIX = "comments:list:"


def _generation_key(review_id: int) -> str:
    return f"{GENERATION_PREFIX}{review_id}"


def retire_comment_lists(review_ids) -> None:
    """Forget the rendered lists of these reviews, now and when the change commits."""
    for review_id in review_ids:
        now_and_on_commit(bump_generation, _generation_key(review_id))


def _list_key(discussion) -> str:
    review_id = discussion.review.pk
    generation = current_generation(_generation_key(review_id))
    rules = discussion.rules
    shape = (
        discussion.threads.page.number,
        discussion.is_closed,
        rules.thread_depth,
        rules.per_page,
        rules.order,
        timezone.get_current_timezone_name(),
    )
    return f"{LIST_PREFIX}{review_id}:{generation}:" + ":".join(map(str, shape))


def _render(context, discussion, csrf_token) -> str:
    template = context.template.engine.get_template(TEMPLATE)
    with context.push(discussion=discussion, csrf_token=csrf_token):
        return template.render(context)


def comment_list(context, discussion) -> SafeString:
    """The page's comment list as HTML: from the shared cache, or rendered and kept there."""
    if discussion.threads.shows_held or settings.FRAGMENT_CACHE_SECONDS <= 0:
        return mark_safe(_render(context, discussion, context.get("csrf_token")))  # noqa: S308
    key = _list_key(discussion)
    stored = cache.get(key)
    if stored is None:
        placeholder = f"csrf-{secrets.token_hex(16)}"
        stored = (placeholder, _render(context, discussion, placeholder))
        cache.set(key, stored, timeout=settings.FRAGMENT_CACHE_SECONDS)
    placeholder, html = stored
    token = escape(str(context.get("csrf_token", "")))
    # The HTML was rendered by the template engine, autoescaped; only the token goes in.
    return mark_safe(html.replace(placeholder, token))  # noqa: S308
