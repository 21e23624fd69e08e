"""Editors write static pages in the admin; the body is Markdown, rendered on save."""

from django.contrib import admin

from pages.models import Page


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "is_published", "updated_at"]
    list_filter = ["is_published"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title", "body"]
