"""The form that takes a new library image, in the admin and through the editor's upload."""

from django import forms

from images.models import Image


class ImageForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["file", "alt_text", "caption", "credit"]


class ImageUploadForm(ImageForm):
    """The editor's paste and drag-and-drop upload: the picture and its words, no credit yet."""

    class Meta(ImageForm.Meta):
        fields = ["file", "alt_text", "caption"]
