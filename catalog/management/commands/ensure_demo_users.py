"""`manage.py ensure_demo_users`: the admin, editor, writer and moderator accounts of the demo."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

# username -> the editorial group it belongs to (None: the superuser needs none).
DEMO_USERS = {
    "admin": None,
    "editor": "Editors",
    "writer": "Writers",
    "moderator": "Moderators",
}


class Command(BaseCommand):
    help = (
        "Ensure the demo users admin (superuser), editor, writer and moderator exist, staff, in "
        "their groups. The password comes from DEMO_PASSWORD; without it, new users get one "
        "generated password (printed once) and existing users keep theirs."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        User = get_user_model()
        given_password = os.environ.get("DEMO_PASSWORD", "")
        generated_password = secrets.token_urlsafe(12)
        groups = {group.name: group for group in Group.objects.filter(name__in=DEMO_USERS.values())}

        created, kept = [], []
        for username, group_name in DEMO_USERS.items():
            user, is_new = User.objects.get_or_create(username=username)
            # Review authors that `load_demo` created have no password yet: treat them as new.
            is_new = is_new or not user.has_usable_password()
            user.is_active = user.is_staff = True
            user.is_superuser = group_name is None
            if given_password:
                user.set_password(given_password)
            elif is_new:
                user.set_password(generated_password)
            user.save()
            if group_name in groups:
                user.groups.add(groups[group_name])
            (created if is_new else kept).append(username)

        self._report(created, kept, given_password, generated_password)

    def _report(self, created, kept, given_password, generated_password):
        if created:
            self.stdout.write(f"Created demo users: {', '.join(created)}")
        if given_password:
            self.stdout.write(
                f"Users {', '.join(DEMO_USERS)} now have the password from DEMO_PASSWORD."
            )
            return
        if created:
            self.stdout.write(
                self.style.SUCCESS(f"Password for {', '.join(created)}: {generated_password}")
            )
        if kept:
            self.stdout.write(
                f"Users {', '.join(kept)} already existed; their passwords were not changed "
                "(set DEMO_PASSWORD to reset them)."
            )
