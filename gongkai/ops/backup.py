"""Backup and restore of an installation: the database and the files (public media and private files).

A backup is a directory (``python manage.py backup DIR``)::

    DIR/manifest.json       what is inside: time, database vendor, applied migrations, rows per table,
                            files per storage, the number of checksums
    DIR/database.sqlite3    SQLite: a copy made with SQLite's online backup API (consistent while
                            the site keeps running)
    DIR/database.dump       PostgreSQL: pg_dump's custom format, taken in one snapshot that the
                            manifest's row counts are read in as well (pg_dump/pg_restore of the
                            server's major version or newer must be installed: postgresql-client)
    DIR/files/media/…       MEDIA_ROOT, or the public bucket (public media)
    DIR/files/private/…     PRIVATE_MEDIA_ROOT, or the private bucket (identity proofs, every
                            attachment, gazette PDFs …)
    DIR/SHA256SUMS          a checksum for every file above (``sha256sum -c`` reads it)

Object storage (GONGKAI_S3_BUCKET / GONGKAI_S3_PUBLIC_BUCKET, gongkai/files/storage.py): a bucket
is copied through the storage API (list, open; on restore save and delete) into the same layout, so a
backup taken on local disk restores into buckets and the other way round: that is also how an
installation moves its files into object storage. Every object is downloaded once per backup, which
suits one machine and a move; a bucket of millions of files is protected by the bucket's versioning
and replication to another site instead (ARCHITECTURE.md "Past one machine").

Consistency: the database is copied first, then the files. Files are only ever added or removed
whole, never changed in place, so every file the copied database names was there to copy (a file
removed between the two steps is reported by ``restore``, which checks every file field).

``restore DIR`` verifies every checksum first, refuses a database of another vendor, and refuses to
overwrite an installation that holds data (any user or organ, or any file) unless ``--force`` is
given; then it replaces the database and both file trees, compares the row counts with the manifest,
checks that every file named in the database exists and clears the cache. A bucket is restored by
uploading every file of the backup first and deleting the objects the backup does not hold last, so
a failure half-way leaves the old objects in place. Jobs waiting in the queue
and the cache are not part of a backup. Stop the web, worker and scheduler services while restoring.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import connection, models

from gongkai.core.errors import GongkaiError
from gongkai.files.serving import is_local
from gongkai.files.storage import private_storage

FORMAT = "gongkai-backup-1"
MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.dump"
FILES = "files"
CHUNK = 1024 * 1024


class BackupError(GongkaiError):
    """A backup or restore that cannot go on; ``str(e)`` says why, in Chinese."""


@dataclass
class Report:
    manifest: dict[str, Any]
    warnings: list[str] = field(default_factory=list)


def file_stores() -> dict[str, Path | Storage]:
    """The file storages of this installation, by name in the backup: a directory on the local disk
    (Path), or the Storage itself for object storage (copied through its API)."""
    media = storages["default"]
    stores: dict[str, Path | Storage] = {"media": Path(settings.MEDIA_ROOT) if is_local(media) else media}
    private = private_storage()
    if not is_local(private):
        stores["private"] = private
    elif getattr(settings, "PRIVATE_MEDIA_ROOT", None):
        stores["private"] = Path(settings.PRIVATE_MEDIA_ROOT)
    return stores


def _now() -> str:
    # An operational time stamp (when the copy was made), not a legal date: the real clock on purpose.
    return dt.datetime.fromtimestamp(time.time()).astimezone().isoformat(timespec="seconds")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def _copy_hashed(src: Path, dst: Path) -> str:
    h = hashlib.sha256()
    dst.parent.mkdir(parents=True, exist_ok=True)
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        while chunk := fin.read(CHUNK):
            h.update(chunk)
            fout.write(chunk)
    shutil.copystat(src, dst)
    return h.hexdigest()


def _walk(root: Path):
    """Regular files under root, sorted; symbolic links are neither followed nor copied."""
    if not root.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if path.is_file() and not path.is_symlink():
                yield path


def _objects(storage: Storage, path: str = ""):
    """Every file name in an object storage (under its location), sorted within each folder."""
    dirs, files = storage.listdir(path)
    for name in sorted(files):
        yield f"{path}/{name}" if path else name
    for name in sorted(dirs):
        yield from _objects(storage, f"{path}/{name}" if path else name)


def _safe_rel(rel: str) -> str:
    if not rel or rel.startswith("/") or ".." in rel.split("/"):
        raise BackupError(f"对象存储中有不安全的文件名：{rel!r}")
    return rel


def _storage_error(name: str, e: Exception) -> BackupError:
    return BackupError(f"对象存储（{name}）读写失败：{type(e).__name__}: {e}")


def _copy_out(storage: Storage, rel: str, dst: Path) -> tuple[str, int]:
    """Download one object to ``dst``; (sha256, bytes)."""
    h = hashlib.sha256()
    size = 0
    dst.parent.mkdir(parents=True, exist_ok=True)
    with storage.open(rel, "rb") as fin, open(dst, "wb") as fout:
        while chunk := fin.read(CHUNK):
            h.update(chunk)
            fout.write(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def _vendor() -> str:
    return connection.vendor


# --------------------------------------------------------------------------------------- database


def _migrations_of(rows) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for app, name in rows:
        out.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(out.items())}


def _sqlite_state(path: Path) -> tuple[dict[str, list[str]], dict[str, int]]:
    """Applied migrations and rows per table of a SQLite file."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        migrations = _migrations_of(con.execute("SELECT app, name FROM django_migrations")) \
            if "django_migrations" in tables else {}
        counts = {t: con.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()
    return migrations, counts


def _live_state() -> tuple[dict[str, list[str]], dict[str, int]]:
    """Applied migrations and rows per table of the current database (in the current transaction)."""
    tables = sorted(connection.introspection.table_names())
    with connection.cursor() as cursor:
        migrations: dict[str, list[str]] = {}
        if "django_migrations" in tables:
            cursor.execute("SELECT app, name FROM django_migrations")
            migrations = _migrations_of(cursor.fetchall())
        counts = {}
        for t in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(t)}")
            counts[t] = cursor.fetchone()[0]
    return migrations, counts


