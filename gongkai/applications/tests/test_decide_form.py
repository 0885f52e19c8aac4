"""The decision (答复) form shows the details grouped by outcome (issue 15, item 6): without JavaScript
every group under its heading, each field marked with the outcomes that use it (the static script
shows only the chosen outcome's); the grouping agrees with the letters that print the details."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.urls import reverse

from gongkai.applications import decide_layout
from gongkai.applications.forms import DecideForm
from gongkai.applications.services import DETAIL_FIELDS

LETTERS = Path(__file__).resolve().parents[2] / "letters" / "defaults"


def test_every_detail_field_is_in_exactly_one_group():
    names = [name for _heading, fields in decide_layout.GROUPS for name, _codes in fields]
    assert sorted(names) == sorted(DETAIL_FIELDS)


def test_group_codes_are_outcomes_of_the_form():
    choices = {code for code, _label in DecideForm.base_fields["outcome"].choices if code}
    used = {c for _heading, fields in decide_layout.GROUPS for _name, codes in fields for c in codes}
    assert used <= choices


@pytest.mark.parametrize("path", sorted(LETTERS.glob("answer_letter_*.txt")), ids=lambda p: p.stem)
def test_each_outcome_shows_every_detail_its_letter_prints(path):
    code = path.stem.removeprefix("answer_letter_").replace("_", ".")
    printed = {name for name in DETAIL_FIELDS if re.search(rf"\b{name}\b", path.read_text(encoding="utf-8"))}
    shown = {name for name in DETAIL_FIELDS if code in decide_layout.outcomes_of(name)}
    assert printed <= shown, f"{code}: the letter prints {printed - shown} that its form would hide"


@pytest.mark.django_db
def test_case_page_groups_the_details_under_headings(client, staff, received_app, pin_today):
    pin_today(dt.date(2025, 3, 10))
    app = received_app()
    client.force_login(staff["a_handler"])
    page = client.get(reverse("case", args=[app.pk])).content.decode()
    form = page[page.index('class="decide-form"'):]
    form = form[:form.index("</form>")]
    legends = re.findall(r'<fieldset class="outcome-group" data-outcomes="[^"]+">\s*<legend>([^<]+)</legend>', form)
    assert legends == ["予以公开、部分公开时填写", "不予公开时填写", "无法提供时填写", "不予处理时填写"]
    assert '<div class="outcome-field" data-outcomes="2">' in form  # 不予公开的部分: partial disclosure only
    assert form.count('class="outcome-field"') == len(DETAIL_FIELDS)
    assert 'data-outcome-select="id_decide-outcome"' in form and 'id="id_decide-outcome"' in form
    assert "gongkai/decide-form.js" in page


@pytest.mark.django_db
def test_a_form_without_its_version_says_the_page_is_stale_in_chinese(client, staff, received_app, pin_today):
    pin_today(dt.date(2025, 3, 10))
    app = received_app()
    client.force_login(staff["a_handler"])
    page = client.post(reverse("case-action", args=[app.pk, "decide"]), {"decide-on": "2025-03-10"},
                       follow=True).content.decode()
    assert "页面已过期，请刷新页面后重新填写" in page and "None" not in page
