"""Site search over live reviews and shows: PostgreSQL full-text search, icontains elsewhere.

Exact matches come first; after them, forgiving ones: shows whose names nearly match
(catalog/name_search.py: typos, accents, long vowels) with their reviews, and on
PostgreSQL reviews whose headline nearly matches (pg_trgm's word distance on a GiST
index of the stored folded headline, reviews migration 0014). Punctuation inside a
word is a space, so "Cowboy-Bebop" asks for "Cowboy Bebop".

On PostgreSQL the triggers of catalog 0003 and reviews 0007 keep a weighted
`search_vector` on every review (headline and show names A, tags B, excerpt C,
body D) and every show (names A, synopsis C); a query matches it through a GIN
index, is ranked with ts_rank and highlighted with ts_headline. The embedded
SQLite default has no full-text search worth the name, so there the same page is
served by icontains over the same fields, newest first, headline matches on top.

Reader input never reaches to_tsquery as syntax: the complete words go through
websearch_to_tsquery, which accepts anything, and the partly typed last word is
reduced to letters, marks and digits before it becomes a quoted `:*` prefix term.
"""

import html
import re
import unicodedata
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from catalog.models import Genre, Language, Title
from catalog.name_search import NameMatch, titles_named_like
from catalog.selectors import titles_for_list
from reviews.models import Review

MAX_QUERY_LENGTH = 200
SHOWS_LISTED = 8
# PostgreSQL: how many of the nearest headlines a search considers (a page and a half),
# and how near they must be, as 1 - word_similarity: pg_trgm's own default threshold
# (0.6), stricter than for show names, since a headline's many words would otherwise
# let one word of a query match ("rogue mars" is 0.5 from "Rogue knights").
NEAR_HEADLINES = 18
MAX_HEADLINE_DISTANCE = 0.4
SNIPPET_RADIUS = 90
# What a result shows: its link, headline, date and show.
RESULT_FIELDS = ("slug", "display_headline", "publish_at", "title__name")

# ts_headline and the Python fallback mark matches with these private-use characters;
# the text is HTML-escaped first, then only these become <mark> tags.
MARK_START = "\ue000"
MARK_STOP = "\ue001"
ELLIPSIS = "…"
# A run of punctuation between two letters or digits, as in "Cowboy-Bebop" or "Re:Zero";
# a leading "-" (exclude) and quotes (phrase) keep their meaning for websearch_to_tsquery.
IN_WORD_PUNCTUATION = re.compile(r'(?<=\w)[^\w\s"]+(?=\w)')
# Parts of the rendered body a snippet leaves out: spoiler blocks, whose point is to stay
# hidden until opened, and the ¶ links of headings. Written for both Python's re (with
# DOTALL) and PostgreSQL's regular expressions, where "." also matches a newline.
NOT_IN_SNIPPETS = r'<details class="spoiler">.*?</details>|<a class="headerlink"[^>]*>[^<]*</a>'


@dataclass(frozen=True)
class SearchFilters:
    """What the reader narrowed the search to; empty values filter nothing."""

    genre: Genre | None = None
    audio_language: Language | None = None
    resolution: int | None = None
    kind: str = ""
    year: int | None = None

    def title_conditions(self, prefix: str = "") -> Q:
        """The filters as conditions on a show, or on `prefix` (e.g. "title__") leading to one."""
        conditions = Q()
        if self.genre:
            conditions &= Q(**{f"{prefix}genres": self.genre})
        if self.audio_language:
            conditions &= _has_variant(prefix, audio_languages=self.audio_language)
        if self.resolution:
            conditions &= _has_variant(prefix, resolution=self.resolution)
        if self.kind:
            conditions &= Q(**{f"{prefix}kind": self.kind})
        if self.year:
            conditions &= Q(**{f"{prefix}premiere_year": self.year})
        return conditions


def _has_variant(prefix: str, **variant: object) -> Q:
    """The show (at `prefix`) has a quality variant of some season matching `variant`."""
    lookups = {f"seasons__variants__{name}": value for name, value in variant.items()}
    return Q(Exists(Title.objects.filter(pk=OuterRef(f"{prefix}pk"), **lookups)))


def clean_query(raw: str) -> str:
    """The reader's query with control characters dropped, spaces collapsed, cut to 200 chars."""
    printable = "".join(
        character if unicodedata.category(character)[0] != "C" else " " for character in raw
    )
    return " ".join(printable.split())[:MAX_QUERY_LENGTH].strip()


def uses_full_text_search() -> bool:
    return connection.vendor == "postgresql"


def search_terms(query: str) -> str:
    """The query as searched: punctuation inside a word is a space ("Cowboy-Bebop")."""
    return IN_WORD_PUNCTUATION.sub(" ", query)


