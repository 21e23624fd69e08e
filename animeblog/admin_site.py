"""The site's admin: Django's under the site's name, refusing hostile input with a 4xx.

Every page of it (the login too) is titled "<SITE_NAME> administration".

Three holes in Django's admin turn bad input into a 500, and every admin registered on
the site (the apps' and the third-party ones: axes, taggit, reversion) gets the fix,
because `SiteAdmin.register` gives each of them the checks below:

- the login form sets the username's maximum length only on the widget, so a username
  of 256 characters reached django-axes, which stores it in a varchar(255);
- a date-hierarchy filter like ``?publish_at__year=99999999999999999999999`` raised
  OverflowError where Django expects ValueError; it now counts as any wrong filter
  (the list reloads without it, ``?e=1``);
- an autocomplete widget re-shows a refused form by looking up the ids it was sent, so
  ``title=abc`` raised ValueError while rendering "Select a valid choice"; it now shows
  only the values the related key can hold, and many-to-many fields refuse such values
  before looking any up (an id of 20 digits overflowed SQLite's integer).
"""

import functools

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.options import IncorrectLookupParameters, InlineModelAdmin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator


class AdminLoginForm(AdminAuthenticationForm):
    """The admin login, refusing a username longer than any account's before authenticating."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))


def fits_key(key, value) -> bool:
    """``value`` converts to the model field ``key`` and fits its column (huge ids overflow)."""
    try:
        key.run_validators(key.to_python(value))
    except ValidationError:
        return False
    return True


class KnownValuesOnly:
    """An autocomplete widget that looks up only the submitted values its key can hold."""

    def optgroups(self, name, value, attr=None):
        related = self.field.remote_field
        key = related.model._meta.get_field(
            getattr(related, "field_name", related.model._meta.pk.attname)
        )
        return super().optgroups(name, [item for item in value if fits_key(key, item)], attr)


class KnownValuesAutocompleteSelect(KnownValuesOnly, AutocompleteSelect):
    pass


class KnownValuesAutocompleteSelectMultiple(KnownValuesOnly, AutocompleteSelectMultiple):
    pass


class KnownValuesMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses ids its key cannot hold before looking any up: Django's own check looks them
    all up in one ``IN`` query, which overflows on SQLite for an id of 20 digits."""

    def clean(self, value):
        meta = self.queryset.model._meta
        key = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        for item in value if isinstance(value, list | tuple) else ():
            if not fits_key(key, item):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )
        return super().clean(value)


class FormInputChecks:
    """For model admins and inlines: relation fields and widgets that survive any value."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KnownValuesAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", KnownValuesMultipleChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KnownValuesAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ModelAdminInputChecks(FormInputChecks):
    """For model admins: overflowing list filters are wrong filters; inlines get the checks."""

    def get_changelist_instance(self, request):
        try:
            return super().get_changelist_instance(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error

    def get_inlines(self, request, obj):
        return [with_input_checks(inline) for inline in super().get_inlines(request, obj)]


@functools.cache
def with_input_checks(admin_class: type) -> type:
    """``admin_class`` with the input checks mixed in first (made once per class)."""
    checks = FormInputChecks if issubclass(admin_class, InlineModelAdmin) else ModelAdminInputChecks
    if issubclass(admin_class, checks):
        return admin_class
    attributes = {"__module__": admin_class.__module__, "__qualname__": admin_class.__qualname__}
    return type(admin_class.__name__, (checks, admin_class), attributes)


class SiteAdmin(admin.AdminSite):
    """Django's admin site, whose every registered admin refuses hostile input cleanly."""

    login_form = AdminLoginForm

    @property
    def site_header(self):
        return f"{settings.SITE_NAME} administration"

    site_title = site_header

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = with_input_checks(admin_class or admin.ModelAdmin)
        super().register(model_or_iterable, admin_class, **options)
