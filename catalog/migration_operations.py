"""Migration operations shared by the apps' migrations: SQL that only PostgreSQL runs."""

from django.db import migrations


def _execute_on_postgresql(statements: list[str]):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


def run_sql_on_postgresql(statements: list[str], reverse_statements: list[str]):
    """A RunPython that executes `statements` on PostgreSQL and does nothing elsewhere.

    RunSQL cannot tell databases apart; the embedded SQLite default has no tsvector,
    triggers in PL/pgSQL or GIN indexes, and needs none of them.
    """
    return migrations.RunPython(
        _execute_on_postgresql(statements), _execute_on_postgresql(reverse_statements)
    )
