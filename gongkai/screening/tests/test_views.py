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


def _cleaned(client, tree, people):  # noqa: F811
    doc = at_secrecy_review(tree, people, [("名单.xlsx", C.xlsx_hidden_sheet())])
    runner.screen_pending(doc)
    client.force_login(people["secrecy"])
    client.post(reverse("screening-clean", args=[doc.pk, doc.attachments.get().pk]))
    client.logout()
    from gongkai.screening.models import KeptOriginal

    return doc, KeptOriginal.objects.get(attachment__document=doc)


def test_the_secrecy_reviewer_downloads_the_kept_original_and_it_is_logged(client, tree, people):  # noqa: F811
    from gongkai.screening.models import OriginalReadLog

    doc, kept = _cleaned(client, tree, people)
    client.force_login(people["secrecy"])
    page = client.get(reverse("doc-staff", args=[doc.pk])).content.decode()
    url = reverse("screening-original", args=[doc.pk, kept.pk])
    assert f'href="{url}"' in page
    response = client.get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    body = b"".join(response.streaming_content)  # the original, not the copy now attached
    assert runner.digest(body) == kept.digest != runner.digest(doc.attachments.get().file.read())
    log = OriginalReadLog.objects.get()
    assert (log.original, log.user, log.document_status) == (kept, people["secrecy"], "secrecy_review")
    assert "/media/" not in page.split("清理前的原件")[1]  # never a public URL


def test_the_editor_sees_the_original_listed_but_may_not_download_it(client, tree, people):  # noqa: F811
    from gongkai.screening.models import OriginalReadLog

    doc, kept = _cleaned(client, tree, people)
    client.force_login(people["editor"])
    page = client.get(reverse("doc-staff", args=[doc.pk])).content.decode()
    url = reverse("screening-original", args=[doc.pk, kept.pk])
    assert kept.original_name in page and url not in page
    assert client.get(url).status_code == 403
    assert not OriginalReadLog.objects.exists()


def test_another_organs_secrecy_reviewer_gets_not_found(client, tree, people, make_user):  # noqa: F811
    from gongkai.agencies.models import Membership
    from gongkai.screening.models import OriginalReadLog

    doc, kept = _cleaned(client, tree, people)
    client.force_login(make_user("secrecyB", tree["b"], Membership.SECRECY))
    assert client.get(reverse("screening-original", args=[doc.pk, kept.pk])).status_code == 404
    client.force_login(people["secrecy"])  # an original of another document under this one's address
    other = at_secrecy_review(tree, people)
    assert client.get(reverse("screening-original", args=[other.pk, kept.pk])).status_code == 404
    assert not OriginalReadLog.objects.exists()


def test_the_panel_accepts_the_finding_chosen_in_its_one_form(client, tree, people):  # noqa: F811
    doc = at_secrecy_review(tree, people, [("名单.xlsx", C.xlsx_hidden_sheet())], body=f"电话{C.MOBILE}")
    runner.screen_pending(doc)
    client.force_login(people["secrecy"])
    page = client.get(reverse("doc-staff", args=[doc.pk])).content.decode()
    sheet = next(i for i in gate.open_items(doc) if i.kind == "hidden_sheet")
    value = f"{sheet.attachment.pk}:{sheet.key}"
    assert f'<option value="{value}">' in page
    client.post(reverse("screening-accept", args=[doc.pk]), {"item": value, "reason": "附表已另行公开"})
    left = gate.open_items(Document.objects.get(pk=doc.pk))
    assert sheet.key not in {i.key for i in left} and any(i.source == "正文" for i in left)
