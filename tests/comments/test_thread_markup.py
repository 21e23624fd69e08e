"""The review page draws long threaded discussions as nested lists in reading order, in one pass."""

from html.parser import HTMLParser

import pytest
from django.test import Client

from comments.models import Comment
from tests.comments.factories import CommentFactory
from tests.comments.test_queries import add_threads

pytestmark = pytest.mark.django_db


class CommentTree(HTMLParser):
    """Each comment item on a page, in document order, with the comment item holding it."""

    def __init__(self):
        super().__init__()
        self.items: list[tuple[int, int | None]] = []
        self.open_items: list[int | None] = []  # per open <li>: its comment id, else None

    def handle_starttag(self, tag, attrs):
        if tag != "li":
            return
        anchor = dict(attrs).get("id") or ""
        comment_id = int(anchor.removeprefix("comment-")) if anchor.startswith("comment-") else None
        if comment_id is not None:
            holders = [open_id for open_id in self.open_items if open_id is not None]
            self.items.append((comment_id, holders[-1] if holders else None))
        self.open_items.append(comment_id)

    def handle_endtag(self, tag):
        if tag == "li":
            self.open_items.pop()


def comment_tree(html: str) -> list[tuple[int, int | None]]:
    parser = CommentTree()
    parser.feed(html)
    parser.close()
    assert parser.open_items == [], "every comment item is closed"
    return parser.items


def reading_order(comments: list[Comment]) -> list[tuple[int, int | None]]:
    """Threads oldest first, each comment followed by its replies, depth first."""
    replies: dict[int | None, list[Comment]] = {}
    for comment in sorted(comments, key=lambda comment: (comment.created_at, comment.pk)):
        replies.setdefault(comment.parent_id, []).append(comment)

    def walk(parent_id):
        for comment in replies.get(parent_id, []):
            yield comment.pk, parent_id
            yield from walk(comment.pk)

    return list(walk(None))


def add_mixed_threads(review, threads: int) -> None:
    """Four comments a thread on average: one reply, a chain five deep, or a reply tree."""
    for n in range(threads):
        root = CommentFactory(review=review)
        if n % 3 == 0:
            CommentFactory(review=review, parent=root)
        elif n % 3 == 1:
            parent = root
            for _level in range(4):
                parent = CommentFactory(review=review, parent=parent)
        elif n % 3 == 2:
            first = CommentFactory(review=review, parent=root)
            CommentFactory(review=review, parent=first)
            CommentFactory(review=review, parent=root)
            CommentFactory(review=review, parent=root)


def test_a_300_comment_page_nests_every_reply_under_its_parent_in_reading_order(
    client, review, rules
):
    rules.per_page = 100
    rules.save()
    add_mixed_threads(review, threads=75)
    comments = list(review.comments.all())
    assert len(comments) == 300
    html = client.get(review.get_absolute_url()).content.decode()
    assert comment_tree(html) == reading_order(comments)
    assert "300 comments" in html


def test_replies_sit_in_a_children_list_at_their_depth(client, review):
    add_threads(review, threads=3, replies=4)
    html = client.get(review.get_absolute_url()).content.decode()
    deepest = review.comments.get(depth=4, body="Reply 4 in Thread 2")
    assert html.count('<ol class="comment-list comment-list--children">') == 3 * 4
    assert f'id="comment-{deepest.pk}" class="comment comment--depth-4' in html
    assert comment_tree(html) == reading_order(list(review.comments.all()))


def test_a_readers_held_reply_deep_in_a_thread_shows_only_to_them(client, post_comment, review):
    add_threads(review, threads=20, replies=3)
    parent = review.comments.get(depth=2, body="Reply 2 in Thread 7")
    post_comment(review, parent=parent.pk, body="My <b>held</b> reply")
    held = review.comments.get(status=Comment.Status.PENDING)

    own = client.get(review.get_absolute_url()).content.decode()
    assert (held.pk, parent.pk) in comment_tree(own)
    assert comment_tree(own) == reading_order(list(review.comments.all()))
    assert "My &lt;b&gt;held&lt;/b&gt; reply" in own
    assert own.count("Your comment is awaiting moderation.") == 1

    other = Client().get(review.get_absolute_url()).content.decode()
    assert "held" not in other and "awaiting moderation" not in other
    assert comment_tree(other) == reading_order(list(review.comments.approved()))


def test_the_comment_list_is_drawn_without_a_template_per_comment(client, review):
    add_threads(review, threads=20, replies=4)
    response = client.get(review.get_absolute_url())
    assert response.content.decode().count('class="comment comment--depth-') == 100
    template_names = [template.name for template in response.templates]
    assert template_names.count("comments/section.html") == 1
    assert "comments/comment.html" not in template_names
