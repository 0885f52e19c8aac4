"""Reads of anonymous public pages from a read replica (issue 12, item 9; ARCHITECTURE.md "Past one machine").

Active only when ``DATABASE_REPLICA_URL`` is set: settings then add the ``replica`` database, this
router (``DATABASE_ROUTERS``) and :class:`ReplicaReadsMiddleware`. Without it nothing here runs.

How the router knows: the middleware sets a context variable for the duration of the view, and only
for a GET or HEAD by an anonymous user on a path of ``GONGKAI_REPLICA_PATHS`` (the portal home, the
政府信息公开 pages ``/gk/``, the open-data API ``/api/open/``). Everything else reads the primary:
``/query/``, ``/apply/`` and ``/audit/`` (they read or follow what was just written), staff pages, the
admin, ``/healthz``, any POST, any job or management command (no request, so no flag). Within a flagged
request the primary is still used for

- every write (``db_for_write``), and every read after the first write of the request (read your own
  writes: the replica may not have it yet);
- reads inside a transaction on the primary (``atomic``; ``select_for_update`` is a write query anyway);
- sessions, users, sign-in throttling, 2FA devices, content types and jobs (``PRIMARY_ONLY_APPS``):
  a session read from a lagging replica would look empty and be deleted by SESSION_SAVE_EVERY_REQUEST.

The user is looked up (and its session loaded) before the flag is set, so on the primary. Raw SQL
through ``django.db.connection`` (the search backends) is on the primary: routers see only the ORM.
"""

from __future__ import annotations

import contextvars

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
# Path prefixes of anonymous pages that may read a few seconds' old data; "/" is the home page only.
DEFAULT_REPLICA_PATHS = ("/", "/gk/", "/api/open/")
PRIMARY_ONLY_APPS = frozenset({"sessions", "auth", "axes", "otp_totp", "otp_static", "otp_email",
                               "django_otp", "contenttypes", "admin", "jobs", "huey"})

_replica_reads: contextvars.ContextVar[bool] = contextvars.ContextVar("gongkai_replica_reads", default=False)


def reads_from_replica() -> bool:
    """True inside a request the middleware marked (and no write has happened in it yet)."""
    return _replica_reads.get()


class replica_reads:  # noqa: N801 - used like a function: ``with replica_reads(): ...``
    """Mark the current context as one whose reads may go to the replica; restores the previous state."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled

    def __enter__(self):
        self._token = _replica_reads.set(self.enabled)
        return self

    def __exit__(self, *exc):
        _replica_reads.reset(self._token)
        return False


def _is_public_path(path: str) -> bool:
    prefixes = getattr(settings, "GONGKAI_REPLICA_PATHS", DEFAULT_REPLICA_PATHS)
    return any(path == p if p == "/" else path.startswith(p) for p in prefixes)


def request_may_use_replica(request) -> bool:
    if request.method not in ("GET", "HEAD") or not _is_public_path(request.path_info):
        return False
    user = getattr(request, "user", None)
    return user is not None and not user.is_authenticated  # looks the user up now, on the primary


class ReplicaReadsMiddleware:
    """Innermost middleware (after authentication): flags the view of an anonymous public GET/HEAD."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if REPLICA not in connections.settings or not request_may_use_replica(request):
            return self.get_response(request)
        with replica_reads():
            return self.get_response(request)


class ReplicaRouter:
    """``default`` for writes, migrations and anything not flagged; ``replica`` for flagged reads."""

    def db_for_read(self, model, **hints):
        if not _replica_reads.get() or model._meta.app_label in PRIMARY_ONLY_APPS:
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints):
        if _replica_reads.get():
            _replica_reads.set(False)  # the rest of this request reads its own write from the primary
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        aliases = {DEFAULT_DB_ALIAS, REPLICA}
        if obj1._state.db in aliases and obj2._state.db in aliases:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
