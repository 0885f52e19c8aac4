"""Private files (issue 12, item 2): identity proofs and every other application attachment live in
the private storage, have no URL in any mode (DEBUG on and off), open only for the handling organ
through the attachment view, which logs each opening; in production nginx sends the bytes
(X-Accel-Redirect). The data migration moves files left under MEDIA_ROOT."""

import importlib
import io
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import clear_url_caches, reverse

from conftest import applicant_data
from gongkai.applications import services
from gongkai.applications.models import AccessLog, Attachment
from gongkai.files.storage import PrivateFileSystemStorage, private_storage
from gongkai.law import today as law_today

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64 + b"identity-proof-bytes"


@pytest.fixture(params=[False, True], ids=["debug-off", "debug-on"])
def debug_mode(request, settings):
    """The URLconf of each mode (gongkai/urls.py adds the media route only with DEBUG on)."""
    import gongkai.urls

    settings.DEBUG = request.param
    importlib.reload(gongkai.urls)
    clear_url_caches()
    yield request.param
    settings.DEBUG = False
    importlib.reload(gongkai.urls)
    clear_url_caches()


@pytest.fixture
def with_proof(tree, staff):
    upload = services.Upload(kind=Attachment.IDENTITY, name="身份证.png", content=PNG, content_type="image/png")
    app = services.register(tree["a"], applicant_data(), [upload], actor=staff["a_handler"], channel="in_person",
                            submitted_on=law_today.today())
    return app, app.attachments.get()


def test_attachment_is_stored_privately_without_url(with_proof):
    _, att = with_proof
    assert isinstance(att.file.storage, PrivateFileSystemStorage)
    path = Path(att.file.path)
    assert path.read_bytes() == PNG
    assert Path(django_settings.PRIVATE_MEDIA_ROOT) in path.parents
    assert Path(django_settings.MEDIA_ROOT) not in path.parents
    with pytest.raises(ValueError):
        att.file.url  # noqa: B018 — no public URL exists


def test_old_media_path_is_404_in_every_mode(client, with_proof, debug_mode):
    _, att = with_proof
    assert att.file.name.startswith("applications/")
    assert client.get(f"/media/{att.file.name}").status_code == 404
    # A copy left under MEDIA_ROOT (say, by a migration that could not move it) is not served either.
    leftover = Path(django_settings.MEDIA_ROOT) / att.file.name
    leftover.parent.mkdir(parents=True, exist_ok=True)
    leftover.write_bytes(PNG)
    try:
        resp = client.get(f"/media/{att.file.name}")
        assert resp.status_code == 404
        assert client.get(f"/media/{att.file.name.replace('applications/', '/applications/', 1)}").status_code == 404
    finally:
        leftover.unlink()


def test_debug_media_route_still_serves_public_media(client, debug_mode):
    public = Path(django_settings.MEDIA_ROOT) / "public-notice.txt"
    public.parent.mkdir(parents=True, exist_ok=True)
    public.write_text("公开文件")
    try:
        resp = client.get("/media/public-notice.txt")
        assert resp.status_code == (200 if debug_mode else 404)
    finally:
        public.unlink()


def test_attachment_view_denies_anonymous_and_other_organs(client, with_proof, staff, debug_mode):
    app, att = with_proof
    url = reverse("attachment", args=[att.pk])
    resp = client.get(url)
    assert resp.status_code in (302, 403, 404) and PNG not in b"".join(getattr(resp, "streaming_content", [b""]))
    if resp.status_code == 302:
        assert resp["Location"].startswith(reverse("login"))
    for other in ("b_handler", "b_reviewer", "supervisor"):
        client.force_login(staff[other])
        assert client.get(url).status_code in (403, 404)
    assert not AccessLog.objects.filter(what__startswith="查看附件").exists()


def test_handling_organ_gets_the_file_and_a_log_row(client, with_proof, staff, debug_mode):
    app, att = with_proof
    client.force_login(staff["a_handler"])
    resp = client.get(reverse("attachment", args=[att.pk]))
    assert resp.status_code == 200
    assert b"".join(resp.streaming_content) == PNG
    assert resp["Content-Type"] == "image/png"
    assert resp["Cache-Control"] == "private, no-store"
    log = AccessLog.objects.get(what="查看附件：身份证明")
    assert log.application == app and log.user == staff["a_handler"]


def test_production_answers_with_x_accel_redirect(client, with_proof, staff, settings):
    settings.GONGKAI_PRIVATE_ACCEL_PREFIX = "/_private/"
    _, att = with_proof
    client.force_login(staff["a_handler"])
    resp = client.get(reverse("attachment", args=[att.pk]))
    assert resp.status_code == 200
    assert resp["X-Accel-Redirect"].startswith("/_private/applications/")
    assert resp["X-Accel-Redirect"].endswith(".png") and "%" in resp["X-Accel-Redirect"]  # the name is quoted
    assert resp.content == b""
    assert resp["Content-Type"] == "image/png" and resp["Cache-Control"] == "private, no-store"
    assert "filename" in resp["Content-Disposition"]
    assert AccessLog.objects.filter(what__startswith="查看附件").count() == 1
    client.force_login(staff["b_handler"])
    assert client.get(reverse("attachment", args=[att.pk])).status_code == 404


