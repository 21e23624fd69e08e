"""The events reviews announce, for other parts of the site to react to.

Sent by reviews.services inside the change's transaction; receivers that act on
other systems (the page cache) should repeat their work on commit.

    review_published(sender=Review, review=...)
        Published now or scheduled (publish, or restore from the archive).
    review_unpublished(sender=Review, review=...)
        Taken off the public site (unpublish, archive) or deleted.
    review_changed(sender=Review, review=...)
        Its content was saved by an editor or writer (save_review), or its
        unpublished changes were published (publish_pending_changes). Saving
        unpublished changes announces nothing: readers see no change.
    review_restored(sender=Review, review=...)
        Its row was written back as it was stored, counters included (a raw save:
        a revision being restored, loaddata): apps keeping counters on it recount.
"""

from django.dispatch import Signal

review_published = Signal()
review_unpublished = Signal()
review_changed = Signal()
review_restored = Signal()
