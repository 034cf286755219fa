"""Migrations under concurrency and failure: several processes opening one new data folder, a full disk,
and SQL whose comments or strings hold semicolons."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from kiosk.store import Store, StoreError, schema
from kiosk.store.schema import migrate


def _open_and_migrate(path: Path, barrier: threading.Barrier, errors: list[BaseException]) -> None:
    conn = sqlite3.connect(path, isolation_level=None, timeout=10)
    try:
        barrier.wait(timeout=30)
        migrate(conn)
    except BaseException as exc:  # noqa: BLE001 - collected and asserted on by the test
        errors.append(exc)
    finally:
        conn.close()


def test_three_writers_opening_a_new_database_at_once_all_succeed(tmp_path: Path) -> None:
    """Each connection must read ``user_version`` under the write lock, or two of them run migration 1."""
    errors: list[BaseException] = []
    for round_ in range(25):
        path = tmp_path / f"race-{round_}.sqlite3"
        created = sqlite3.connect(path)
        # WAL persists in the file; switching it in each thread at once is its own race (a busy error
        # before the barrier left the other two waiting for ever), and not the one under test.
        created.execute("PRAGMA journal_mode = WAL")
        created.close()
        barrier = threading.Barrier(3)
        threads = [threading.Thread(target=_open_and_migrate, args=(path, barrier, errors)) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(schema.MIGRATIONS)
        conn.close()
    assert errors == []


def _fills_the_disk(conn: sqlite3.Connection) -> None:
    """A real SQLITE_FULL: SQLite itself rolls the transaction back before the error reaches us."""
    conn.execute("CREATE TABLE filler (x BLOB)")
    conn.execute("PRAGMA max_page_count = 20")
    conn.execute("INSERT INTO filler VALUES (randomblob(1000000))")


def test_a_full_disk_during_migration_is_reported_as_a_full_disk(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "k.sqlite3", isolation_level=None)
    migrate(conn, schema.MIGRATIONS[:1])
    with pytest.raises(sqlite3.OperationalError, match="full"):
        migrate(conn, [*schema.MIGRATIONS[:1], _fills_the_disk])
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'filler'").fetchone() is None


def test_store_says_free_space_and_not_damaged_when_the_disk_is_full(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, _fills_the_disk])
    with pytest.raises(StoreError) as caught:
        Store(tmp_path / "k.sqlite3")
    message = str(caught.value)
    assert "full" in message and "free" in message.lower()
    assert "damaged" not in message and "cannot rollback" not in message


def test_semicolons_in_comments_and_strings_do_not_split_statements(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "k.sqlite3", isolation_level=None)

    def with_semicolons(c: sqlite3.Connection) -> None:
        schema._run(c, """
            -- a comment; with a semicolon
            CREATE TABLE t (x TEXT NOT NULL DEFAULT 'a;b');  /* block; comment */
            INSERT INTO t DEFAULT VALUES;
            INSERT INTO t VALUES ('c;d')
            """)

    assert migrate(conn, [with_semicolons]) == 1
    assert [r[0] for r in conn.execute("SELECT x FROM t ORDER BY rowid")] == ["a;b", "c;d"]