def _sqlite_backup(dest: Path) -> tuple[dict[str, list[str]], dict[str, int]]:
    connection.ensure_connection()
    target = sqlite3.connect(dest)
    try:
        connection.connection.backup(target)  # online and consistent, whole database in one step
    finally:
        target.close()
    return _sqlite_state(dest)


def _pg_env() -> tuple[dict[str, str], str]:
    s = connection.settings_dict
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if s.get(key):
            env[var] = str(s[key])
    options = s.get("OPTIONS") or {}
    if options.get("sslmode"):
        env["PGSSLMODE"] = str(options["sslmode"])
    return env, s["NAME"]


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(f"未找到 {name}：PostgreSQL 的备份与恢复需要安装 PostgreSQL 客户端（Debian：apt-get install "
                          "postgresql-client，版本不低于数据库服务器）")
    return path


def _run(cmd: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        tail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise BackupError(f"{Path(cmd[0]).name} 执行失败（退出码 {result.returncode}）：" + " / ".join(tail))


def _pg_backup(dest: Path) -> tuple[dict[str, list[str]], dict[str, int]]:
    """pg_dump in the snapshot of a repeatable-read transaction that also reads the manifest's
    counts, so the manifest describes exactly the dump."""
    pg_dump = _tool("pg_dump")
    env, name = _pg_env()
    connection.ensure_connection()
    with connection.cursor() as cursor:
        previous = connection.get_autocommit()
        connection.set_autocommit(False)
        try:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            _run([pg_dump, "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
                  f"--file={dest}", name], env)
            state = _live_state()
        finally:
            connection.rollback()
            connection.set_autocommit(previous)
    return state


# ------------------------------------------------------------------------------------------ backup


def backup(target: Path, *, progress: Callable[[str], None] = lambda _m: None) -> Report:
    """Write a backup of the database and the files into ``target`` (a new or empty directory)."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"目标目录不是空的：{target}（每次备份请使用新的目录）")
    target.mkdir(parents=True, exist_ok=True)
    vendor = _vendor()
    progress(f"备份数据库（{vendor}）…")
    if vendor == "sqlite":
        db_file = SQLITE_FILE
        migrations, counts = _sqlite_backup(target / db_file)
    elif vendor == "postgresql":
        db_file = PG_FILE
        migrations, counts = _pg_backup(target / db_file)
    else:  # pragma: no cover - the project runs on these two
        raise BackupError(f"不支持的数据库：{vendor}")
    sums: list[tuple[str, str]] = [(_sha256(target / db_file), db_file)]
    files: dict[str, dict[str, int]] = {}
    for name, root in file_stores().items():
        progress(f"复制文件：{name}…")
        count = size = 0
        if isinstance(root, Path):
            for src in _walk(root):
                rel = src.relative_to(root).as_posix()
                dst_rel = f"{FILES}/{name}/{rel}"
                sums.append((_copy_hashed(src, target / dst_rel), dst_rel))
                count += 1
                size += src.stat().st_size
            files[name] = {"count": count, "bytes": size}
            continue
        try:
            for rel in _objects(root):
                dst_rel = f"{FILES}/{name}/{_safe_rel(rel)}"
                try:
                    digest, n = _copy_out(root, rel, target / dst_rel)
                except FileNotFoundError:  # deleted since it was listed: as if listed a moment later
                    continue
                sums.append((digest, dst_rel))
                count += 1
                size += n
        except (BackupError, OSError):
            raise
        except Exception as e:  # noqa: BLE001 - botocore's errors, without importing it
            raise _storage_error(name, e) from None
        files[name] = {"count": count, "bytes": size, "storage": type(root).__name__}
    (target / SUMS).write_text("".join(f"{digest}  {path}\n" for digest, path in sums), encoding="utf-8")
    manifest = {
        "format": FORMAT,
        "created_at": _now(),
        "site": getattr(settings, "GONGKAI", {}).get("SITE_NAME", ""),
        "database": {"vendor": vendor, "file": db_file, "bytes": (target / db_file).stat().st_size,
                     "migrations": migrations, "rows": counts},
        "files": files,
        "checksums": {"file": SUMS, "count": len(sums)},
    }
    (target / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return Report(manifest)


# ----------------------------------------------------------------------------------------- restore


def read_manifest(source: Path) -> dict[str, Any]:
    path = Path(source) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{source} 中没有 {MANIFEST}：不是本系统的备份目录")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise BackupError(f"{MANIFEST} 无法读取：{type(e).__name__}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"备份格式不受支持：{manifest.get('format')!r}")
    return manifest


def verify(source: Path, manifest: dict[str, Any]) -> int:
    """Check every checksum of SHA256SUMS; the number of files checked."""
    source = Path(source)
    sums = source / SUMS
    if not sums.is_file():
        raise BackupError(f"备份缺少 {SUMS}")
    lines = [line for line in sums.read_text(encoding="utf-8").splitlines() if line.strip()]
    bad: list[str] = []
    for line in lines:
        digest, _, rel = line.partition("  ")
        path = source / rel
        if ".." in Path(rel).parts or Path(rel).is_absolute():
            raise BackupError(f"{SUMS} 中有不安全的路径：{rel}")
        if not path.is_file() or _sha256(path) != digest:
            bad.append(rel)
    if bad:
        raise BackupError(f"备份已损坏：{len(bad)} 个文件缺失或校验不符（如 {bad[0]}），未做任何恢复")
    expected = (manifest.get("checksums") or {}).get("count")
    if expected is not None and expected != len(lines):
        raise BackupError(f"备份已损坏：校验清单应有 {expected} 条，实有 {len(lines)} 条")
    db_file = manifest["database"]["file"]
    if not any(line.endswith(f"  {db_file}") for line in lines):
        raise BackupError("备份已损坏：校验清单中没有数据库文件")
    return len(lines)


def existing_data() -> list[str]:
    """What the current installation holds that a restore would overwrite (empty: nothing)."""
    found: list[str] = []
    tables = set(connection.introspection.table_names())
    user_model = get_user_model()
    agency_model = apps.get_model("agencies", "Agency")
    for model, label in ((user_model, "用户"), (agency_model, "机关")):
        if model._meta.db_table in tables:
            n = model.objects.count()
            if n:
                found.append(f"{label} {n} 个")
    for name, root in file_stores().items():
        n = sum(1 for _ in (_walk(root) if isinstance(root, Path) else _objects(root)))
        if n:
            found.append(f"{'公开文件' if name == 'media' else '私有文件'} {n} 个")
    return found


def _sqlite_restore(path: Path) -> None:
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise BackupError("不能在事务中恢复数据库")
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        source.backup(connection.connection)  # replaces every page of the current database
    finally:
        source.close()


def _dump_tables(pg_restore: str, path: Path, env: dict[str, str]) -> set[str]:
    """The tables in a dump's table of contents (``pg_restore --list``)."""
    result = subprocess.run([pg_restore, "--list", str(path)], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError("pg_restore 无法读取备份的数据库文件：" + (result.stderr.strip().splitlines() or ["?"])[-1])
    tables = set()
    for line in result.stdout.splitlines():
        parts = line.split()
        if not line.startswith(";") and "TABLE" in parts:
            i = parts.index("TABLE")
            if i + 2 < len(parts):
                tables.add(parts[i + 2])
    return tables


def _pg_restore(path: Path) -> None:
    pg_restore = _tool("pg_restore")
    env, name = _pg_env()
    # pg_restore --clean replaces what the dump holds, in one transaction; a table the dump does not
    # have (from a newer migration) must not survive either, so it is dropped first.
    keep = _dump_tables(pg_restore, path, env)
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table not in keep:
                cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)} CASCADE")
    connection.close()
    _run([pg_restore, "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
          "--exit-on-error", f"--dbname={name}", str(path)], env)


