"""The checks behind ``/healthz``: database (and its read replica when one is configured), cache, job
queue, free disk space of the file storages, and the object-storage buckets when files live in them.

Each check returns a small dict with ``status`` ("ok", "fail" or "not configured") and numbers only:
no host names, paths, versions, user names or error texts that could help an attacker (a failure says
which check failed and the exception's class). "not configured" (no job queue) is not a failure.
"""

from __future__ import annotations

import shutil
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection, connections

OK, FAIL, NOT_CONFIGURED = "ok", "fail", "not configured"


def _timed(check: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    started = time.monotonic()
    try:
        result = check()
    except Exception as e:  # noqa: BLE001 - a failing dependency is the answer, not an error
        result = {"status": FAIL, "error": type(e).__name__}
    result["ms"] = round((time.monotonic() - started) * 1000, 1)
    return result


def database() -> dict[str, Any]:
    """A round trip to the database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        row = cursor.fetchone()
    return {"status": OK if row and row[0] == 1 else FAIL}


def replica() -> dict[str, Any]:
    """A round trip to the read replica (DATABASE_REPLICA_URL), with its replication lag in seconds
    on PostgreSQL (``pg_last_xact_replay_timestamp``; absent on a server that is not in recovery)."""
    if "replica" not in connections.settings:
        return {"status": NOT_CONFIGURED}
    conn = connections["replica"]
    result: dict[str, Any] = {"status": OK}
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1")
        row = cursor.fetchone()
        if not row or row[0] != 1:
            return {"status": FAIL}
        if conn.vendor == "postgresql":
            cursor.execute("SELECT pg_is_in_recovery(), EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())")
            in_recovery, lag = cursor.fetchone()
            if in_recovery and lag is not None:
                result["lag_seconds"] = round(float(lag), 1)
    return result


def cache_check() -> dict[str, Any]:
    """Write, read back and delete a key in the shared cache."""
    key, value = f"gongkai:healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 30)
    got = cache.get(key)
    cache.delete(key)
    return {"status": OK if got == value else FAIL}


def jobs() -> dict[str, Any]:
    """The job queue's storage answers (Huey: the number of pending jobs is read)."""
    if not getattr(settings, "HUEY", None):
        return {"status": NOT_CONFIGURED}
    from huey.contrib.djhuey import HUEY

    if HUEY.immediate:
        return {"status": OK, "mode": "immediate"}
    return {"status": OK, "pending": int(HUEY.pending_count())}


def storages() -> dict[str, Path]:
    """The directories whose disk must not fill: var (database, jobs, cache), public and private files."""
    out = {"var": Path(settings.VAR_DIR) if hasattr(settings, "VAR_DIR") else None,
           "media": Path(settings.MEDIA_ROOT) if settings.MEDIA_ROOT else None}
    private = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
    if private:
        out["private"] = Path(private)
    return {name: path for name, path in out.items() if path is not None}


def _existing(path: Path) -> Path:
    # A storage directory is created on first use; until then its disk is its parent's.
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def disk() -> dict[str, Any]:
    """Free space on the disk of each storage, against GONGKAI_HEALTH_MIN_FREE_MB."""
    minimum = int(getattr(settings, "GONGKAI_HEALTH_MIN_FREE_MB", 1024))
    result: dict[str, Any] = {"status": OK, "min_free_mb": minimum, "storages": {}}
    for name, path in storages().items():
        usage = shutil.disk_usage(_existing(path))
        free_mb = usage.free // (1024 * 1024)
        ok = free_mb >= minimum
        result["storages"][name] = {"status": OK if ok else FAIL, "free_mb": free_mb,
                                    "free_percent": round(100 * usage.free / usage.total, 1) if usage.total else 0}
        if not ok:
            result["status"] = FAIL
    return result


def buckets() -> dict[str, Any]:
    """Each file storage that is not on the local disk (the S3 buckets of GONGKAI_S3_*) answers a
    HEAD of its bucket (a missing bucket, refused keys or a timeout fail)."""
    from django.core.files.storage import default_storage

    from gongkai.files.serving import is_local
    from gongkai.files.storage import private_storage

    remote = {name: storage for name, storage in (("private", private_storage()), ("media", default_storage))
              if not is_local(storage)}
    if not remote:
        return {"status": NOT_CONFIGURED}
    for storage in remote.values():
        storage.connection.meta.client.head_bucket(Bucket=storage.bucket_name)
    return {"status": OK, "storages": sorted(remote)}


CHECKS: dict[str, Callable[[], dict[str, Any]]] = {
    "database": database,
    "replica": replica,
    "cache": cache_check,
    "jobs": jobs,
    "disk": disk,
    "buckets": buckets,
}


def run_checks() -> tuple[bool, dict[str, Any]]:
    """(all healthy, the JSON body)."""
    results = {name: _timed(check) for name, check in CHECKS.items()}
    healthy = all(r["status"] in (OK, NOT_CONFIGURED) for r in results.values())
    return healthy, {"status": OK if healthy else FAIL, "checks": results}
