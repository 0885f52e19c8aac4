"""backup → wipe → restore gives the same rows and the same files (on the database the suite runs on:
SQLite normally, PostgreSQL when DATABASE_URL names one, with pg_dump/pg_restore); a restore over an
installation with data needs --force; a damaged backup is refused before anything is touched."""

from __future__ import annotations

import hashlib
import importlib
import json
import shutil
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction

from gongkai.applications.models import Attachment, TimelineEvent
from gongkai.core import dbguard
from gongkai.ops import backup as ops_backup

GUARDED = [table for table, _ in importlib.import_module("gongkai.core.migrations.0001_append_only_guard").TABLES]

pytestmark = pytest.mark.skipif(
    connection.vendor == "postgresql" and not (shutil.which("pg_dump") and shutil.which("pg_restore")),
    reason="pg_dump/pg_restore not installed",
)


@pytest.fixture
def roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return {"media": settings.MEDIA_ROOT, "private": settings.PRIVATE_MEDIA_ROOT}


def _files(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _state():
    migrations, rows = ops_backup._live_state()
    return migrations, rows


@pytest.fixture
def installation(transactional_db, roots, tree, staff, received_app, monkeypatch):
    monkeypatch.setattr("gongkai.letters.pdf.AT_ISSUE_LIMIT", 0)  # letter PDFs: their own tests
    app = received_app()
    Attachment.objects.create(application=app, kind=Attachment.IDENTITY, original_name="身份证.pdf",
                              content_type="application/pdf", size=9,
                              file=ContentFile(b"%PDF-1.4\n", name="id.pdf"))
    default_storage.save("published/附件.txt", ContentFile("公开附件".encode()))
    return app


def test_round_trip(installation, roots, tmp_path, capsys):
    target = tmp_path / "backup-1"
    call_command("backup", str(target))
    assert "备份完成" in capsys.readouterr().out
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["database"]["migrations"]["applications"]
    assert manifest["files"]["private"]["count"] == 1 and manifest["files"]["media"]["count"] == 1
    assert manifest["checksums"]["count"] == 3  # the database and two files
    before = _state()
    files_before = {name: _files(root) for name, root in roots.items()}
    assert before[1]["applications_application"] == 1

    # Wipe: the database emptied, the files gone.
    call_command("flush", interactive=False)
    for root in roots.values():
        shutil.rmtree(root)
    assert _state()[1]["applications_application"] == 0

    call_command("restore", str(target))
    assert "恢复完成" in capsys.readouterr().out
    assert _state() == before
    assert {name: _files(root) for name, root in roots.items()} == files_before
    att = Attachment.objects.get()
    assert att.file.read() == b"%PDF-1.4\n" and att.application_id == installation.pk
    # The append-only triggers come back with the schema (gongkai/core): history is still guarded.
    for table in GUARDED:
        assert dbguard.installed(connection, table) == set(dbguard.trigger_names(connection.vendor, table)), table
    with pytest.raises(IntegrityError, match="只能追加"), transaction.atomic():
        TimelineEvent._base_manager.update(note="篡改")


def test_restore_over_data_needs_force(installation, tmp_path, capsys):
    target = tmp_path / "backup-2"
    call_command("backup", str(target))
    with pytest.raises(CommandError, match="当前系统已有数据（用户 5 个、机关 3 个.*--force"):
        call_command("restore", str(target))
    Attachment.objects.all().delete()  # changed since the backup …
    call_command("restore", str(target), "--force")  # … and put back
    assert Attachment.objects.count() == 1


def test_a_damaged_backup_is_refused_before_anything_changes(installation, tmp_path):
    target = tmp_path / "backup-3"
    call_command("backup", str(target))
    (next((target / "files" / "private").rglob("*.pdf"))).write_bytes(b"tampered")
    before = _state()
    with pytest.raises(CommandError, match="备份已损坏：1 个文件缺失或校验不符"):
        call_command("restore", str(target), "--force")
    assert _state() == before


def test_backup_needs_a_new_directory(installation, tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "x").write_text("x")
    with pytest.raises(CommandError, match="目标目录不是空的"):
        call_command("backup", str(tmp_path / "used"))


def test_not_a_backup(transactional_db, roots, tmp_path):
    with pytest.raises(CommandError, match="不是本系统的备份目录"):
        call_command("restore", str(tmp_path))