def _replace_tree(src: Path | None, root: Path) -> int:
    """Make ``root`` hold exactly the files under ``src`` (nothing when src is None); the new tree
    is built beside the old one and swapped in, so a failed copy leaves the old files in place."""
    root = Path(root)
    root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{root.name}.restoring-", dir=root.parent))
    count = 0
    try:
        if src is not None and src.is_dir():
            for path in _walk(src):
                dst = staging / path.relative_to(src)
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, dst)
                count += 1
        old = None
        try:
            if root.exists():
                old = root.parent / f".{root.name}.replaced-{os.getpid()}"
                root.rename(old)
            staging.rename(root)
        except OSError:
            # root is a mount point (or cannot be renamed): empty it and move the new files in.
            if old is not None and not root.exists():
                old.rename(root)
                old = None
            root.mkdir(parents=True, exist_ok=True)
            for child in list(root.iterdir()):
                shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
            for child in list(staging.iterdir()):
                shutil.move(str(child), str(root / child.name))
            shutil.rmtree(staging, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def _replace_objects(src: Path | None, storage: Storage, name: str) -> int:
    """Make an object storage hold exactly the files under ``src`` (nothing when src is None): every
    file uploaded under its own name first, then the objects the backup does not hold deleted, so a
    failure half-way loses nothing that was there."""
    wanted: set[str] = set()
    try:
        if src is not None and src.is_dir():
            for path in _walk(src):
                rel = _safe_rel(path.relative_to(src).as_posix())
                wanted.add(rel)
                if storage.exists(rel):
                    storage.delete(rel)  # the storage never overwrites: it would save under a new name
                with open(path, "rb") as fh:
                    saved = storage.save(rel, File(fh, name=rel))
                if saved != rel:
                    raise BackupError(f"对象存储（{name}）把 {rel} 存成了 {saved}，恢复中止")
        for rel in list(_objects(storage)):
            if rel not in wanted:
                storage.delete(rel)
    except (BackupError, OSError):
        raise
    except Exception as e:  # noqa: BLE001 - botocore's errors, without importing it
        raise _storage_error(name, e) from None
    return len(wanted)


def missing_files() -> list[str]:
    """Files named by a file field of any row that are not in their storage."""
    missing: list[str] = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField):
                storage = f.storage
                names = model._default_manager.exclude(**{f.name: ""}).exclude(**{f"{f.name}__isnull": True})
                for value in names.values_list(f.name, flat=True).iterator():
                    if value and not storage.exists(value):
                        missing.append(f"{model._meta.label}.{f.name}: {value}")
    return missing


