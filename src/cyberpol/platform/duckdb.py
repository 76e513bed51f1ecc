"""An embedded DuckDB file: one connection per process, serialised writes, reader cursors.

DuckDB lets one process hold a file, so a second process gets a clear Conflict instead of
a lock error.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from cyberpol.kernel.errors import Conflict


class DuckDbFile:
    """One DuckDB connection per process; writes are serialised, reads use cursors."""

    def __init__(self, path: Path | None, *, schema: str = "", what: str = "DuckDB file") -> None:
        self.path = path
        target = ":memory:" if path is None else str(path)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._connection = duckdb.connect(target)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise Conflict(
                    f"The {what} {path} is open in another process (a running "
                    "`cyberpol serve`?). Stop it, or send transfers through its API."
                ) from None
            raise
        self._write_lock = threading.Lock()
        self._connection.execute("SET TimeZone = 'UTC'")
        if schema:
            self._connection.execute(schema)

    @contextmanager
    def writing(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The connection, held alone and inside a transaction that rolls back on error."""
        with self._write_lock:
            cursor = self._connection.cursor()
            cursor.execute("SET TimeZone = 'UTC'")
            cursor.execute("BEGIN TRANSACTION")
            try:
                yield cursor
            except BaseException:
                cursor.execute("ROLLBACK")
                raise
            else:
                cursor.execute("COMMIT")
            finally:
                cursor.close()

    def reading(self) -> duckdb.DuckDBPyConnection:
        """A cursor of its own for one reader thread; close it when done."""
        cursor = self._connection.cursor()
        cursor.execute("SET TimeZone = 'UTC'")
        return cursor

    def close(self) -> None:
        self._connection.close()
