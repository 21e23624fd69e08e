"""A static page: Markdown an editor writes in the admin, rendered as reviews are."""

from django.db import models
from django.urls import reverse

from reviews.markdown import render_markdown


class PageQuerySet(models.QuerySet):
    def published(self):
        """The one definition of a public page: readers never see an unpublished one."""
        return self.filter(is_published=True)


class Page(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=100, unique=True, help_text="The page's address: /pages/<slug>/."
    )
    body = models.TextField(help_text="Markdown, as in reviews.")
    body_html = models.TextField(editable=False)
    is_published = models.BooleanField(
        "published", default=False, help_text="Unpublished pages answer 404 to readers."
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html, _toc = render_markdown(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("pages:page", kwargs={"slug": self.slug})
