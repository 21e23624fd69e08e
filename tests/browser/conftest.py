"""Fixtures for browser tests that need more than the live demo site."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.operations import RunPython

# The data migrations that make the roles, in order: the groups, then the permissions
# later models added to them.
ROLE_MIGRATIONS = [
    ("reviews", "0004_editorial_roles"),
    ("reviews", "0006_rating_permissions_for_editors"),
    ("comments", "0002_comment_permissions_for_moderators_and_editors"),
]


@pytest.fixture
def role_groups(_allow_sync_orm_under_playwright, transactional_db):
    """The Writers, Editors and Moderators groups, made again by their migrations when missing.

    Live-server tests are transactional: each empties every table afterwards, the
    groups the migrations made included, so only the first would otherwise find them.
    """
    if Group.objects.filter(name="Editors").exists():
        return
    loader = MigrationExecutor(connection).loader
    for app_label, name in ROLE_MIGRATIONS:
        state = loader.project_state((app_label, name), at_end=True)
        with connection.schema_editor() as schema_editor:
            for operation in loader.get_migration(app_label, name).operations:
                if isinstance(operation, RunPython):
                    operation.code(state.apps, schema_editor)
