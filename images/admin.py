"""The image library's back office: a thumbnail grid, where each image is used, and the
two staff JSON endpoints the review editor calls (upload by paste or drop, and the picker).

An image some article uses cannot be deleted: its uses point at it with PROTECT, so
Django's own delete page refuses and lists them.
"""

from django.contrib import admin
from django.db.models import Count, Q
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_GET, require_POST

from core.json_answers import json_field_errors, json_refusal
from images import services
from images.forms import ImageForm, ImageUploadForm
from images.models import Image, image_use_relations

PICKER_LIMIT = 50
THUMBNAIL_WIDTH = 160


def image_json(image: Image) -> dict:
    """What the editor needs to show an image and place it."""
    return {
        "id": image.pk,
        "alt_text": image.alt_text,
        "caption": image.caption,
        "thumbnail_url": image.thumbnail_url,
        "width": image.width,
        "height": image.height,
        "markdown": image.markdown,
    }


def thumbnail(image: Image):
    height = round(image.height * THUMBNAIL_WIDTH / image.width) if image.width else None
    return format_html(
        '<img class="image-thumbnail" src="{}" alt="{}" width="{}" height="{}" loading="lazy">',
        image.thumbnail_url,
        image.alt_text,
        THUMBNAIL_WIDTH,
        height,
    )


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = [
        "thumbnail",
        "alt_text",
        "caption",
        "size",
        "uploaded_by",
        "uploaded_at",
        "uses",
    ]
    list_display_links = ["thumbnail", "alt_text"]
    list_filter = [("uploaded_by", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["uploaded_by"]
    search_fields = ["alt_text", "caption"]
    readonly_fields = ["preview", "size", "uploaded_by", "uploaded_at", "used_in"]
    list_per_page = 60

    class Media:
        css = {"all": ["images/admin.css"]}

    def get_queryset(self, request):
        """Each image with its number of uses per using model, counted in the same query."""
        counts = {
            f"{relation.name}_count": Count(relation.name, distinct=True)
            for relation in image_use_relations()
        }
        return super().get_queryset(request).annotate(**counts)

    @admin.display(description="image")
    def thumbnail(self, image):
        return thumbnail(image)

    @admin.display(description="image")
    def preview(self, image):
        return thumbnail(image) if image.pk else "—"

    @admin.display(description="size")
    def size(self, image):
        return f"{image.width} × {image.height}" if image.width else "—"

    @admin.display(description="used in")
    def uses(self, image):
        counts = [
            (getattr(image, f"{relation.name}_count", 0), used_in_model(relation))
            for relation in image_use_relations()
        ]
        shown = [f"{count} {verbose_name(model, count)}" for count, model in counts if count]
        return ", ".join(shown) or "not used"

    @admin.display(description="used in")
    def used_in(self, image):
        """Each place that uses the image, linked to its admin page."""
        if not image.pk:
            return "—"
        places = [use.used_in for use in uses_of(image)]
        if not places:
            return "Not used in any article yet."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a></li>',
                ((reverse(change_url_name(place), args=[place.pk]), place) for place in places),
            ),
        )

    def save_model(self, request, obj, form, change):
        services.save_image(image=obj, by=request.user, changed_fields=form.changed_data)

    # The editor's endpoints.

    def get_urls(self):
        return [
            path(
                "upload/",
                self.admin_site.admin_view(self.upload_view),
                name="images_image_upload",
            ),
            path(
                "picker/",
                self.admin_site.admin_view(self.picker_view),
                name="images_image_picker",
            ),
            *super().get_urls(),
        ]

    def upload_view(self, request):
        """POST multipart ``file``, ``alt_text``, ``caption``: 201 with the new image, or 400."""
        if not self.has_add_permission(request):
            return json_refusal("You may not add images to the library.")
        return require_POST(self._upload)(request)

    def _upload(self, request):
        form = ImageUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return json_field_errors(form.errors)
        image = services.save_image(image=form.save(commit=False), by=request.user)
        return JsonResponse(image_json(image), status=201)

    def picker_view(self, request):
        """GET ``?q=``: the newest images whose alt text or caption holds the words, at most 50."""
        if not self.has_view_permission(request):
            return json_refusal("You may not view the image library.")
        return require_GET(self._pick)(request)

    def _pick(self, request):
        query = request.GET.get("q", "").strip()
        images = Image.objects.all()
        if query:
            images = images.filter(Q(alt_text__icontains=query) | Q(caption__icontains=query))
        return JsonResponse({"results": [image_json(image) for image in images[:PICKER_LIMIT]]})


def change_url_name(row) -> str:
    return f"admin:{row._meta.app_label}_{row._meta.model_name}_change"


def used_in_model(relation):
    use_model = relation.related_model
    return use_model._meta.get_field(use_model.used_in_field).related_model


def verbose_name(model, count: int) -> str:
    return str(model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural)


def uses_of(image: Image) -> list:
    """Every use of ``image``, with the row that uses it, one query per using model."""
    found = []
    for relation in image_use_relations():
        use_model = relation.related_model
        found.extend(use_model.objects.filter(image=image).select_related(use_model.used_in_field))
    return found
