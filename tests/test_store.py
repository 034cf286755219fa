"""The store: migrations, durability settings, laptop identity, atomic appends, clear errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiosk.store import Store, StoreError
from kiosk.store import schema
from kiosk.store.schema import SchemaTooNew, migrate


def test_fresh_database_is_at_the_newest_schema_in_wal_mode(store: Store) -> None:
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(schema.MIGRATIONS)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {"meta", "plans", "sessions", "events"} <= {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}


def test_laptop_id_is_created_once_and_kept(tmp_path: Path) -> None:
    first = Store(tmp_path / "k.sqlite3")
    laptop = first.laptop_id
    first.close()
    again = Store(tmp_path / "k.sqlite3")
    assert again.laptop_id == laptop and len(laptop) == 36


def test_pending_migrations_run_in_order_and_keep_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, schema.MIGRATIONS[:1])
    conn.execute("INSERT INTO meta VALUES ('laptop_id', 'L-1')")

    def v_next(c: sqlite3.Connection) -> None:
        c.execute("ALTER TABLE meta ADD COLUMN note TEXT")
        c.execute("UPDATE meta SET note = 'migrated'")

    assert migrate(conn, [*schema.MIGRATIONS[:1], v_next]) == 2
    assert conn.execute("SELECT value, note FROM meta").fetchone() == ("L-1", "migrated")


def test_failed_migration_rolls_back_completely(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "k.sqlite3", isolation_level=None)
    migrate(conn, schema.MIGRATIONS[:1])

    def broken(c: sqlite3.Connection) -> None:
        c.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        migrate(conn, [*schema.MIGRATIONS[:1], broken])
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'half_done'").fetchone() is None


def test_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite3"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer ux-kiosk"):
        Store(path)
    assert path.read_bytes() == before
    with pytest.raises(SchemaTooNew):
        migrate(sqlite3.connect(path))


def test_damaged_file_gives_an_actionable_message(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="keep a copy of the whole data folder"):
        Store(path)


def test_writes_are_atomic(store: Store) -> None:
    with pytest.raises(ZeroDivisionError):
        with store.write() as conn:
            conn.execute("INSERT INTO meta VALUES ('half', 'written')")
            1 / 0
    assert store._meta_value("half") is None


def test_reader_sees_committed_rows_and_cannot_write(store: Store) -> None:
    from kiosk.store import StoreReader

    store.save_plan("s", "1", "h" * 64, "source")
    reader = StoreReader(store.path)
    assert reader.plan_source("h" * 64) == "source"
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        reader._conn.execute("DELETE FROM plans")
    reader.close()
