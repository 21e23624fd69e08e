"""Fixtures for catalog tests: an editor signed in to the admin."""

import pytest
from django.contrib.auth.models import Permission

from tests.factories import UserFactory


@pytest.fixture
def editor_client(client):
    """A staff member allowed to keep the catalog, without superuser powers."""
    editor = UserFactory(username="catalog-editor", is_staff=True)
    editor.user_permissions.set(Permission.objects.filter(content_type__app_label="catalog"))
    client.force_login(editor)
    return client
