"""Dedicated PostgreSQL databases for the production tests, on the server DATABASE_URL names.

They are made and dropped here rather than through pytest-django's test database, since
the app servers under test run in other processes and must all see the same rows.
"""

import contextlib
import os

import dj_database_url
import psycopg
from psycopg import sql


def server_url(database: str) -> str:
    """DATABASE_URL with its database name replaced."""
    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    password = f":{config['PASSWORD']}" if config["PASSWORD"] else ""
    port = f":{config['PORT']}" if config["PORT"] else ""
    return f"postgres://{config['USER']}{password}@{config['HOST']}{port}/{database}"


def _admin_connection():
    return psycopg.connect(server_url("postgres"), autocommit=True)


def create_database(name: str) -> None:
    with _admin_connection() as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(name: str) -> None:
    with contextlib.suppress(psycopg.Error), _admin_connection() as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def fetch_one(database: str, query: str, *params):
    """One row of a read-only query against that database."""
    with psycopg.connect(server_url(database)) as connection:
        return connection.execute(query, params).fetchone()


@contextlib.contextmanager
def dedicated_database(prefix: str):
    """A fresh database named <prefix>_<pid>, dropped afterwards; yields its name."""
    name = f"{prefix}_{os.getpid()}"
    create_database(name)
    try:
        yield name
    finally:
        drop_database(name)
