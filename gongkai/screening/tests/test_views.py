"""The 保密审查 page shows the leak guard's findings with their place, the clean-copy button and the
accept-with-reason form to the 保密审查员; editors see the findings without the decisions."""

import pytest
from django.urls import reverse

from gongkai.publishing.models import Document
from gongkai.screening import gate, runner

from . import crafted as C
from .test_gate import at_secrecy_review, people  # noqa: F401 - the fixture


def test_the_secrecy_reviewer_sees_findings_cleans_and_accepts(client, tree, people):  # noqa: F811
    doc = at_secrecy_review(tree, people, [("名单.xlsx", C.xlsx_hidden_sheet())], body=f"电话{C.MOBILE}")
    runner.screen_pending(doc)
    client.force_login(people["secrecy"])
    page = client.get(reverse("doc-staff", args=[doc.pk])).content.decode()
    assert "工作表“附表”（隐藏）" in page and "生成清理副本并替换" in page and "接受理由" in page
    assert C.ID_NO not in page  # the hidden sheet's excerpt is masked (the body is the staff's own text)
    att = doc.attachments.get()
    response = client.post(reverse("screening-clean", args=[doc.pk, att.pk]))
    assert response.status_code == 302
    left = gate.open_items(Document.objects.get(pk=doc.pk))
    assert [i.source for i in left] == ["正文"]
    client.post(reverse("screening-accept", args=[doc.pk]), {"key": left[0].key, "reason": "值班电话", "attachment": ""})
    assert gate.open_items(Document.objects.get(pk=doc.pk)) == []
    page = client.get(reverse("doc-staff", args=[doc.pk])).content.decode()
    assert "已接受：值班电话" in page and "清理前的原件" in page


def test_the_editor_sees_findings_but_no_decision(client, tree, people):  # noqa: F811
    doc = at_secrecy_review(tree, people, [("名单.xlsx", C.xlsx_comment())])
    runner.screen_pending(doc)
    client.force_login(people["editor"])
    page = client.get(reverse("doc-staff", args=[doc.pk])).content.decode()
    assert "单元格B2 批注" in page and "接受理由" not in page and "生成清理副本并替换" not in page
    key = gate.open_items(doc)[0].key
    client.post(reverse("screening-accept", args=[doc.pk]), {"key": key, "reason": "无", "attachment": ""})
    assert gate.open_items(doc)


@pytest.mark.parametrize("name", ["screening-accept", "screening-rescreen"])
def test_an_organ_that_is_not_yours_is_not_found(client, tree, people, make_user, name):  # noqa: F811
    from gongkai.agencies.models import Membership

    doc = at_secrecy_review(tree, people)
    client.force_login(make_user("secrecyB", tree["b"], Membership.SECRECY))
    assert client.post(reverse(name, args=[doc.pk])).status_code == 404
