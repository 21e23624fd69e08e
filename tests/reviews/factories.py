"""factory_boy factories for reviews: a ReviewFactory that is live unless a trait says otherwise,
and authors' public profiles."""

from datetime import timedelta

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from reviews.models import AuthorProfile, Review
from tests.factories import TitleFactory, UserFactory


class ReviewFactory(factory.django.DjangoModelFactory):
    """A published review whose publish time has passed; traits give the other statuses.

    ReviewFactory(draft=True), (in_review=True), (scheduled=True), (archived=True).
    """

    class Meta:
        model = Review
        skip_postgeneration_save = True
        skip_postgeneration_save = True

    class Params:
        draft = factory.Trait(status=Review.Status.DRAFT, publish_at=None)
        in_review = factory.Trait(status=Review.Status.IN_REVIEW, publish_at=None)
        scheduled = factory.Trait(
            status=Review.Status.PUBLISHED,
            publish_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=3)),
        )
        archived = factory.Trait(status=Review.Status.ARCHIVED)

    title = factory.SubFactory(TitleFactory)
    season = None
    slug = factory.Sequence(lambda n: f"review-{n}")
    excerpt = "A short excerpt for lists and feeds."
    body = "## First impressions\n\nA review body written for the tests.\n"
    verdict = "Worth a watch."
    author = factory.SubFactory(UserFactory)
    status = Review.Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)


def staff_user(role: str, **kwargs):
    """A staff user in one of the role groups ("Writers", "Editors", "Moderators")."""
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=role))
    return user


class AuthorProfileFactory(factory.django.DjangoModelFactory):
    """A public author profile; pass `user` to give an existing review's author one."""

    class Meta:
        model = AuthorProfile

    user = factory.SubFactory(UserFactory)
    display_name = factory.Sequence(lambda n: f"Author {n}")
    slug = factory.Sequence(lambda n: f"author-{n}")
    bio = "Writes about anime."
