"""The one named switch that lets maintenance change append-only rows (``maintenance``).

The append-only tables refuse UPDATE and DELETE in the database itself (dbguard.py), unless the
connection has the switch on:

- PostgreSQL: the trigger reads the session setting ``gongkai.maintenance``; the switch sets it
  with ``set_config(…, true)`` (SET LOCAL), so it can never outlive the transaction the switch opens,
  and puts it back to ``off`` when the block ends (also inside an outer transaction).
- SQLite: a trigger of the main schema cannot read a temporary table ("cannot reference objects in
  database temp"), so the trigger calls the SQL function ``gongkai_maintenance()``, which Django
  registers on each of its connections (``register_sqlite_switch``, connected in CoreConfig.ready)
  and which answers this connection's switch. A raw sqlite3 session has no such function, so it
  cannot update or delete those rows at all.

The Python guard of ``core.models.AppendOnlyModel`` asks the same switch (``is_on``), so inside it
the ORM's ``update()``/``delete()`` pass too. Every use logs a warning with the reason.
"""

from __future__ import annotations

import contextlib
import logging
import weakref

from django.db import DEFAULT_DB_ALIAS, connections, transaction

log = logging.getLogger("gongkai.core")

PG_SETTING = "gongkai.maintenance"
SQLITE_FUNCTION = "gongkai_maintenance"
_DEPTH = "_gongkai_maintenance_depth"  # on the connection wrapper: per alias and per thread


def is_on(using: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether the switch is on for this thread's connection ``using``."""
    return getattr(connections[using], _DEPTH, 0) > 0


@contextlib.contextmanager
def maintenance(reason: str, *, using: str = DEFAULT_DB_ALIAS, who: str = ""):
    """Allow UPDATE and DELETE of append-only rows on ``using`` inside the block, in one transaction.

    ``reason`` (Chinese, e.g. "演示数据", "测试清库") and ``who`` go to the log. Used by the demo
    loaders' back-dating and by the test suite's flush; nothing a user does reaches it."""
    if not reason:
        raise ValueError("maintenance() needs a reason")
    connection = connections[using]
    log.warning("append-only guard off on %s: %s (%s)", using, reason, who or "-")
    with transaction.atomic(using=using):
        depth = getattr(connection, _DEPTH, 0)
        setattr(connection, _DEPTH, depth + 1)
        try:
            if depth == 0 and connection.vendor == "postgresql":
                _pg_switch(connection, "on")
            yield
            if depth == 0 and connection.vendor == "postgresql":
                # SET LOCAL lasts until the outermost transaction ends: turn it off now. (On an
                # exception the savepoint's or the transaction's rollback undoes it anyway.)
                _pg_switch(connection, "off")
        finally:
            setattr(connection, _DEPTH, depth)


def _pg_switch(connection, value: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, %s, true)", [PG_SETTING, value])


def register_sqlite_switch(sender, connection, **kwargs) -> None:
    """``connection_created``: give a SQLite connection ``gongkai_maintenance()`` (1 while its switch
    is on, else 0), which the append-only triggers call."""
    if connection.vendor != "sqlite":
        return
    wrapper = weakref.ref(connection)  # no cycle between the wrapper and its sqlite3 connection

    def switch() -> int:
        alive = wrapper()
        return 1 if alive is not None and getattr(alive, _DEPTH, 0) > 0 else 0

    connection.connection.create_function(SQLITE_FUNCTION, 0, switch)
