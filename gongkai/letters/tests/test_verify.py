"""文书核验 (issue 14 item 4): the 核验码 of a letter's canonical content, stored at issue, and the
public page where anyone checks a letter number and code: 一致 with organ, kind and date only, the
same 不一致 answer for a wrong code and an unknown number, rate-limited."""

import datetime as dt
import importlib
import re

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from gongkai.letters import codes
from gongkai.letters.models import Letter
from gongkai.letters.services import issue_letter
from gongkai.letters.views import NO_MATCH

from .test_letters import DESCRIPTION, ON, make_app

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter(agency, officer):
    return issue_letter(make_app(agency), "receipt", actor=officer, on=ON)


def _post(client, number, code):
    return client.post(reverse("letter-verify"), {"number": number, "code": code})


def _outcome(response) -> str:
    """The result paragraph alone (the form below echoes what was typed)."""
    return re.search(r'<p class="notice" role="(?:status|alert)" id="verify-outcome">(.*?)</p>',
                     response.content.decode(), re.S)[1]


# -- the code ----------------------------------------------------------------------------------------


def test_code_is_stored_at_issue_and_is_a_hash_of_the_canonical_content(letter):
    assert re.fullmatch(r"[A-Z2-7]{12}", letter.verification_code)
    assert Letter.objects.get(pk=letter.pk).verification_code == letter.verification_code
    args = [letter.number, letter.issued_on, letter.addressee, letter.title, list(letter.paragraphs)]
    assert codes.compute(*args) == letter.verification_code
    # Any change of number, date, addressee, title or text gives another code.
    for i, changed in enumerate([letter.number + "1", letter.issued_on + dt.timedelta(days=1), "王大明",
                                 letter.title + "（副本）", [*letter.paragraphs[:-1], "2025年4月2日"]]):
        assert codes.compute(*args[:i], changed, *args[i + 1:]) != letter.verification_code


def test_code_as_printed_and_as_typed():
    assert codes.display("ABCDEFGHJKLM") == "ABCD-EFGH-JKLM"
    assert codes.normalize(" abcd－efgh ｊｋ0I ") == "ABCDEFGHJKOI"
    assert codes.matches("ABCDEFGHJKOI", "abcd efgh jk01")  # 0 → O, 1 → I, spaces, lower case
    assert not codes.matches("ABCDEFGHJKOI", "ABCDEFGHJKO")  # one character short
    assert not codes.matches("", "")


def test_codes_of_letters_issued_before_the_migration_are_filled_in(letter):
    Letter.objects.filter(pk=letter.pk).update(verification_code="")
    migration = importlib.import_module("gongkai.letters.migrations.0002_letter_pdf_and_verification_code")
    migration.codes_of_issued_letters(django_apps, None)
    assert Letter.objects.get(pk=letter.pk).verification_code == letter.verification_code


# -- the public page -----------------------------------------------------------------------------------


def test_verify_page_is_public_accessible_and_linked_from_the_footer(client):
    response = client.get(reverse("letter-verify"))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="zh-CN">' in page and "<h1>政府信息公开文书核验</h1>" in page
    for name, label in (("number", "文书编号"), ("code", "核验码")):
        assert f'<label for="id_{name}" class="required">{label}</label>' in page
        assert f'aria-describedby="id_{name}_help"' in page and f'id="id_{name}_help"' in page
    home = client.get(reverse("portal-home")).content.decode()
    assert f'<a href="{reverse("letter-verify")}">文书核验</a>' in home


def test_the_right_code_says_consistent_and_shows_only_organ_kind_and_date(client, letter, agency):
    response = _post(client, letter.number, codes.display(letter.verification_code))
    assert response.status_code == 200
    outcome = _outcome(response)
    assert "<strong>一致</strong>" in outcome and "不一致" not in outcome
    page = response.content.decode()
    assert f"<dd>{agency.name}</dd>" in page and "<dd>政府信息公开申请接收回执</dd>" in page
    assert "<dd>2025年4月1日</dd>" in page
    # Nothing personal and nothing of the text: not the addressee, the ID, the request or the 查询号.
    for private in ("王小明", "11010519491231002X", "13812341234", DESCRIPTION, "TRACK000001",
                    letter.paragraphs[1][:20]):
        assert private not in page


def test_the_number_may_be_typed_with_other_brackets_and_the_code_loosely(client, letter):
    typed = letter.number.replace("〔", "[").replace("〕", "]")
    assert typed != letter.number
    response = _post(client, typed, letter.verification_code.lower())
    assert "<strong>一致</strong>" in _outcome(response)


def test_a_wrong_code_and_an_unknown_number_get_the_same_answer(client, letter, agency):
    wrong_code = _post(client, letter.number, "AAAA-AAAA-AAAA")
    unknown_number = _post(client, letter.number.replace("第1号", "第99号"), codes.display(letter.verification_code))
    another_letter = issue_letter(make_app(agency, 2), "receipt", actor=None, on=ON)
    crossed = _post(client, another_letter.number, letter.verification_code)  # a real code of another letter
    outcomes = {_outcome(r) for r in (wrong_code, unknown_number, crossed)}
    assert len(outcomes) == 1
    [outcome] = outcomes
    assert "不一致" in outcome and "未找到" in outcome and NO_MATCH in outcome
    for response in (wrong_code, unknown_number, crossed):
        assert response.status_code == 200
        page = response.content.decode()
        assert agency.name not in page and "政府信息公开申请接收回执" not in page and "2025年4月1日" not in page


def test_an_empty_form_is_refused_in_chinese(client):
    page = _post(client, "", "").content.decode()
    assert page.count("该字段是必填项") == 2 and "verify-outcome" not in page


def test_verification_is_rate_limited(client, letter):
    for _ in range(20):
        assert _post(client, letter.number, letter.verification_code).status_code == 200
    response = _post(client, letter.number, letter.verification_code)
    assert response.status_code == 429 and "操作过于频繁" in response.content.decode()
    assert client.get(reverse("letter-verify")).status_code == 200  # the page itself stays readable
