"""Show names searchable with typos, accents and long vowels: pg_trgm, unaccent, a GiST index.

`search_fold(text)` is the one definition, in SQL, of how a name or a query is folded
before trigrams are compared: accents dropped by unaccent ("Sōsō" → "Soso", fullwidth
letters to plain ones), lower case, punctuation to spaces ("Cowboy-Bebop" → "cowboy
bebop"), doubled vowels and "ou" to one vowel, so romaji spelt the long way matches
romaji spelt with macrons ("Sousou" = "Sōsō" = "Soso"). It and its three-name twin are
IMMUTABLE so an index can hold their results: unaccent is called with its dictionary
named, which is what makes that promise true.

The GiST index serves nearest-first ordering (`<->>`, catalog/name_search.py). On
SQLite nothing is created: there catalog/name_search.py folds the names in Python.
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
CREATE OR REPLACE FUNCTION catalog_title_names_folded(text, text, text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT search_fold($1 || ' ' || $2 || ' ' || $3)
$$
""",
    """
CREATE INDEX catalog_title_names_trgm ON catalog_title
    USING gist (catalog_title_names_folded(name, name_romaji, name_native) gist_trgm_ops)
""",
]

DROP_FOLDING = [
    "DROP INDEX IF EXISTS catalog_title_names_trgm",
    "DROP FUNCTION IF EXISTS catalog_title_names_folded(text, text, text)",
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
