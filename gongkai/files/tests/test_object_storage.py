"""Files in S3-compatible object storage (issue 12, item 9), against moto's in-process S3 (no network).

With GONGKAI_S3_BUCKET / GONGKAI_S3_PUBLIC_BUCKET the private files go to a private bucket (private
ACL, no URL of their own) and public media to another bucket; the access-checked views stream a
private object or, with GONGKAI_S3_PRIVATE_REDIRECT, send a 302 to a presigned link that expires in
GONGKAI_S3_PRESIGN_SECONDS; backup and restore copy buckets through the storage API, in the same
layout as local files. The settings refuse one bucket for both, and S3 without django-storages."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, models
from django.urls import reverse

from conftest import VALID_ID
from gongkai.applications.models import AccessLog, Application, Attachment
from gongkai.files import storage as files_storage

boto3 = pytest.importorskip("boto3")
moto = pytest.importorskip("moto")
pytest.importorskip("storages")

PRIVATE, PUBLIC, REGION = "gk-private", "gk-public", "us-east-1"
ENV = {"GONGKAI_S3_BUCKET": PRIVATE, "GONGKAI_S3_PUBLIC_BUCKET": PUBLIC, "GONGKAI_S3_REGION": REGION}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64 + b"identity-proof-in-a-bucket"
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"
ROOT = Path(__file__).resolve().parents[3]


def _blank_pdf() -> bytes:
    """A readable one-page PDF without metadata: the leak guard before publication (gongkai/screening)
    refuses a file it cannot read."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


PDF = _blank_pdf()


def _private_fields():
    """Every FileField stored by the private storage (bound when the models load)."""
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField) and getattr(f, "_storage_callable", None) is files_storage.private_storage:
                yield f


