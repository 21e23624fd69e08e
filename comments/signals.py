"""The events comments announce, for other parts of the site to react to (the page cache does).

approved_comments_changed(sender=Comment, review_ids={...})
    What readers see in these reviews' threads changed: a comment was posted and
    approved, approved, edited, or taken off (spam, removed, reported back to the
    queue). Sent once per write, however many comments it moved, inside its
    transaction, after Review.comment_count was brought up to date.
"""

from django.dispatch import Signal

approved_comments_changed = Signal()
