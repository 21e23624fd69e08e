"""Fixtures for the image library tests: clients signed in with each editorial role."""

import pytest

from tests.factories import UserFactory
from tests.reviews.factories import staff_user


@pytest.fixture
def writer_client(client, db):
    client.force_login(staff_user("Writers", username="writer"))
    return client


@pytest.fixture
def editor_client(client, db):
    client.force_login(staff_user("Editors", username="editor"))
    return client


@pytest.fixture
def moderator_client(client, db):
    client.force_login(staff_user("Moderators", username="moderator"))
    return client


@pytest.fixture
def reader_client(client, db):
    client.force_login(UserFactory(username="reader"))
    return client
