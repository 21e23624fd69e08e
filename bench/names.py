"""Addresses the generator gives and the runner loads; free of Django, so the runner stays so."""

# The review loaded as "a review with 300 comments": every one of them approved.
DISCUSSION_REVIEW_SLUG = "bench-big-discussion"
DISCUSSION_COMMENTS = 300


def show_slug(n: int) -> str:
    return f"bench-show-{n}"
