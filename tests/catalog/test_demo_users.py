"""`manage.py ensure_demo_users`: the demo staff accounts, their passwords and groups."""

import io
import re

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


def run(command: str) -> str:
    out = io.StringIO()
    call_command(command, stdout=out)
    return out.getvalue()


DEMO_USERNAMES = ["admin", "editor", "moderator", "writer"]


def authenticate_at_admin_login(username: str, password: str):
    """The admin login's password check, with the request django-axes needs to count it."""
    request = RequestFactory().post("/admin/login/")
    return authenticate(request, username=username, password=password)


def test_demo_users_get_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "a demo password")
    run("ensure_demo_users")
    for username in DEMO_USERNAMES:
        user = authenticate_at_admin_login(username=username, password="a demo password")
        assert user is not None
        assert user.is_staff


def test_only_admin_is_a_superuser(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "a demo password")
    run("ensure_demo_users")
    superusers = get_user_model().objects.filter(is_superuser=True)
    assert list(superusers.values_list("username", flat=True)) == ["admin"]


def test_without_demo_password_a_generated_password_is_printed_and_works(monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    output = run("ensure_demo_users")
    password = re.search(r"Password for admin, editor, writer, moderator: (\S+)", output)[1]
    assert len(password) >= 12
    assert authenticate_at_admin_login(username="writer", password=password) is not None


def test_a_second_run_without_demo_password_keeps_passwords_and_says_so(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "the first password")
    run("ensure_demo_users")
    monkeypatch.delenv("DEMO_PASSWORD")
    output = run("ensure_demo_users")
    assert "passwords were not changed" in output
    assert authenticate_at_admin_login(username="editor", password="the first password") is not None
    assert get_user_model().objects.count() == 4


def test_demo_users_join_their_editorial_groups_when_those_exist(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "a demo password")
    for name in ["Editors", "Writers", "Moderators"]:
        Group.objects.get_or_create(name=name)
    run("ensure_demo_users")
    User = get_user_model()
    assert list(User.objects.get(username="editor").groups.values_list("name", flat=True)) == [
        "Editors"
    ]
    assert list(User.objects.get(username="writer").groups.values_list("name", flat=True)) == [
        "Writers"
    ]
    assert list(User.objects.get(username="moderator").groups.values_list("name", flat=True)) == [
        "Moderators"
    ]