@pytest.fixture
def s3(settings, monkeypatch):
    """Both buckets in moto, the settings that GONGKAI_S3_* produce, and the model fields on them."""
    for var, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "AWS_DEFAULT_REGION": REGION}.items():
        monkeypatch.setenv(var, value)
    for var in ("AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_PROFILE", "AWS_S3_SESSION_PROFILE"):
        monkeypatch.delenv(var, raising=False)
    with moto.mock_aws():
        client = boto3.client("s3", region_name=REGION)
        client.create_bucket(Bucket=PRIVATE)
        client.create_bucket(Bucket=PUBLIC)
        private, public = files_storage.object_storage_settings(ENV)
        settings.GONGKAI_PRIVATE_STORAGE = private
        settings.STORAGES = {"default": public,
                             "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
        # FileField evaluates its storage callable once, when the model class is built; in a real
        # installation the settings are fixed before that, here they change afterwards.
        for f in _private_fields():
            monkeypatch.setattr(f, "storage", files_storage.private_storage())
        cache.clear()  # the rate limit of the apply form
        yield client
        cache.clear()


def _keys(client, bucket):
    return sorted(o["Key"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", []))


def _public_grants(client, bucket, key):
    grants = client.get_object_acl(Bucket=bucket, Key=key)["Grants"]
    return [g for g in grants if g["Grantee"].get("URI") == ALL_USERS]


def _apply_online(client, agency):
    data = {
        "agency": agency.pk, "applicant_kind": "natural_person", "name": "赵一", "id_type": "resident_id",
        "id_number": VALID_ID, "phone": "13912345678", "email": "zhao@example.com", "address": "测试市某路8号",
        "description": "申请公开2025年某道路改造工程的施工许可证", "carrier": "email", "delivery": "email",
        "accept_other_delivery": "on",
        "identity_proof": SimpleUploadedFile("身份证.png", PNG, content_type="image/png"),
    }
    resp = client.post(reverse("apply"), data)
    assert resp.status_code == 302 and resp["Location"] == reverse("apply-done"), resp.content.decode()[:500]
    return Application.objects.get().attachments.get()


# ------------------------------------------------------------------------------------------ settings


def test_no_variables_keep_local_files():
    assert files_storage.object_storage_settings({}) == (None, None)


def test_variables_select_both_buckets():
    private, public = files_storage.object_storage_settings({
        **ENV, "GONGKAI_S3_ENDPOINT_URL": "https://oss.example.gov.cn", "GONGKAI_S3_ADDRESSING_STYLE": "path",
        "GONGKAI_S3_PUBLIC_URL": "https://files.example.gov.cn/gk/"})
    assert private["BACKEND"] == "gongkai.files.storage.PrivateS3Storage"
    assert private["OPTIONS"] == {"bucket_name": PRIVATE, "location": "private", "region_name": REGION,
                                  "endpoint_url": "https://oss.example.gov.cn", "addressing_style": "path"}
    assert public["BACKEND"] == "gongkai.files.storage.PublicS3Storage"
    assert public["OPTIONS"]["bucket_name"] == PUBLIC and public["OPTIONS"]["default_acl"] == "public-read"
    assert public["OPTIONS"]["custom_domain"] == "files.example.gov.cn/gk"
    assert public["OPTIONS"]["url_protocol"] == "https:"
    # No key is copied into the settings: boto3 reads AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY itself.
    assert not any("key" in k for k in {**private["OPTIONS"], **public["OPTIONS"]})


def test_one_bucket_for_private_and_public_files_is_refused():
    with pytest.raises(ImproperlyConfigured, match="必须是两个不同的桶"):
        files_storage.object_storage_settings({"GONGKAI_S3_BUCKET": "gk", "GONGKAI_S3_PUBLIC_BUCKET": "gk"})


def test_s3_without_django_storages_is_refused(monkeypatch):
    monkeypatch.setattr(files_storage, "_s3_installed", lambda: False)
    with pytest.raises(ImproperlyConfigured, match=r"未安装 django-storages\[s3\]"):
        files_storage.object_storage_settings({"GONGKAI_S3_BUCKET": PRIVATE})


@pytest.mark.parametrize("env, stmt, message", [
    ({"GONGKAI_S3_BUCKET": "gk", "GONGKAI_S3_PUBLIC_BUCKET": "gk"}, "", "必须是两个不同的桶"),
    ({"GONGKAI_S3_BUCKET": PRIVATE}, "sys.modules['storages'] = None; ", "未安装 django-storages"),
    ({"GONGKAI_S3_PRIVATE_REDIRECT": "yes"}, "", "GONGKAI_S3_PRIVATE_REDIRECT"),
], ids=["same-bucket", "package-missing", "bad-redirect-mode"])
def test_settings_refuse_to_start(tmp_path, env, stmt, message):
    proc = subprocess.run([sys.executable, "-c", f"import sys; {stmt}import gongkai.settings"],
                          env={"PATH": "/usr/bin:/bin", "DEBUG": "1", "GONGKAI_VAR": str(tmp_path), **env},
                          capture_output=True, cwd=ROOT, text=True)
    assert proc.returncode != 0 and "ImproperlyConfigured" in proc.stderr and message in proc.stderr


def test_settings_start_with_both_buckets_without_importing_storages(tmp_path):
    code = ("import sys, gongkai.settings as s; assert 'storages' not in sys.modules; "
            "print(s.GONGKAI_PRIVATE_STORAGE['BACKEND'], s.STORAGES['default']['BACKEND'])")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT, text=True,
                          env={"PATH": "/usr/bin:/bin", "DEBUG": "1", "GONGKAI_VAR": str(tmp_path), **ENV})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["gongkai.files.storage.PrivateS3Storage", "gongkai.files.storage.PublicS3Storage"]


# ------------------------------------------------------------------------------- the private bucket


def test_identity_proof_goes_to_the_private_bucket_with_no_url(s3, client, tree):
    att = _apply_online(client, tree["a"])
    assert type(att.file.storage).__name__ == "PrivateS3Storage"
    key = f"private/{att.file.name}"
    assert _keys(s3, PRIVATE) == [key] and _keys(s3, PUBLIC) == []
    assert s3.get_object(Bucket=PRIVATE, Key=key)["Body"].read() == PNG
    grants = s3.get_object_acl(Bucket=PRIVATE, Key=key)["Grants"]
    assert [g["Permission"] for g in grants] == ["FULL_CONTROL"] and not _public_grants(s3, PRIVATE, key)
    with pytest.raises(ValueError, match="没有公开网址"):
        att.file.url  # noqa: B018
    with pytest.raises(ValueError, match="没有公开网址"):
        att.file.storage.url(att.file.name, expire=60)
    with pytest.raises(ValueError, match="有效期"):
        att.file.storage.presigned_url(att.file.name, expire=86400)
    # The same name again is stored beside it, never over it.
    again = att.file.storage.save(att.file.name, ContentFile(b"other"))
    assert again != att.file.name and s3.get_object(Bucket=PRIVATE, Key=key)["Body"].read() == PNG


def test_staff_view_streams_the_object_and_logs_the_read(s3, client, tree, staff):
    att = _apply_online(client, tree["a"])
    url = reverse("attachment", args=[att.pk])
    resp = client.get(url)  # anonymous
    assert resp.status_code in (302, 404) and PNG not in resp.content
    if resp.status_code == 302:
        assert resp["Location"].startswith(reverse("login"))
    client.force_login(staff["b_handler"])  # another organ
    assert client.get(url).status_code == 404
    assert not AccessLog.objects.filter(what__startswith="查看附件").exists()

    client.force_login(staff["a_handler"])
    resp = client.get(url)
    assert resp.status_code == 200 and b"".join(resp.streaming_content) == PNG
    assert resp["Content-Type"] == "image/png" and resp["Cache-Control"] == "private, no-store"
    log = AccessLog.objects.get(what="查看附件：身份证明")
    assert log.user == staff["a_handler"] and log.application == att.application


def test_x_accel_redirect_is_not_used_for_a_bucket(s3, client, tree, staff, settings):
    settings.GONGKAI_PRIVATE_ACCEL_PREFIX = "/_private/"  # nginx cannot see a bucket: Django streams
    att = _apply_online(client, tree["a"])
    client.force_login(staff["a_handler"])
    resp = client.get(reverse("attachment", args=[att.pk]))
    assert "X-Accel-Redirect" not in resp and b"".join(resp.streaming_content) == PNG


def test_missing_object_is_404(s3, client, tree, staff):
    att = _apply_online(client, tree["a"])
    s3.delete_object(Bucket=PRIVATE, Key=f"private/{att.file.name}")
    client.force_login(staff["a_handler"])
    assert client.get(reverse("attachment", args=[att.pk])).status_code == 404


@pytest.mark.parametrize("seconds", [60, 15])
def test_redirect_mode_answers_with_a_short_presigned_link(s3, client, tree, staff, settings, seconds):
    settings.GONGKAI_S3_PRIVATE_REDIRECT = "1"
    settings.GONGKAI_S3_PRESIGN_SECONDS = seconds
    att = _apply_online(client, tree["a"])
    client.force_login(staff["a_handler"])
    resp = client.get(reverse("attachment", args=[att.pk]))
    assert resp.status_code == 302
    assert resp["Cache-Control"] == "private, no-store"
    link = urlsplit(resp["Location"])
    assert PRIVATE in link.netloc or link.path.startswith(f"/{PRIVATE}/")
    assert unquote(link.path).endswith(f"private/{att.file.name}")
    query = parse_qs(link.query)
    assert 0 < int(query["X-Amz-Expires"][0]) <= seconds
    assert query["X-Amz-Signature"]
    assert query["response-content-type"] == ["image/png"]
    assert query["response-cache-control"] == ["private, no-store"]
    assert "filename" in query["response-content-disposition"][0]
    assert AccessLog.objects.filter(what="查看附件：身份证明").count() == 1  # the grant is logged
    # The link itself answers with the file, under its name (moto checks the request in-process).
    import requests

    got = requests.get(resp["Location"], timeout=5)
    assert got.status_code == 200 and got.content == PNG
    assert got.headers["Content-Type"] == "image/png"

    client.force_login(staff["b_handler"])  # access is still decided first
    assert client.get(reverse("attachment", args=[att.pk])).status_code == 404


def test_public_mode_redirects_public_files_only(s3, client, tree, staff, settings):
    settings.GONGKAI_S3_PRIVATE_REDIRECT = "public"
    att = _apply_online(client, tree["a"])
    client.force_login(staff["a_handler"])
    resp = client.get(reverse("attachment", args=[att.pk]))
    assert resp.status_code == 200 and b"".join(resp.streaming_content) == PNG  # restricted: streamed


# --------------------------------------------------------------------------------- public files


def test_public_media_goes_to_the_public_bucket(s3):
    name = default_storage.save("notices/公告.txt", ContentFile("公开文件".encode()))
    key = f"media/{name}"
    assert _keys(s3, PUBLIC) == [key] and _keys(s3, PRIVATE) == []
    assert [g["Permission"] for g in _public_grants(s3, PUBLIC, key)] == ["READ"]
    url = urlsplit(default_storage.url(name))
    assert "X-Amz-Signature" not in url.query and unquote(url.path).endswith(key)


def _publish(doc, user):
    from gongkai.publishing.tests import walk

    return walk.publish(doc, user)


def test_published_attachment_opens_from_the_private_bucket_while_published(s3, client, tree, make_user,
                                                                             settings):
    """Published attachments stay in the private bucket (ARCHITECTURE.md "Private files": withdrawal
    closes them at once); the public view streams them or, in ``public`` mode, redirects."""
    from gongkai.agencies.models import Membership
    from gongkai.publishing import services

    ed = make_user("ed", tree["a"], Membership.EDITOR, Membership.REVIEWER, Membership.SECRECY)
    doc = services.save_draft(tree["a"], ed, {"title": "关于某事项的通知", "body": "见附件"})
    att = services.add_attachment(doc, ed, name="清单.pdf", content=PDF)
    assert _keys(s3, PRIVATE) == [f"private/{att.file.name}"] and _keys(s3, PUBLIC) == []
    url = reverse("public:doc-attachment", args=[doc.pk, att.pk])
    assert client.get(url).status_code == 404  # a draft
    doc = _publish(doc, ed)
    resp = client.get(url)
    assert resp.status_code == 200 and b"".join(resp.streaming_content) == PDF
    assert "no-store" not in resp.get("Cache-Control", "")

    settings.GONGKAI_S3_PRIVATE_REDIRECT = "public"
    resp = client.get(url)
    assert resp.status_code == 302 and resp["Cache-Control"] == "private, no-store"
    query = parse_qs(urlsplit(resp["Location"]).query)
    assert "attachment" in query["response-content-disposition"][0]
    assert "response-cache-control" not in query  # the file itself may be cached: it is public
    services.withdraw(doc, ed, "内容有误")
    assert client.get(url).status_code == 404


# ------------------------------------------------------------------------------ backup and restore


def _bucket_files(client):
    return {b: {k: client.get_object(Bucket=b, Key=k)["Body"].read() for k in _keys(client, b)}
            for b in (PRIVATE, PUBLIC)}


def _empty_buckets(client):
    for b in (PRIVATE, PUBLIC):
        for k in _keys(client, b):
            client.delete_object(Bucket=b, Key=k)


needs_pg_tools = pytest.mark.skipif(
    connection.vendor == "postgresql" and not (shutil.which("pg_dump") and shutil.which("pg_restore")),
    reason="pg_dump/pg_restore not installed",
)


@pytest.fixture
def bucket_installation(transactional_db, s3, tree, staff, received_app, monkeypatch):
    monkeypatch.setattr("gongkai.letters.pdf.AT_ISSUE_LIMIT", 0)  # letter PDFs: their own tests
    app = received_app()
    Attachment.objects.create(application=app, kind=Attachment.IDENTITY, original_name="身份证.pdf",
                              content_type="application/pdf", size=9,
                              file=ContentFile(b"%PDF-1.4\n", name="id.pdf"))
    default_storage.save("published/附件.txt", ContentFile("公开附件".encode()))
    return app


@needs_pg_tools
def test_backup_and_restore_copy_the_buckets(bucket_installation, s3, tmp_path, capsys):
    target = tmp_path / "backup"
    call_command("backup", str(target))
    assert "备份完成" in capsys.readouterr().out
    import json

    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["files"]["private"]["count"] == 1 and manifest["files"]["media"]["count"] == 1
    assert manifest["files"]["private"]["storage"] == "PrivateS3Storage"
    assert (next((target / "files" / "private").rglob("*.pdf"))).read_bytes() == b"%PDF-1.4\n"
    assert (target / "files" / "media" / "published" / "附件.txt").read_text(encoding="utf-8") == "公开附件"
    before = _bucket_files(s3)

    call_command("flush", interactive=False)
    _empty_buckets(s3)
    s3.put_object(Bucket=PRIVATE, Key="private/stray.bin", Body=b"not in the backup")
    call_command("restore", str(target), "--force")
    assert "恢复完成" in capsys.readouterr().out
    assert _bucket_files(s3) == before  # the stray object is gone, every file back under its key
    att = Attachment.objects.get()
    assert att.file.read() == b"%PDF-1.4\n"
    assert [g["Permission"] for g in s3.get_object_acl(Bucket=PRIVATE, Key=f"private/{att.file.name}")["Grants"]] \
        == ["FULL_CONTROL"]


@needs_pg_tools
def test_restore_over_a_bucket_with_files_needs_force(bucket_installation, s3, tmp_path):
    from django.core.management import CommandError

    call_command("backup", str(tmp_path / "b"))
    with pytest.raises(CommandError, match="私有文件 1 个.*--force"):
        call_command("restore", str(tmp_path / "b"))


@needs_pg_tools
def test_a_local_backup_moves_an_installation_into_buckets(transactional_db, tree, staff, received_app,
                                                           settings, tmp_path, request, monkeypatch):
    """The backup's layout is the same for disks and buckets: backup on local files, restore with
    GONGKAI_S3_* set, and the files are in the buckets under the same names."""
    monkeypatch.setattr("gongkai.letters.pdf.AT_ISSUE_LIMIT", 0)  # letter PDFs: their own tests
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    app = received_app()
    Attachment.objects.create(application=app, kind=Attachment.IDENTITY, original_name="身份证.pdf",
                              content_type="application/pdf", size=9,
                              file=ContentFile(b"%PDF-1.4\n", name="id.pdf"))
    default_storage.save("published/附件.txt", ContentFile("公开附件".encode()))
    name = Attachment.objects.get().file.name
    call_command("backup", str(tmp_path / "b"))
    call_command("flush", interactive=False)

    client = request.getfixturevalue("s3")
    call_command("restore", str(tmp_path / "b"))
    assert _keys(client, PRIVATE) == [f"private/{name}"]
    assert _keys(client, PUBLIC) == ["media/published/附件.txt"]
    assert Attachment.objects.get().file.read() == b"%PDF-1.4\n"


def test_healthz_checks_the_buckets(s3, client, db):
    body = client.get("/healthz").json()
    assert body["checks"]["buckets"]["status"] == "ok" and body["checks"]["buckets"]["storages"] == ["media", "private"]
    s3.delete_bucket(Bucket=PRIVATE)  # gone (or the keys refused): the load balancer hears of it
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["checks"]["buckets"]["status"] == "fail"