def uses_operators(query: str) -> bool:
    """Whether the reader asked for precision: a "quoted phrase", a -word left out, an OR."""
    words = query.split()
    return '"' in query or any(word.startswith("-") or word.lower() == "or" for word in words)


def shows_named_like(query: str, filters: SearchFilters) -> list[NameMatch]:
    """Shows (within `filters`) whose names nearly match `query`, nearest first.

    None for a query with operators, whose reader said exactly what should match.
    """
    if uses_operators(query):
        return []
    titles = Title.objects.filter(filters.title_conditions())
    return titles_named_like(query, titles, SHOWS_LISTED)


def search_reviews(
    terms: str, filters: SearchFilters, named_like: list[NameMatch]
) -> QuerySet[Review]:
    """Live reviews matching `terms` and `filters`, each with its show.

    Exact matches first, best first; then the reviews of the shows `named_like` the
    query and, on PostgreSQL, reviews whose headline nearly matches.
    """
    reviews = (
        Review.objects.live().filter(filters.title_conditions("title__")).select_related("title")
    )
    of_shows_named_like = Q(title_id__in=[match.pk for match in named_like])
    if uses_full_text_search():
        # The snippet is cut in SQL: the article's columns need not travel.
        reviews = reviews.only(*RESULT_FIELDS)
        return ranked_reviews(reviews, terms, of_shows_named_like)
    reviews = reviews.only(*RESULT_FIELDS, "excerpt", "body_html")
    return reviews_containing(reviews, terms, of_shows_named_like)


def search_titles(
    terms: str, filters: SearchFilters, named_like: list[NameMatch]
) -> QuerySet[Title]:
    """Shows whose names (any script) or synopsis match `terms`, best first, with genres.

    Each has `exact`: whether it matched as written rather than only by a near name.
    """
    titles = titles_for_list().filter(filters.title_conditions())
    named_like_query = Q(pk__in=[match.pk for match in named_like])
    if uses_full_text_search():
        tsquery = full_text_query(terms)
        exact = Q(search_vector=tsquery)
        return (
            titles.filter(exact | named_like_query)
            .annotate(exact=_flag(exact), rank=SearchRank(F("search_vector"), tsquery))
            .order_by("-exact", "-rank", "name", "pk")
        )
    exact = _all_words_in(terms, (*_name_fields(), "synopsis"))
    return (
        titles.filter(exact | named_like_query)
        .annotate(exact=_flag(exact))
        .order_by("-exact", "name", "pk")
    )


def did_you_mean(named_like: list[NameMatch], titles: list[Title]) -> str:
    """The nearest show's name when the reader misspelt it and no show matched as written."""
    if not named_like or any(match.spelled for match in named_like):
        return ""
    if any(title.exact for title in titles):
        return ""
    return named_like[0].name


def _flag(condition: Q) -> Case:
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def attach_snippets(reviews: list[Review], query: str) -> None:
    """Give each review a `snippet`: safe HTML with the matched words in <mark>.

    Snippets are cut from the excerpt and the rendered body, so no Markdown syntax shows;
    ts_headline drops the body's tags, its entities are unescaped back into text here,
    and marked_to_html escapes the whole again.
    """
    for review in reviews:
        if hasattr(review, "marked_snippet"):
            marked = html.unescape(review.marked_snippet)
        else:
            shown_html = re.sub(NOT_IN_SNIPPETS, "", review.body_html, flags=re.DOTALL)
            body_text = html.unescape(strip_tags(shown_html))
            marked = marked_excerpt(f"{review.excerpt}\n\n{body_text}", query)
        review.snippet = marked_to_html(marked)


# PostgreSQL ---------------------------------------------------------------------------


def ranked_reviews(reviews: QuerySet[Review], terms: str, near: Q) -> QuerySet[Review]:
    """Matches by rank, then `near` ones and near headlines, each with a `marked_snippet`.

    The snippet is computed for the page's rows only.
    """
    tsquery = full_text_query(terms)
    exact = Q(search_vector=tsquery)
    if not uses_operators(terms):
        near |= Q(pk__in=reviews_with_a_near_headline(terms))
    return (
        reviews.filter(exact | near)
        .annotate(
            exact=_flag(exact),
            rank=SearchRank(F("search_vector"), tsquery),
            marked_snippet=SearchHeadline(
                snippet_source(),
                tsquery,
                config="english",
                start_sel=MARK_START,
                stop_sel=MARK_STOP,
                max_words=30,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=ELLIPSIS,
            ),
        )
        .order_by("-exact", "-rank", "-publish_at", "-pk")
    )


