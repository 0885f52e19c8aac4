"""Issue 14 item 3: the unit head sees the letter exactly as it will be issued on the page where he
signs, and the irreversible steps of a case (签发, 逾期终止办理, 登记撤回) are refused by the server unless
their confirmation was ticked."""

import datetime as dt
import html as html_lib
import re

import pytest
from django.urls import reverse

from gongkai.applications import services
from gongkai.applications.models import Application, Status
from gongkai.law import workflows
from gongkai.letters.models import Letter

D = dt.date.fromisoformat


@pytest.fixture
def decided(received_app, staff):
    app = received_app(on=D("2025-03-03"))
    services.decide(app, staff["a_handler"], D("2025-03-10"), outcome="1", reasons="",
                    details={"published_where": "本机关门户网站"})
    return Application.objects.get(pk=app.pk)


def _preview(page: str) -> str:
    found = re.search(r'<iframe class="letter-preview" title="待签发文书预览" srcdoc="([^"]*)"', page)
    assert found, "no preview of the letter on the signing page"
    return html_lib.unescape(found.group(1))


def test_the_signer_sees_the_letter_as_it_will_be_issued(client, decided, staff):
    client.force_login(staff["a_reviewer"])
    before = Letter.objects.count()
    page = client.get(reverse("case", args=[decided.pk])).content.decode()
    preview = _preview(page)
    # Nothing was issued, numbered or changed by showing it.
    assert Letter.objects.count() == before
    app = Application.objects.get(pk=decided.pk)
    assert app.status == Status.DECIDED and app.version == decided.version
    assert workflows.APPLICATION.step("issue").confirm in page

    client.post(reverse("case-action", args=[decided.pk, "issue"]),
                {"issue-version": decided.version, "issue-on": _today(), "issue-confirmed": "on"})
    letter = Letter.objects.get(application=decided, kind="answer_letter")
    issued = client.get(reverse("letter", args=[letter.pk])).content.decode()
    # The same rendering: the issued letter's page is the preview, number and every paragraph included.
    assert _main(issued) == _main(preview)
    assert letter.number in preview
    for paragraph in letter.paragraphs:
        assert html_lib.escape(paragraph).replace("\n", "<br>") in preview


def _today() -> str:
    from gongkai.law import today as law_today

    return law_today.today().isoformat()


def _main(page: str) -> str:
    return page.split('<main class="sheet">', 1)[1].split("</main>", 1)[0]


def test_signing_without_the_confirmation_is_refused(client, decided, staff):
    client.force_login(staff["a_reviewer"])
    url = reverse("case-action", args=[decided.pk, "issue"])
    refused = client.post(url, {"issue-version": decided.version, "issue-on": _today()}, follow=True)
    assert "不可撤销，请勾选" in refused.content.decode()
    assert Application.objects.get(pk=decided.pk).status == Status.DECIDED
    assert not Letter.objects.filter(application=decided, kind="answer_letter").exists()
    client.post(url, {"issue-version": decided.version, "issue-on": _today(), "issue-confirmed": "on"})
    assert Application.objects.get(pk=decided.pk).status == Status.ANSWERED


def test_a_letter_that_cannot_be_issued_says_why_before_signing(client, decided, staff, tree):
    tree["a"].reconsideration_organ = ""
    tree["a"].save()
    client.force_login(staff["a_reviewer"])
    page = client.get(reverse("case", args=[decided.pk])).content.decode()
    assert "暂不能生成文书" in page and 'class="letter-preview"' not in page


def test_withdrawal_needs_the_confirmation(client, received_app, staff):
    app = received_app(on=D("2025-03-03"))
    client.force_login(staff["a_handler"])
    page = client.get(reverse("case", args=[app.pk])).content.decode()
    assert 'name="withdraw-confirmed"' in page
    url = reverse("case-action", args=[app.pk, "withdraw"])
    data = {"withdraw-version": app.version, "withdraw-on": "2025-03-05", "withdraw-reason": "申请人书面撤回"}
    refused = client.post(url, data, follow=True).content.decode()
    assert "“登记撤回”不可撤销" in refused
    assert Application.objects.get(pk=app.pk).status == Status.IN_PROGRESS
    client.post(url, {**data, "withdraw-confirmed": "on"})
    assert Application.objects.get(pk=app.pk).status != Status.IN_PROGRESS  # withdrawn (or to be signed)


def test_every_irreversible_step_of_a_case_carries_the_checkbox(received_app, staff):
    from gongkai.applications import views

    app = received_app(on=D("2025-03-03"))
    for name in ("issue", "close_lapsed", "withdraw"):
        field = views._build_form(name, app, staff["a_reviewer"]).fields[workflows.CONFIRM_FIELD]
        assert field.required and field.label == workflows.APPLICATION.step(name).confirm
    assert workflows.CONFIRM_FIELD not in views._build_form("note", app, staff["a_reviewer"]).fields
