"""How staff are named: by name to colleagues in the admin, by public profile to readers.

Neither ever shows an email. Readers never see a username either: a user without a
public AuthorProfile is bylined as the site itself.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist


def author_name(user) -> str:
    """The admin-side name: their full name, else their username."""
    return user.get_full_name() or user.get_username()


@dataclass(frozen=True)
class Byline:
    """A review's public author: the name readers see and their page ("" when none)."""

    name: str
    url: str = ""

    @property
    def is_person(self) -> bool:
        return bool(self.url)


def public_profile(user):
    """The user's public AuthorProfile, or None; reads the select_related row, no query then."""
    try:
        profile = user.author_profile
    except ObjectDoesNotExist:
        return None
    return profile if profile.is_public else None


def byline(user) -> Byline:
    profile = public_profile(user)
    if profile is None:
        return Byline(name=settings.SITE_NAME)
    return Byline(name=profile.display_name, url=profile.get_absolute_url())
