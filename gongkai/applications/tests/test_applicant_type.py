"""The application forms adapt to the applicant type (issue 15, item 6): the 自然人 and 法人或其他组织
fields in their own groups with headings (all shown without JavaScript; the static script hides the
other group), required marks on each type's own required fields, and on the server only the chosen
type's fields are required and kept."""

import re

import pytest
from django.urls import reverse

from conftest import VALID_ID, VALID_USCC
from gongkai.applications.models import Application
from gongkai.applications.tests.test_intake import form_data, post


def _group(page: str, kind: str) -> str:
    m = re.search(rf'<fieldset class="applicant-group" data-kind="{kind}">(.*?)</fieldset>', page, re.S)
    assert m, f"no group for {kind}"
    return m.group(1)


def _required_labels(html: str) -> set[str]:
    return set(re.findall(r'<label for="id_(\w+)" class="required">', html))


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["apply", "register"])
def test_both_groups_under_headings_with_their_required_marks(client, staff, url_name):
    client.force_login(staff["a_handler"])
    page = client.get(reverse(url_name)).content.decode()
    org, person = _group(page, "organisation"), _group(page, "natural_person")
    assert "<legend>法人或其他组织填写</legend>" in org and "<legend>自然人填写</legend>" in person
    assert _required_labels(org) == {"org_type", "legal_representative", "contact_name"}
    assert _required_labels(person) == {"id_type"}
    assert "统一社会信用代码" in org and 'name="id_type"' not in org  # 证件类型 per type
    assert "居民身份证" in person and "护照" in person
    assert "gongkai/applicant-form.js" in page


@pytest.mark.django_db
def test_organisation_needs_its_own_fields(client, tree):
    resp = post(client, form_data(tree["a"], applicant_kind="organisation", org_type="commercial",
                                  name="测试公司", id_number=VALID_USCC, id_type=""))
    body = resp.content.decode()
    assert "法人或其他组织须填写法定代表人" in body and "法人或其他组织须填写联系人" in body
    assert Application.objects.count() == 0


@pytest.mark.django_db
def test_natural_person_needs_an_id_type_but_no_organisation_fields(client, tree):
    body = post(client, form_data(tree["a"], id_type="")).content.decode()
    assert "请选择证件类型" in body and Application.objects.count() == 0
    resp = post(client, form_data(tree["a"], org_type="commercial", legal_representative="钱二",
                                  contact_name="孙三", employer="某公司"))
    assert resp.status_code == 302
    app = Application.objects.get()
    assert (app.org_type, app.legal_representative, app.contact_name) == ("", "", "")
    assert app.employer == "某公司" and app.id_type == "resident_id" and app.id_number == VALID_ID


@pytest.mark.django_db
def test_organisation_keeps_none_of_the_person_fields(client, tree):
    resp = post(client, form_data(tree["a"], applicant_kind="organisation", org_type="research", name="测试研究所",
                                  id_number=VALID_USCC, legal_representative="钱二", contact_name="孙三",
                                  id_type="passport", employer="某单位"))
    assert resp.status_code == 302
    app = Application.objects.get()
    assert (app.id_type, app.employer) == ("", "")
    assert (app.org_type, app.legal_representative, app.contact_name) == ("research", "钱二", "孙三")
