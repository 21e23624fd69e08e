"""The events ratings announce, for other parts of the site to react to (the page cache does).

rating_changed(sender=Rating, review_ids=[...])
    Votes were cast, changed, deleted or recounted on these reviews, after their
    stored totals were updated, inside the change's transaction.
"""

from django.dispatch import Signal

rating_changed = Signal()
