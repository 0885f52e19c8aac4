"""Intake validation: bad identifiers, phones and uploads are rejected with clear Chinese messages
and nothing is saved; purpose is never required; the tracking code is mailed."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import VALID_ID, VALID_USCC
from gongkai.applications.models import Application

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%test\n"


def form_data(agency, **over):
    data = {
        "agency": agency.pk, "applicant_kind": "natural_person", "name": "赵一", "id_type": "resident_id",
        "id_number": VALID_ID, "phone": "13912345678", "email": "zhao@example.com", "address": "测试市某路8号",
        "description": "申请公开2025年某道路改造工程的施工许可证", "carrier": "email", "delivery": "email",
        "accept_other_delivery": "on",
    }
    data.update(over)
    return data


def post(client, data, identity=PNG, name="id.png", **files):
    payload = dict(data)
    if identity is not None:
        payload["identity_proof"] = SimpleUploadedFile(name, identity, content_type="image/png")
    payload.update(files)
    return client.post(reverse("apply"), payload)


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def test_valid_online_application_saved_and_mailed(client, tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the e-mail is a job queued on commit
        resp = post(client, form_data(tree["a"]))
    assert resp.status_code == 302 and resp["Location"] == reverse("apply-done")
    app = Application.objects.get()
    assert app.channel == "online" and app.status == "pending" and app.purpose == ""
    assert app.attachments.get().content_type == "image/png"
    done = client.get(reverse("apply-done")).content.decode()
    assert app.tracking_code in done
    assert len(mail.outbox) == 1 and app.tracking_code in mail.outbox[0].body
    assert app.events.get().kind == "submitted"


@pytest.mark.parametrize(
    "over, field_message",
    [
        ({"id_number": "110105194912310021"}, "校验"),
        ({"id_number": "110105491231002"}, "15位"),
        ({"id_number": "11010519491331002X"}, "出生日期"),
        ({"phone": "12345"}, "电话"),
        ({"email": "not-an-email"}, "邮箱"),
        ({"description": ""}, "必填"),
        ({"name": ""}, "必填"),
        ({"applicant_kind": "organisation", "org_type": "commercial", "id_number": "91350100M000100Y44",
          "legal_representative": "钱二", "contact_name": "孙三"}, "校验"),
        ({"applicant_kind": "organisation", "org_type": "", "id_number": VALID_USCC,
          "legal_representative": "钱二", "contact_name": "孙三"}, "组织类型"),
        ({"is_proxy": "on", "agent_name": "李代理", "agent_id_number": VALID_ID}, "授权委托书"),
    ],
)
def test_bad_input_rejected_nothing_saved(client, tree, over, field_message):
    resp = post(client, form_data(tree["a"], **over))
    body = resp.content.decode()
    assert resp.status_code == 200
    assert "申请尚未提交" in body and field_message in body
    assert Application.objects.count() == 0
    # What was typed is kept.
    if over.get("description", None) != "":
        assert "某道路改造工程" in body


@pytest.mark.parametrize(
    "content, name, message",
    [
        (b"MZ\x90\x00 pretend exe", "id.png", "只接受 JPG、PNG 或 PDF"),
        (b"<html>not a pdf</html>", "id.pdf", "只接受 JPG、PNG 或 PDF"),
        (b"", "id.png", "空文件"),
    ],
)
def test_bad_uploads_rejected(client, tree, content, name, message):
    resp = post(client, form_data(tree["a"]), identity=content, name=name)
    assert message in resp.content.decode()
    assert Application.objects.count() == 0


def test_oversized_upload_rejected(client, tree, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    resp = post(client, form_data(tree["a"]), identity=PDF + b"0" * 2048, name="id.pdf")
    assert "文件过大" in resp.content.decode()
    assert Application.objects.count() == 0


def test_identity_proof_required_online(client, tree):
    resp = post(client, form_data(tree["a"]), identity=None)
    assert "请上传身份证明" in resp.content.decode()
    assert Application.objects.count() == 0


def test_organisation_with_valid_uscc(client, tree):
    resp = post(client, form_data(tree["a"], applicant_kind="organisation", org_type="legal_service",
                                  name="测试律师事务所", id_number=VALID_USCC, legal_representative="钱二",
                                  contact_name="孙三"))
    assert resp.status_code == 302
    app = Application.objects.get()
    assert app.report_column == "legal_service" and app.id_number == VALID_USCC


def test_honeypot_saves_nothing(client, tree):
    resp = post(client, form_data(tree["a"], website="http://spam"))
    assert resp.status_code == 302 and Application.objects.count() == 0


def test_public_form_rate_limited(client, tree):
    codes = [post(client, form_data(tree["a"], description=f"申请{i}")).status_code for i in range(11)]
    assert codes[:10] == [302] * 10 and codes[10] == 429
    assert Application.objects.count() == 10


def test_no_unlawful_required_fields(tree):
    """Purpose (用途) is optional; there is no 'special need' or fee-waiver field."""
    from gongkai.applications.forms import PublicApplicationForm

    form = PublicApplicationForm()
    assert form.fields["purpose"].required is False
    labels = " ".join(str(f.label) for f in form.fields.values())
    assert "特殊需要" not in labels and "减免" not in labels


def test_staff_registration_of_oral_application(client, tree, staff):
    client.force_login(staff["a_handler"])
    data = form_data(tree["a"], channel="in_person", is_oral="on", submitted_on="2025-06-03")
    resp = client.post(reverse("register"), data)
    app = Application.objects.get()
    assert resp.status_code == 302 and app.is_oral and app.received_on.isoformat() == "2025-06-03"
    assert app.letters.filter(kind="receipt").exists()


def test_registered_post_needs_signing_date(client, tree, staff):
    client.force_login(staff["a_handler"])
    resp = client.post(reverse("register"), form_data(tree["a"], channel="registered_post",
                                                      submitted_on="2025-06-03"))
    assert "签收日期" in resp.content.decode()
    assert Application.objects.count() == 0
