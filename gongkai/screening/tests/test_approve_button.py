"""The 保密审查通过 and 发布 buttons while the leak guard has open findings: shown disabled, with a
sentence saying why tied to the button and a link to the findings panel; enabled again once every
finding is cleaned or accepted. The server still refuses a forged POST."""

import re

from django.urls import reverse

from gongkai.publishing.models import DocStatus, Document
from gongkai.screening import gate, runner

from . import crafted as C
from .test_gate import at_secrecy_review, people  # noqa: F401 - the fixture

APPROVE = "保密审查通过"


def approve_button(page: str) -> str:
    found = re.findall(r"<button[^>]*>" + APPROVE + "</button>", page)
    assert len(found) == 1, found
    return found[0]


def test_open_findings_disable_the_approve_button_and_say_why(client, tree, people):  # noqa: F811
    doc = at_secrecy_review(tree, people, [("名单.xlsx", C.xlsx_hidden_sheet())], body=f"电话{C.MOBILE}")
    runner.screen_pending(doc)
    client.force_login(people["secrecy"])
    url = reverse("doc-staff", args=[doc.pk])
    page = client.get(url).content.decode()
    button = approve_button(page)
    assert "disabled" in button and 'aria-disabled="true"' in button
    why = re.search(r'aria-describedby="([^"]+)"', button).group(1)
    sentence = re.search(rf'<p id="{why}"[^>]*>(.*?)</p>', page).group(1)
    assert "未处理" in sentence and "暂不能通过保密审查" in sentence and 'href="#leak-guard"' in sentence
    assert 'id="leak-guard"' in page

    # A forged POST is still refused by the server.
    response = client.post(
        reverse("doc-action", args=[doc.pk, "secrecy_approve"]),
        {"version": doc.version, "note": "不涉密"},
        follow=True,
    )
    assert "未处理" in response.content.decode()
    assert Document.objects.get(pk=doc.pk).status == DocStatus.SECRECY_REVIEW

    # The clean copy for the attachment, a reason for the phone number in the text: the button is back.
    client.post(reverse("screening-clean", args=[doc.pk, doc.attachments.get().pk]))
    left = gate.open_items(Document.objects.get(pk=doc.pk))
    assert "disabled" in approve_button(client.get(url).content.decode())  # one left
    client.post(reverse("screening-accept", args=[doc.pk]), {"item": f":{left[0].key}", "reason": "值班电话"})
    page = client.get(url).content.decode()
    assert "disabled" not in approve_button(page) and "暂不能通过保密审查" not in page
    doc = Document.objects.get(pk=doc.pk)
    client.post(
        reverse("doc-action", args=[doc.pk, "secrecy_approve"]), {"version": doc.version, "note": "不涉密"}
    )
    assert Document.objects.get(pk=doc.pk).status == DocStatus.APPROVED


def test_an_attachment_not_yet_inspected_does_not_disable_it(client, tree, people):  # noqa: F811
    """The step inspects it when asked for (publishing/services._screen) and refuses then if need be."""
    doc = at_secrecy_review(tree, people, [("公示.docx", C.docx_comment())])  # (the job has not run)
    client.force_login(people["secrecy"])
    url = reverse("doc-staff", args=[doc.pk])
    assert "disabled" not in approve_button(client.get(url).content.decode())
    response = client.post(
        reverse("doc-action", args=[doc.pk, "secrecy_approve"]), {"version": doc.version}, follow=True
    )
    assert (
        "批注" in response.content.decode()
        and Document.objects.get(pk=doc.pk).status == DocStatus.SECRECY_REVIEW
    )
    assert "disabled" in approve_button(client.get(url).content.decode())
