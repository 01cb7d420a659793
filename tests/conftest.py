"""Shared fixtures: a real SQLite file and a real PostgreSQL schema for every store test, and a SQLite
store for the importer tests."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from importing import Store, new_store
from shequn.services.communities import Community, create_community
from shequn.store import Database, open_store

# No wall-clock limits in tests: hypothesis's per-example deadline is one, and a shared machine
# makes it flaky.
settings.register_profile("shequn", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("shequn")

POSTGRES_URL = os.environ.get("SHEQUN_TEST_POSTGRES", "postgresql://127.0.0.1:5432/test")


def _postgres_reason() -> str | None:
    """Why PostgreSQL tests cannot run here, or None when they can."""
    import psycopg

    try:
        psycopg.connect(POSTGRES_URL, connect_timeout=3).close()
    except psycopg.OperationalError as error:
        return f"no PostgreSQL answers at {POSTGRES_URL} ({str(error).strip().splitlines()[0]})"
    return None


_POSTGRES_MISSING = _postgres_reason()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: os.PathLike[str]) -> Iterator[str]:
    """A fresh, empty database URL on each engine."""
    if request.param == "sqlite":
        yield os.path.join(tmp_path, "shequn.db")
        return
    yield from postgres_schema_url()


def postgres_schema_url() -> Iterator[str]:
    if _POSTGRES_MISSING:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI: {_POSTGRES_MISSING}")
        pytest.skip(_POSTGRES_MISSING)
    import psycopg

    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_store(db_url, create=True)
    yield database
    database.close()


@pytest.fixture
def community(db: Database) -> Community:
    return create_community(db, "acme", "Asia/Shanghai")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A fresh SQLite store holding the community acme, for importing exports into."""
    return new_store(tmp_path)
