"""A full-text search vector on shows, kept up to date by a PostgreSQL trigger.

Why a trigger rather than save() or signals: the vector is then right however a
row is written (save, queryset.update, bulk_create of the benchmark generator,
raw SQL). SQLite has no tsvector: there the column stays empty and search falls
back to icontains, so the trigger and the GIN index are created on PostgreSQL only.
The index is not declared in Meta.indexes: SQLite rebuilds tables from the model
state on some later migrations and cannot create a GIN index.
"""

import django.contrib.postgres.search
from django.db import migrations

from catalog.migration_operations import run_sql_on_postgresql

# Names in the 'simple' configuration, so romaji and native scripts (Japanese, Tamil)
# match as written; the English name stemmed too; the synopsis last.
CREATE_TRIGGER = [
    """
CREATE OR REPLACE FUNCTION catalog_title_search_vector() RETURNS trigger AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('simple', concat_ws(' ', NEW.name, NEW.name_romaji, NEW.name_native)), 'A')
        || setweight(to_tsvector('english', coalesce(NEW.name, '')), 'A')
        || setweight(to_tsvector('english', coalesce(NEW.synopsis, '')), 'C');
    RETURN NEW;
END
$$ LANGUAGE plpgsql
""",
    """
CREATE TRIGGER catalog_title_search_vector
    BEFORE INSERT OR UPDATE OF name, name_romaji, name_native, synopsis, search_vector
    ON catalog_title FOR EACH ROW EXECUTE FUNCTION catalog_title_search_vector()
""",
    "CREATE INDEX catalog_title_search_vector_gin ON catalog_title USING gin (search_vector)",
    "UPDATE catalog_title SET search_vector = NULL",
]

DROP_TRIGGER = [
    "DROP INDEX IF EXISTS catalog_title_search_vector_gin",
    "DROP TRIGGER IF EXISTS catalog_title_search_vector ON catalog_title",
    "DROP FUNCTION IF EXISTS catalog_title_search_vector()",
]


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0002_poster_dimensions_and_safe_images"),
    ]

    operations = [
        migrations.AddField(
            model_name="title",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        run_sql_on_postgresql(CREATE_TRIGGER, DROP_TRIGGER),
    ]
