"""The "Leave a Reply" form readers fill in below a review."""

from django import forms
from django.core.validators import URLValidator

from comments.models import BODY_MAX_LENGTH, NAME_MAX_LENGTH, WEBSITE_SCHEMES, Comment
from comments.services import is_staff_author
from comments.spam import HONEYPOT_FIELD

WEBSITE_ERROR = "Enter a website address starting with http:// or https://."


class CommentTextField(forms.CharField):
    """Text with browser line breaks (CRLF) stored as one character each, as the reader counted.

    A textarea's maxlength counts a line break once, but browsers send it as two characters.
    """

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")


class CommentForm(forms.Form):
    """Name, email, website, comment; staff signed in give only the comment.

    The parent must be an approved comment on the same review: replying to anything else
    is refused rather than silently attached elsewhere.
    """

    name = forms.CharField(label="Name", max_length=NAME_MAX_LENGTH)
    email = forms.EmailField(
        label="Email", help_text="Never shown to anyone: only the moderators see it."
    )
    website = forms.URLField(
        label="Website",
        required=False,
        max_length=200,
        assume_scheme="https",
        validators=[URLValidator(schemes=WEBSITE_SCHEMES, message=WEBSITE_ERROR)],
        error_messages={"invalid": WEBSITE_ERROR},
    )
    body = CommentTextField(
        label="Comment",
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 45}),
        error_messages={
            "max_length": "Keep your comment under 5,000 characters (it has %(show_value)d).",
            "required": "Please write a comment.",
        },
    )
    is_spoiler = forms.BooleanField(label="My comment contains spoilers", required=False)
    remember = forms.BooleanField(
        label="Save my name and email in this browser for the next time I comment.",
        required=False,
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    form_token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, review, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.review = review
        self.is_staff_author = is_staff_author(user)
        if self.is_staff_author:
            for field in ("name", "email", "website", "remember"):
                del self.fields[field]
        # The honeypot's name looks worth filling to a script; people never see it.
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label="Leave this field empty",
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )

    def clean_parent(self):
        parent_id = self.cleaned_data.get("parent")
        if parent_id is None:
            return None
        parent = (
            Comment.objects.approved()
            .filter(pk=parent_id, review=self.review)
            .select_related("parent")
            .first()
        )
        if parent is None:
            raise forms.ValidationError(
                "The comment you are replying to is not on this review.", code="bad_parent"
            )
        return parent