def restore(source: Path, *, force: bool = False, progress: Callable[[str], None] = lambda _m: None) -> Report:
    source = Path(source)
    manifest = read_manifest(source)
    vendor = manifest["database"]["vendor"]
    if vendor != _vendor():
        raise BackupError(f"备份的数据库是 {vendor}，当前数据库是 {_vendor()}：只能恢复到同一种数据库")
    progress("核对校验和…")
    checked = verify(source, manifest)
    progress(f"已核对 {checked} 个文件")
    held = existing_data()
    if held and not force:
        raise BackupError("当前系统已有数据（" + "、".join(held) + "），恢复将全部覆盖；确认无误请加 --force")
    roots = file_stores()
    absent = [name for name in manifest.get("files", {}) if name not in roots]
    if absent:
        raise BackupError(f"备份中有 {', '.join(absent)} 文件，但当前设置没有对应的存储目录（PRIVATE_MEDIA_ROOT）")
    progress("恢复数据库…")
    db_path = source / manifest["database"]["file"]
    if vendor == "sqlite":
        _sqlite_restore(db_path)
    else:
        _pg_restore(db_path)
    for name, root in roots.items():
        progress(f"恢复文件：{name}…")
        src = source / FILES / name if name in manifest.get("files", {}) else None
        if isinstance(root, Path):
            _replace_tree(src, root)
        else:
            _replace_objects(src, root, name)
    report = Report(manifest)
    migrations, counts = _live_state()
    if migrations != manifest["database"]["migrations"]:
        report.warnings.append("恢复后的迁移状态与清单不一致")
    diff = {t: (n, counts.get(t)) for t, n in manifest["database"]["rows"].items() if counts.get(t) != n}
    if diff:
        t, (want, got) = next(iter(diff.items()))
        raise BackupError(f"恢复后有 {len(diff)} 个表的行数与清单不符（如 {t}：应为 {want}，实为 {got}）")
    lost = missing_files()
    if lost:
        report.warnings.append(f"数据库中有 {len(lost)} 个文件在备份中缺失（如 {lost[0]}）")
    try:
        from django.core.cache import cache

        cache.clear()  # cached pages and counters of the installation that was replaced
    except Exception:  # noqa: BLE001 - a cache that cannot be reached is not the restore's failure
        report.warnings.append("缓存未能清空：请重启缓存服务或手动清空")
    return report
