"""Reads for comments: a review's visible threads for one page, and where a thread shows."""

from dataclasses import dataclass, field
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet

from comments.models import Comment, DiscussionSettings

# What a public page may load; email, IP and browser stay in the database.
PUBLIC_FIELDS = (
    "pk",
    "review_id",
    "parent_id",
    "root_id",
    "depth",
    "name",
    "website",
    "body",
    "is_spoiler",
    "status",
    "user_id",
    "created_at",
)


@dataclass
class CommentNode:
    comment: Comment
    replies: list["CommentNode"] = field(default_factory=list)

    @property
    def is_awaiting_moderation(self) -> bool:
        return self.comment.status == Comment.Status.PENDING


@dataclass
class CommentRow:
    """One comment in reading order, with the nested-list markup that follows its item.

    A comment with replies opens their list; one without closes its own item and then
    closed_lists levels of replies lists (with the items holding them) that end with it.
    The id and depth come as text: a template prints an int through number localization,
    which for the handful of times each comment's id appears was a fifth of the loop.
    """

    comment: Comment
    comment_id: str
    depth: str
    is_awaiting_moderation: bool
    has_replies: bool
    closed_lists: range


class Threads:
    """One page of a review's visible threads; the comments load only when first used.

    The counts come first, in one query; a page whose comment list is already rendered
    in the shared cache (comments.fragments) never loads its comments at all.
    """

    def __init__(self, comments: QuerySet[Comment], page: Page, counts: dict, newest_first: bool):
        self._comments = comments
        self.page = page
        self.approved_count = counts["approved"]
        self.has_threads = bool(counts["threads"])
        # This reader has held comments on the review: the page may show them, so it is theirs.
        self.shows_held = bool(counts.get("held"))
        self.newest_first = newest_first

    @cached_property
    def loaded(self) -> list[Comment]:
        return list(self._comments)

    @cached_property
    def nodes(self) -> list[CommentNode]:
        return _assemble(self.loaded, self.newest_first)

    @cached_property
    def by_id(self) -> dict[int, Comment]:
        return {comment.pk: comment for comment in self.loaded}

    @property
    def rows(self) -> list[CommentRow]:
        """The threads flattened, so a template draws them in one loop instead of recursing."""
        return in_reading_order(self.nodes)


def _visible(pending_ids: list[int]) -> Q:
    """Approved comments, plus the held ones this reader wrote."""
    visible = Q(status=Comment.Status.APPROVED)
    if pending_ids:
        visible |= _held(pending_ids)
    return visible


def _held(pending_ids: list[int]) -> Q:
    return Q(status=Comment.Status.PENDING, pk__in=pending_ids)


def threads_for_page(
    review, rules: DiscussionSettings, page_number, pending_ids: list[int]
) -> Threads:
    """One page of top-level threads with all their replies, in two queries whatever the size.

    A single aggregate counts approved comments and visible threads (and the reader's
    held comments, if any); a single query then loads the page's threads with their
    replies when they are first needed, and the tree is assembled in Python.
    """
    visible = _visible(pending_ids)
    counted = {
        "approved": Count("pk", filter=Q(status=Comment.Status.APPROVED)),
        "threads": Count("pk", filter=visible & Q(parent=None)),
    }
    if pending_ids:
        counted["held"] = Count("pk", filter=_held(pending_ids))
    counts = Comment.objects.filter(review=review).aggregate(**counted)
    # Only the count matters for paging, so page over positions rather than rows.
    page = Paginator(range(counts["threads"]), rules.per_page).get_page(page_number)
    newest_first = rules.order == DiscussionSettings.Order.NEWEST_FIRST
    thread_order = ("-created_at", "-pk") if newest_first else ("created_at", "pk")
    offset = page.start_index() - 1 if counts["threads"] else 0
    page_roots = (
        Comment.objects.filter(visible, review=review, parent=None)
        .order_by(*thread_order)
        .values("pk")[offset : offset + rules.per_page]
    )
    comments = (
        Comment.objects.filter(visible, review=review)
        .filter(Q(pk__in=page_roots) | Q(root_id__in=page_roots))
        .only(*PUBLIC_FIELDS)
        .order_by("created_at", "pk")
    )
    return Threads(comments, page, counts, newest_first)


def _assemble(comments: list[Comment], newest_first: bool) -> list[CommentNode]:
    """Hang each comment under its parent; a reply whose parent is hidden stays hidden."""
    nodes: dict[int, CommentNode] = {}
    roots: list[CommentNode] = []
    for comment in comments:
        node = CommentNode(comment)
        if comment.parent_id is None:
            roots.append(node)
        elif comment.parent_id in nodes:
            nodes[comment.parent_id].replies.append(node)
        else:
            continue
        nodes[comment.pk] = node
    return roots[::-1] if newest_first else roots


def in_reading_order(nodes: list[CommentNode]) -> list[CommentRow]:
    """Each comment followed by its replies, depth first, as the nested lists read."""
    rows: list[CommentRow] = []
    # (node, replies lists that end with its subtree), the next node to visit on top.
    pending = [(node, 0) for node in reversed(nodes)]
    while pending:
        node, ending = pending.pop()
        replies = node.replies
        rows.append(
            CommentRow(
                comment=node.comment,
                comment_id=str(node.comment.pk),
                depth=str(node.comment.depth),
                is_awaiting_moderation=node.is_awaiting_moderation,
                has_replies=bool(replies),
                closed_lists=range(0 if replies else ending),
            )
        )
        if replies:
            # The last reply's subtree also ends this node's list of replies.
            pending.append((replies[-1], ending + 1))
            pending.extend((reply, 0) for reply in reversed(replies[:-1]))
    return rows


def page_of_thread(comment: Comment, rules: DiscussionSettings) -> int:
    """The page number on which a comment's thread shows, for the redirect after posting."""
    root_created = comment.root.created_at if comment.root_id else comment.created_at
    root_pk = comment.thread_root_id
    newer = Q(created_at__gt=root_created) | Q(created_at=root_created, pk__gt=root_pk)
    older = Q(created_at__lt=root_created) | Q(created_at=root_created, pk__lt=root_pk)
    before = newer if rules.order == DiscussionSettings.Order.NEWEST_FIRST else older
    position = (
        Comment.objects.approved().filter(before, review_id=comment.review_id, parent=None).count()
    )
    return position // rules.per_page + 1
