"""Show names searchable with typos, accents and long vowels: pg_trgm, unaccent, a GiST index.

`search_fold(text)` is the one definition, in SQL, of how a name or a query is folded
before trigrams are compared: accents dropped by unaccent ("Sōsō" → "Soso", fullwidth
letters to plain ones), lower case, punctuation to spaces ("Cowboy-Bebop" → "cowboy
bebop"), doubled vowels and "ou" to one vowel, so romaji spelt the long way matches
romaji spelt with macrons ("Sousou" = "Sōsō" = "Soso"). It is IMMUTABLE so a stored
column can hold its results: unaccent is called with its dictionary named, which is
what makes that promise true.

`names_folded` is a generated column, the show's three names folded, so PostgreSQL
keeps it right however a show is written and a search compares trigrams without
folding every candidate again; its GiST index gives the nearest names first (`<->>`,
catalog/name_search.py). The model does not know the column; a later change of a name
column's type must drop and add it again around the change. On SQLite nothing is
created: there catalog/name_search.py folds the names in Python.
The extensions need a role that may create them (both are trusted extensions, so the
database's owner may, from PostgreSQL 13).
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

from catalog.migration_operations import run_sql_on_postgresql

# Written as SQL and for the driver, which reads "%" as a placeholder: "%%" is one "%".
PUNCTUATION = r"""[-!"#$%%&''()*+,./:;<=>?@\[\\\]^_`{|}~‐–—‘’“”・。、「」：！？～]+"""

CREATE_FOLDING = [
    f"""
CREATE OR REPLACE FUNCTION search_fold(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT trim(regexp_replace(
        replace(
            regexp_replace(
                regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, $1)),
                               '{PUNCTUATION}', ' ', 'g'),
                '([aiueo])\\1', '\\1', 'g'),
            'ou', 'o'),
        '\\s+', ' ', 'g'))
$$
""",
    """
ALTER TABLE catalog_title ADD COLUMN names_folded text
    GENERATED ALWAYS AS (search_fold(name || ' ' || name_romaji || ' ' || name_native)) STORED
""",
    """
CREATE INDEX catalog_title_names_trgm ON catalog_title
    USING gist (names_folded gist_trgm_ops)
""",
]

DROP_FOLDING = [
    "DROP INDEX IF EXISTS catalog_title_names_trgm",
    "ALTER TABLE catalog_title DROP COLUMN IF EXISTS names_folded",
    "DROP FUNCTION IF EXISTS search_fold(text)",
]


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0004_rename_episode_title_to_name"),
    ]

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        run_sql_on_postgresql(CREATE_FOLDING, DROP_FOLDING),
    ]
