"""Shows whose names nearly match what a reader typed: typos, accents, long vowels, hyphens.

"cowbyo", "metalic", "mob psyco", "Sousou no Frieren" (stored as "Sōsō no Furīren"),
"Kauboi" and "Cowboy-Bebop" find their shows here although full-text search, which
wants words spelt as stored, does not. Names and query are folded alike first (accents
and punctuation dropped, long vowels shortened), then compared:

- on PostgreSQL by pg_trgm's word similarity, nearest first, through the GiST index of
  the stored folded names of catalog migration 0005 (whose `search_fold` is the
  definition of the folding there);
- on the embedded SQLite default in Python: every word of the query against the words
  of each show's names with difflib, which at that scale reads every show's names.

Each match says whether the reader spelt it (the folded query is part of the folded
names), which is what a "Did you mean" needs to know.
"""

import difflib
import re
import unicodedata
from dataclasses import dataclass

from django.db import connection
from django.db.models import FloatField, IntegerField, QuerySet
from django.db.models.expressions import RawSQL

from catalog.models import Title

# Below this many letters a query is too short to be misspelt in a way worth guessing at.
MIN_QUERY_LENGTH = 3
# PostgreSQL: the most a show may be from the query, as 1 - word_similarity. Measured on
# the failing queries of issue 14 ("Sousou no Frieren" is the farthest, at 0.44) and
# unrelated words ("robot" is 0.67 from "Metallic Rouge").
MAX_WORD_DISTANCE = 0.55
# SQLite: how alike (difflib's ratio) a query word and a word of the names must be.
MIN_WORD_RATIO = 0.75

LONG_VOWELS = re.compile(r"([aiueo])\1|(o)u")
NOT_LETTERS_OR_DIGITS = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class NameMatch:
    pk: int
    name: str
    spelled: bool


def titles_named_like(query: str, titles: QuerySet[Title], limit: int) -> list[NameMatch]:
    """Up to `limit` of `titles` whose names nearly match `query`, nearest first."""
    if len(fold(query).replace(" ", "")) < MIN_QUERY_LENGTH:
        return []
    if connection.vendor == "postgresql":
        return _nearest_by_trigrams(query, titles, limit)
    return _nearest_by_words(query, titles, limit)


def fold(text: str) -> str:
    """`text` as the SQLite pass compares it: no accents, lower case, long vowels shortened.

    The Python counterpart of SQL's search_fold(); the two never compare each other's
    output, so small differences (ligatures, say) cannot make a match disagree.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(character for character in decomposed if not unicodedata.combining(character))
    spaced = NOT_LETTERS_OR_DIGITS.sub(" ", plain.casefold())
    return " ".join(LONG_VOWELS.sub(r"\1\2", spaced).split())


# PostgreSQL ---------------------------------------------------------------------------


def _nearest_by_trigrams(query: str, titles: QuerySet[Title], limit: int) -> list[NameMatch]:
    """From the GiST index of `names_folded`, a generated column the model does not know."""
    distance = RawSQL("names_folded <->> search_fold(%s)", (query,), output_field=FloatField())
    found_at = RawSQL("strpos(names_folded, search_fold(%s))", (query,), IntegerField())
    # Ordered by the distance alone: a second key would stop the index from giving the order.
    rows = (
        titles.annotate(distance=distance, found_at=found_at)
        .order_by("distance")
        .values_list("pk", "name", "distance", "found_at")[:limit]
    )
    return [
        NameMatch(pk, name, spelled=found_at > 0)
        for pk, name, distance_from_query, found_at in rows
        if distance_from_query <= MAX_WORD_DISTANCE
    ]


# SQLite -------------------------------------------------------------------------------


def _nearest_by_words(query: str, titles: QuerySet[Title], limit: int) -> list[NameMatch]:
    folded_query = fold(query)
    words = folded_query.split()
    scored = []
    for pk, *names in titles.values_list("pk", "name", "name_romaji", "name_native"):
        folded_names = fold(" ".join(names))
        score = _likeness(words, folded_names.split())
        if score:
            spelled = folded_query in folded_names
            scored.append((-score, names[0], NameMatch(pk, names[0], spelled)))
    return [match for *_, match in sorted(scored)[:limit]]


def _likeness(query_words: list[str], name_words: list[str]) -> float:
    """The mean likeness of each query word to its nearest name word; 0 if one has none."""
    total = 0.0
    for word in query_words:
        best = max((_word_likeness(word, name_word) for name_word in name_words), default=0.0)
        if best < MIN_WORD_RATIO:
            return 0.0
        total += best
    return total / len(query_words)


def _word_likeness(word: str, name_word: str) -> float:
    if word == name_word or (len(word) >= MIN_QUERY_LENGTH and name_word.startswith(word)):
        return 1.0
    if len(word) < MIN_QUERY_LENGTH:
        return 0.0
    return difflib.SequenceMatcher(None, word, name_word).ratio()
