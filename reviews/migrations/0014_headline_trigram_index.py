"""Review headlines searchable with typos: the folded headline, stored, with a GiST trigram index.

`headline_folded` is a generated column, `search_fold(display_headline)` (search_fold()
comes from catalog migration 0005), so PostgreSQL keeps it right however the headline
is written, and a search compares trigrams without folding every candidate headline
again; the GiST index gives the nearest headlines first (`<->>`), so a search reads a
few rows of it whatever the query. Django's model does not know the column: only the
near-headline subquery of animeblog/search.py reads it. A later change of display_headline's type must drop and
add the column again around it. PostgreSQL only, like the search vectors of 0007.
"""

from django.db import migrations

from catalog.migration_operations import run_sql_on_postgresql


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0005_forgiving_name_search"),
        ("reviews", "0013_author_profile"),
    ]

    operations = [
        run_sql_on_postgresql(
            [
                "ALTER TABLE reviews_review ADD COLUMN headline_folded text"
                " GENERATED ALWAYS AS (search_fold(display_headline)) STORED",
                "CREATE INDEX reviews_review_headline_trgm ON reviews_review"
                " USING gist (headline_folded gist_trgm_ops)",
            ],
            [
                "DROP INDEX IF EXISTS reviews_review_headline_trgm",
                "ALTER TABLE reviews_review DROP COLUMN IF EXISTS headline_folded",
            ],
        ),
    ]
