"""The pages the benchmark loads, shared by the load runner and the query counter.

The page cache serves anonymous GETs whose query keys it knows and bypasses any
other (animeblog/page_cache.py), so a page is measured uncached by adding
`?uncached=1`: the request then runs the whole view, as on a cache miss, without
storing anything. The cached run requests the plain address after a warm-up.
"""

from dataclasses import dataclass

from bench.names import DISCUSSION_REVIEW_SLUG, show_slug

UNCACHED = "uncached=1"


@dataclass(frozen=True)
class Page:
    label: str
    path: str
    is_cached: bool = False
    # A Lua script in bench/ that varies the request, e.g. rotating search terms.
    script: str = ""
    # Load from one connection at a time: the latency of the page alone, without queueing.
    is_single_client: bool = False

    @property
    def url_path(self) -> str:
        if self.is_cached or self.path.startswith("/static/"):
            return self.path
        return self.path + ("&" if "?" in self.path else "?") + UNCACHED


def pages(static_path: str) -> list[Page]:
    """Every row of the results table, in order; the first two are the yardsticks."""
    review = f"/reviews/{DISCUSSION_REVIEW_SLUG}/"
    search = "/search/?q=crimson"
    show = f"/anime/{show_slug(0)}/"
    return [
        Page("static file (whitenoise)", static_path),
        Page("trivial view (robots.txt)", "/robots.txt"),
        Page("home", "/"),
        Page("home, cached", "/", is_cached=True),
        Page("review, 300 comments", review),
        Page("review, 300 comments, cached", review, is_cached=True),
        Page("show", show),
        Page("show, cached", show, is_cached=True),
        Page("search", search, script="search_terms.lua"),
        Page("search, one client", search, script="search_terms.lua", is_single_client=True),
        Page("search, cached", search, is_cached=True),
        Page("feed", "/feeds/reviews/"),
        Page("feed, cached", "/feeds/reviews/", is_cached=True),
    ]