def test_missing_file_is_404_not_500(client, with_proof, staff):
    _, att = with_proof
    Path(att.file.path).unlink()
    client.force_login(staff["a_handler"])
    assert client.get(reverse("attachment", args=[att.pk])).status_code == 404


# ------------------------------------------------------------------------------ the data migration

def _migration(app_label, name):
    return importlib.import_module(f"gongkai.{app_label}.migrations.{name}")


def test_migration_moves_files_and_is_idempotent(with_proof, capsys):
    from django.apps import apps

    app, att = with_proof
    # As before issue 12: the file lies under MEDIA_ROOT at its old path.
    old = Path(django_settings.MEDIA_ROOT) / att.file.name
    old.parent.mkdir(parents=True, exist_ok=True)
    Path(att.file.path).rename(old)
    missing = Attachment.objects.create(application=app, kind=Attachment.REQUEST, file="applications/x/gone.pdf",
                                        original_name="gone.pdf", content_type="application/pdf", size=1)
    migration = _migration("applications", "0004_private_files")

    migration.to_private(apps, None)
    assert not old.exists()
    assert Path(private_storage().path(att.file.name)).read_bytes() == PNG
    out = capsys.readouterr().out
    assert "文件缺失，已跳过" in out and "gone.pdf" in out
    assert Attachment.objects.filter(pk=missing.pk).exists()

    migration.to_private(apps, None)  # again: nothing moves, nothing breaks
    assert Path(private_storage().path(att.file.name)).read_bytes() == PNG
    assert Attachment.objects.get(pk=att.pk).file.name == att.file.name

    migration.to_public(apps, None)  # the reverse puts it back
    assert old.read_bytes() == PNG
    migration.to_private(apps, None)
    assert not old.exists()


def test_migration_keeps_both_files_when_names_collide(with_proof):
    from django.apps import apps

    _, att = with_proof
    old = Path(django_settings.MEDIA_ROOT) / att.file.name
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_bytes(b"another file with the same name")
    _migration("applications", "0004_private_files").to_private(apps, None)
    moved = Attachment.objects.get(pk=att.pk)
    assert moved.file.name != att.file.name
    assert Path(private_storage().path(moved.file.name)).read_bytes() == b"another file with the same name"
    assert Path(private_storage().path(att.file.name)).read_bytes() == PNG  # not overwritten


@pytest.mark.django_db
def test_migration_on_an_empty_database(capsys):
    from django.apps import apps

    _migration("applications", "0004_private_files").to_private(apps, None)
    _migration("publishing", "0003_private_files").to_private(apps, None)
    assert capsys.readouterr().out == ""


def test_private_root_inside_media_root_is_refused(tmp_path):
    import subprocess
    import sys

    env = {"PATH": "/usr/bin:/bin", "DEBUG": "1", "GONGKAI_VAR": str(tmp_path),
           "GONGKAI_PRIVATE_MEDIA_ROOT": str(tmp_path / "media" / "private")}
    proc = subprocess.run([sys.executable, "-c", "import gongkai.settings"], env=env, capture_output=True,
                          cwd=Path(__file__).resolve().parents[3], text=True)
    assert proc.returncode != 0 and "GONGKAI_PRIVATE_MEDIA_ROOT" in proc.stderr


def test_storage_is_selected_by_setting(settings):
    from gongkai.files import storage

    settings.GONGKAI_PRIVATE_STORAGE = {"BACKEND": "django.core.files.storage.InMemoryStorage", "OPTIONS": {}}
    try:
        assert type(storage.private_storage()).__name__ == "InMemoryStorage"
    finally:
        settings.GONGKAI_PRIVATE_STORAGE = {"BACKEND": "gongkai.files.storage.PrivateFileSystemStorage",
                                            "OPTIONS": {}}
    assert isinstance(storage.private_storage(), PrivateFileSystemStorage)


def test_xlsx_helper_never_writes_formulas():
    from openpyxl import Workbook, load_workbook

    from gongkai.files.spreadsheet import xlsx_bytes

    wb = Workbook()
    wb.active.append(["=HYPERLINK(\"http://evil\",\"点我\")", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx", "正常", 5])
    ws = load_workbook(io.BytesIO(xlsx_bytes(wb))).active
    cells = list(ws[1])
    assert all(c.data_type != "f" for c in cells)
    assert cells[0].value == "=HYPERLINK(\"http://evil\",\"点我\")"  # the text itself is kept
    assert cells[7].value == 5
