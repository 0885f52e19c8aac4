"""The organ's settings in the admin: reconsideration-first per outcome (legal-review.md B1) and the
warning while the remedy names are missing (B12)."""

import pytest

from gongkai.agencies.admin import AgencyForm
from gongkai.agencies.models import Agency
from gongkai.law import outcomes


def form_data(agency, codes, **over):
    data = {
        "code": agency.code, "name": agency.name, "kind": agency.kind, "reconsideration_organ": "示例市人民政府",
        "court": "示例市南湖区人民法院", "reconsideration_first_codes": codes,
    }
    data.update(over)
    return data


@pytest.mark.django_db
def test_form_shows_the_default_and_stores_only_departures():
    agency = Agency.objects.create(code="x", name="示例市某局")
    form = AgencyForm(instance=agency)
    default_on = [o.code for o in outcomes.LEAVES if o.reconsideration_first]
    assert form.fields["reconsideration_first_codes"].initial == default_on
    assert "高级人民法院" in form.fields["reconsideration_first_codes"].help_text

    narrowed = [c for c in default_on if c != "4.2"] + ["1"]
    form = AgencyForm(form_data(agency, narrowed), instance=agency)
    assert form.is_valid(), form.errors
    form.save()
    agency.refresh_from_db()
    assert agency.reconsideration_first == {"1": True, "4.2": False}
    assert agency.reconsideration_first_for("4.2") is False
    assert agency.reconsideration_first_for("1") is True
    assert agency.reconsideration_first_for("3.1") is True

    form = AgencyForm(form_data(agency, default_on), instance=agency)
    assert form.is_valid(), form.errors
    form.save()
    agency.refresh_from_db()
    assert agency.reconsideration_first == {}


@pytest.mark.django_db
def test_change_page_warns_while_the_remedy_names_are_missing(client, django_user_model):
    admin = django_user_model.objects.create_superuser(username="root", password="pw-123456")
    client.force_login(admin)
    bare = Agency.objects.create(code="bare", name="某局")
    ready = Agency.objects.create(code="ready", name="示例市某局", reconsideration_organ="示例市人民政府",
                                  court="示例市南湖区人民法院")
    page = client.get(f"/admin/agencies/agency/{bare.pk}/change/", follow=True).content.decode()
    assert "本机关尚未填写行政复议机关、管辖人民法院" in page
    page = client.get(f"/admin/agencies/agency/{ready.pk}/change/", follow=True).content.decode()
    assert "本机关尚未填写" not in page
    listing = client.get("/admin/agencies/agency/", follow=True).content.decode()
    assert "未填写行政复议机关、管辖人民法院，不能签发答复书" in listing
