"""The database side of the append-only rule: per guarded table, triggers that refuse UPDATE and
DELETE (and, on PostgreSQL, TRUNCATE) unless the connection's maintenance switch is on
(maintenance.py). So a bulk path that skips the model — ``QuerySet.update()`` on the base manager,
a cascade or SET NULL from a parent, raw SQL, a shell — cannot rewrite history either.

``install``/``remove`` take a migration's schema editor; migrations call them with their own,
frozen list of (table, label). A migration that later rebuilds a guarded table on SQLite (Django
re-creates the table for most ALTERs, dropping its triggers) must install them again:
``core/tests/test_append_only_guard.py`` fails on any guarded model without its triggers.

The refusal is an IntegrityError on both databases (SQLite ``RAISE(ABORT)`` is a constraint
error; PostgreSQL raises SQLSTATE 23001 restrict_violation) with the Chinese message
"<label>只能追加，不能修改/删除".
"""

from __future__ import annotations

from .maintenance import PG_SETTING, SQLITE_FUNCTION

PG_FUNCTION = "gongkai_append_only"
OPERATIONS = (("UPDATE", "修改"), ("DELETE", "删除"))


def trigger_names(vendor: str, table: str) -> list[str]:
    if vendor == "postgresql":
        return [f"{table}_append_only_{op}".lower() for op in ("update", "delete", "truncate")]
    return [f"{table}_append_only_{op.lower()}" for op, _ in OPERATIONS]


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def install(schema_editor, tables: list[tuple[str, str]]) -> None:
    """Create the triggers for each (table, label); the label names the rows in the message."""
    vendor, qn = schema_editor.connection.vendor, schema_editor.quote_name
    if vendor == "postgresql":
        schema_editor.execute(f"""
CREATE OR REPLACE FUNCTION {PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('{PG_SETTING}', true), '') = 'on' THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '%只能追加，不能%', TG_ARGV[0], CASE TG_OP WHEN 'UPDATE' THEN '修改' ELSE '删除' END
        USING ERRCODE = 'restrict_violation', DETAIL = TG_TABLE_NAME;
END
$$""", params=None)  # no parameters: the % of RAISE stays as written
        for table, label in tables:
            update, delete, truncate = trigger_names(vendor, table)
            for name, when, each in ((update, "UPDATE", "ROW"), (delete, "DELETE", "ROW"),
                                     (truncate, "TRUNCATE", "STATEMENT")):
                schema_editor.execute(f"CREATE TRIGGER {qn(name)} BEFORE {when} ON {qn(table)} FOR EACH {each} "
                                      f"EXECUTE FUNCTION {PG_FUNCTION}({_quote(label)})", params=None)
    elif vendor == "sqlite":
        for table, label in tables:
            for name, (op, verb) in zip(trigger_names(vendor, table), OPERATIONS, strict=True):
                schema_editor.execute(
                    f"CREATE TRIGGER {qn(name)} BEFORE {op} ON {qn(table)} WHEN NOT {SQLITE_FUNCTION}() "
                    f"BEGIN SELECT RAISE(ABORT, {_quote(f'{label}只能追加，不能{verb}')}); END", params=None)
    else:
        raise NotImplementedError(f"append-only triggers for {vendor}")


def remove(schema_editor, tables: list[tuple[str, str]], *, keep_function: bool = False) -> None:
    """Drop the triggers of ``tables``; and PostgreSQL's shared function unless ``keep_function`` (an
    app's own migration undoing its tables' guard leaves the function to the other guarded tables)."""
    vendor, qn = schema_editor.connection.vendor, schema_editor.quote_name
    for table, _label in tables:
        for name in trigger_names(vendor, table):
            if vendor == "postgresql":
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {qn(name)} ON {qn(table)}", params=None)
            else:
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {qn(name)}", params=None)
    if vendor == "postgresql" and not keep_function:
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {PG_FUNCTION}()", params=None)


def installed(connection, table: str) -> set[str]:
    """The names of this module's triggers that exist on ``table`` (for the tests and checks)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
                           [connection.ops.quote_name(table)])
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table])
        names = {row[0] for row in cursor.fetchall()}
    return names & set(trigger_names(connection.vendor, table))
