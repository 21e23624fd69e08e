"""A full-text search vector on reviews, kept up to date by PostgreSQL triggers.

Why triggers rather than save() or signals: the vector is then right however a
row is written (save, queryset.update such as the headline refresh, bulk_create
of the benchmark generator, tags added through taggit, a show or tag renamed),
with no code path able to forget it. SQLite has no tsvector: there the column
stays empty and search falls back to icontains, so triggers and the GIN index
are created on PostgreSQL only. The index is not declared in Meta.indexes: SQLite
rebuilds tables from the model state on some later migrations and cannot create
a GIN index.
"""

import django.contrib.postgres.search
from django.db import migrations

from catalog.migration_operations import run_sql_on_postgresql

# Weights: the headline and the show's names A (names in the 'simple' configuration so
# romaji and native scripts match as written), tags B, the excerpt C, the body D.
CREATE_TRIGGERS = [
    """
CREATE OR REPLACE FUNCTION reviews_review_content_type_id() RETURNS integer AS $$
    SELECT id FROM django_content_type WHERE app_label = 'reviews' AND model = 'review'
$$ LANGUAGE sql STABLE
""",
    """
CREATE OR REPLACE FUNCTION reviews_review_search_vector() RETURNS trigger AS $$
DECLARE
    show_names text;
    tag_names text;
BEGIN
    SELECT concat_ws(' ', name, name_romaji, name_native) INTO show_names
        FROM catalog_title WHERE id = NEW.title_id;
    SELECT string_agg(tag.name, ' ') INTO tag_names
        FROM taggit_taggeditem item JOIN taggit_tag tag ON tag.id = item.tag_id
        WHERE item.object_id = NEW.id AND item.content_type_id = reviews_review_content_type_id();
    NEW.search_vector :=
        setweight(to_tsvector('simple', concat_ws(' ', NEW.display_headline, show_names)), 'A')
        || setweight(to_tsvector('english', coalesce(NEW.display_headline, '')), 'A')
        || setweight(to_tsvector('simple', coalesce(tag_names, '')), 'B')
        || setweight(to_tsvector('english', coalesce(tag_names, '')), 'B')
        || setweight(to_tsvector('english', coalesce(NEW.excerpt, '')), 'C')
        || setweight(to_tsvector('english', coalesce(NEW.body, '')), 'D');
    RETURN NEW;
END
$$ LANGUAGE plpgsql
""",
    """
CREATE TRIGGER reviews_review_search_vector
    BEFORE INSERT OR UPDATE OF display_headline, excerpt, body, title_id, search_vector
    ON reviews_review FOR EACH ROW EXECUTE FUNCTION reviews_review_search_vector()
""",
    # Setting the vector to NULL is how the triggers below ask for a recomputation.
    """
CREATE OR REPLACE FUNCTION reviews_refresh_search_vector_of_show() RETURNS trigger AS $$
BEGIN
    UPDATE reviews_review SET search_vector = NULL WHERE title_id = NEW.id;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
""",
    """
CREATE TRIGGER reviews_refresh_search_vector_of_show
    AFTER UPDATE OF name, name_romaji, name_native ON catalog_title FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name
          OR OLD.name_romaji IS DISTINCT FROM NEW.name_romaji
          OR OLD.name_native IS DISTINCT FROM NEW.name_native)
    EXECUTE FUNCTION reviews_refresh_search_vector_of_show()
""",
    """
CREATE OR REPLACE FUNCTION reviews_refresh_search_vector_of_tagged() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.content_type_id = reviews_review_content_type_id() THEN
        UPDATE reviews_review SET search_vector = NULL WHERE id = OLD.object_id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.content_type_id = reviews_review_content_type_id() THEN
        UPDATE reviews_review SET search_vector = NULL WHERE id = NEW.object_id;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
""",
    """
CREATE TRIGGER reviews_refresh_search_vector_of_tagged
    AFTER INSERT OR UPDATE OR DELETE ON taggit_taggeditem FOR EACH ROW
    EXECUTE FUNCTION reviews_refresh_search_vector_of_tagged()
""",
    """
CREATE OR REPLACE FUNCTION reviews_refresh_search_vector_of_tag() RETURNS trigger AS $$
BEGIN
    UPDATE reviews_review SET search_vector = NULL WHERE id IN (
        SELECT object_id FROM taggit_taggeditem
        WHERE tag_id = NEW.id AND content_type_id = reviews_review_content_type_id());
    RETURN NULL;
END
$$ LANGUAGE plpgsql
""",
    """
CREATE TRIGGER reviews_refresh_search_vector_of_tag
    AFTER UPDATE OF name ON taggit_tag FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION reviews_refresh_search_vector_of_tag()
""",
    "CREATE INDEX reviews_review_search_vector_gin ON reviews_review USING gin (search_vector)",
    "UPDATE reviews_review SET search_vector = NULL",
]

DROP_TRIGGERS = [
    "DROP INDEX IF EXISTS reviews_review_search_vector_gin",
    "DROP TRIGGER IF EXISTS reviews_refresh_search_vector_of_tag ON taggit_tag",
    "DROP FUNCTION IF EXISTS reviews_refresh_search_vector_of_tag()",
    "DROP TRIGGER IF EXISTS reviews_refresh_search_vector_of_tagged ON taggit_taggeditem",
    "DROP FUNCTION IF EXISTS reviews_refresh_search_vector_of_tagged()",
    "DROP TRIGGER IF EXISTS reviews_refresh_search_vector_of_show ON catalog_title",
    "DROP FUNCTION IF EXISTS reviews_refresh_search_vector_of_show()",
    "DROP TRIGGER IF EXISTS reviews_review_search_vector ON reviews_review",
    "DROP FUNCTION IF EXISTS reviews_review_search_vector()",
    "DROP FUNCTION IF EXISTS reviews_review_content_type_id()",
]


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0003_title_search_vector"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reviews", "0006_rating_permissions_for_editors"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.AddField(
            model_name="review",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        run_sql_on_postgresql(CREATE_TRIGGERS, DROP_TRIGGERS),
    ]
