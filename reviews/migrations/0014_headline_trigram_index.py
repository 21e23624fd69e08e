"""Review headlines searchable with typos: a GIN trigram index on the folded headline.

search_fold() comes from catalog migration 0005; the index serves the `%>` word-similarity
match of animeblog/search.py. PostgreSQL only, like the search vectors of 0007.
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
                "CREATE INDEX reviews_review_headline_trgm ON reviews_review"
                " USING gin (search_fold(display_headline) gin_trgm_ops)"
            ],
            ["DROP INDEX IF EXISTS reviews_review_headline_trgm"],
        ),
    ]
