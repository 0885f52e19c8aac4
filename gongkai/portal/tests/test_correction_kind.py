"""Files sent with an online correction are kept as 补正材料, not as 申请附件 (issue 15 follow-up)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.applications import services
from gongkai.applications.models import Application, Attachment

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def awaiting(received_app, pin_today, staff):
    pin_today(dt.date(2025, 3, 6))
    case = received_app(dt.date(2025, 3, 3), info_title="某小区房屋征收补偿方案")
    services.request_correction(case, staff["a_handler"], dt.date(2025, 3, 5), items="1. 请写明房屋所在小区名称",
                                served_on=dt.date(2025, 3, 5))
    return Application.objects.get(pk=case.pk)


def test_correction_files_are_kept_as_correction_material(client, awaiting, staff):
    client.post(reverse("query"), {"applicant_kind": "natural_person", "name": "王小明",
                                   "tracking_code": awaiting.tracking_code})
    resp = client.post(reverse("query-correction", args=[awaiting.tracking_code]),
                       {"text": "小区名称为幸福里小区", "files": [SimpleUploadedFile("证明.png", PNG, content_type="image/png")]})
    assert resp.status_code == 302
    att = Attachment.objects.get(application=awaiting)
    assert att.kind == Attachment.CORRECTION and att.get_kind_display() == "补正材料"
    client.force_login(staff["a_handler"])
    page = client.get(reverse("case", args=[awaiting.pk])).content.decode()
    assert "补正材料：证明.png" in page
    assert reverse("attachment", args=[att.pk]) in page
