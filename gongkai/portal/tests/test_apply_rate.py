"""The public application form's limit per address is a setting, GONGKAI_RATE_APPLY: "10/h" by
default (gongkai/applications/tests/test_intake.py checks that limit), raised only by the load bench
(bench/load_bench.py), "off" disables it."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import VALID_ID
from gongkai.applications.models import Application

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def submit(client, agency, i):
    return client.post(reverse("apply"), {
        "agency": agency.pk, "applicant_kind": "natural_person", "name": "赵一", "id_type": "resident_id",
        "id_number": VALID_ID, "phone": "13912345678", "email": "zhao@example.com", "address": "测试市某路8号",
        "description": f"申请公开2025年某道路改造工程的施工许可证{i}", "carrier": "email", "delivery": "email",
        "accept_other_delivery": "on",
        "identity_proof": SimpleUploadedFile("id.png", PNG, content_type="image/png"),
    }).status_code


def test_default_is_ten_an_hour():
    from django.conf import settings as live

    assert live.GONGKAI_RATE_APPLY == "10/h"


def test_setting_changes_the_limit(client, tree, settings):
    settings.GONGKAI_RATE_APPLY = "3/h"
    codes = [submit(client, tree["a"], i) for i in range(4)]
    assert codes == [302, 302, 302, 429]
    assert Application.objects.count() == 3


def test_raised_limit_lets_more_through(client, tree, settings):
    settings.GONGKAI_RATE_APPLY = "1000/h"
    codes = [submit(client, tree["a"], i) for i in range(12)]
    assert codes == [302] * 12
    assert Application.objects.count() == 12


def test_off_disables_it(client, tree, settings):
    settings.GONGKAI_RATE_APPLY = "off"
    assert [submit(client, tree["a"], i) for i in range(11)] == [302] * 11