def reviews_with_a_near_headline(terms: str) -> list[int]:
    """Ids of the reviews whose headlines are nearest the query, if near enough.

    The nearest NEAR_HEADLINES come from the GiST index of the generated
    `headline_folded` column (reviews migration 0014), which the model does not know,
    hence raw SQL; the distance is checked after, so the index is read for a few rows
    whatever the query. Ids rather than a subquery, so that the search itself can
    still be served by its indexes.
    """
    distance = RawSQL("headline_folded <->> search_fold(%s)", (terms,), FloatField())
    nearest = (
        Review.objects.annotate(distance=distance)
        .order_by("distance")
        .values_list("pk", "distance")[:NEAR_HEADLINES]
    )
    return [pk for pk, how_far in nearest if how_far <= MAX_HEADLINE_DISTANCE]


def snippet_source() -> Concat:
    """The excerpt and the rendered body without what NOT_IN_SNIPPETS names, in SQL."""
    shown_body = Func(
        F("body_html"),
        Value(NOT_IN_SNIPPETS),
        Value(""),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )
    return Concat("excerpt", Value("\n\n"), shown_body, output_field=TextField())


def full_text_query(query: str) -> SearchQuery:
    """Complete words through websearch_to_tsquery; a last word also matches as a prefix.

    Each part is asked in the 'english' configuration (stems: "robots" finds "robot")
    and the 'simple' one (as written: romaji, Japanese, Tamil), either may match.
    """
    complete, partial = split_partial_last_word(query)
    parts = []
    if complete:
        parts.append(_either_configuration(complete, search_type="websearch"))
    if partial:
        prefix = SearchQuery(f"'{partial}':*", search_type="raw", config="simple")
        parts.append(SearchQuery(partial, search_type="plain", config="english") | prefix)
    if not parts:
        return _either_configuration(query, search_type="websearch")
    combined = parts[0]
    for part in parts[1:]:
        combined &= part
    return combined


def _either_configuration(text: str, search_type: str) -> SearchQuery:
    return SearchQuery(text, search_type=search_type, config="english") | SearchQuery(
        text, search_type=search_type, config="simple"
    )


def split_partial_last_word(query: str) -> tuple[str, str]:
    """("complete words", "last word") when the last word may be partly typed, else (query, "").

    The last word counts as partial only if it is made of letters, marks and digits
    alone (so it is safe inside a quoted tsquery lexeme), is outside an open quoted
    phrase, and does not follow an OR, which it would otherwise turn into an AND.
    """
    words = query.split()
    if not words or query.count('"') % 2:
        return query, ""
    last = words[-1]
    if not all(unicodedata.category(character)[0] in "LMN" for character in last):
        return query, ""
    if len(words) > 1 and words[-2].lower() == "or":
        return query, ""
    return " ".join(words[:-1]), last


# Fallback (SQLite) -------------------------------------------------------------------


def reviews_containing(reviews: QuerySet[Review], terms: str, near: Q) -> QuerySet[Review]:
    """Reviews holding every word (headline or show-name matches first), then `near` ones."""
    review_fields = ("display_headline", "excerpt", "body", *_name_fields("title__"))
    exact = _all_words_in(terms, review_fields, tagged=True)
    in_headline = _all_words_in(terms, ("display_headline", *_name_fields("title__")))
    return (
        reviews.filter(exact | near)
        .annotate(headline_match=_flag(in_headline), exact=_flag(exact))
        .order_by("-headline_match", "-exact", "-publish_at", "-pk")
    )


def _name_fields(prefix: str = "") -> tuple[str, ...]:
    return tuple(f"{prefix}{name}" for name in ("name", "name_romaji", "name_native"))


def _all_words_in(query: str, fields: tuple[str, ...], tagged: bool = False) -> Q:
    """Every word of `query` in at least one of `fields` (or, with `tagged`, a tag's name)."""
    conditions = Q()
    for word in query.split():
        in_any_field = Q()
        for field in fields:
            in_any_field |= Q(**{f"{field}__icontains": word})
        if tagged:
            in_any_field |= Q(
                Exists(Review.objects.filter(pk=OuterRef("pk"), tags__name__icontains=word))
            )
        conditions &= in_any_field
    return conditions


def marked_excerpt(text: str, query: str) -> str:
    """A window of `text` around the first word of `query` it holds, matches between markers."""
    words = sorted(set(query.split()), key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, first.start() - SNIPPET_RADIUS) if first else 0
    window = text[start : start + 2 * SNIPPET_RADIUS]
    marked = pattern.sub(lambda match: f"{MARK_START}{match.group(0)}{MARK_STOP}", window)
    return (
        (ELLIPSIS if start else "")
        + " ".join(marked.split())
        + ELLIPSIS * (len(text) > start + len(window))
    )


# Both ------------------------------------------------------------------------------------


def marked_to_html(marked: str) -> SafeString:
    """Collapse spaces, escape everything, then turn the markers, and only them, into <mark>."""
    marked_html = (
        escape(" ".join(marked.split())).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    )
    return mark_safe(marked_html)  # noqa: S308 - escaped on the line above; markers are ours
