"""law/workflows.PUBLICATION read by the services and the staff page: the 保密审查员 reviews but never
authors, edits, publishes or repeals; nobody approves their own draft; a stale form cannot overwrite
a newer version; the page offers exactly the steps the services accept."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from gongkai.agencies.models import Membership
from gongkai.law import workflows
from gongkai.publishing import services
from gongkai.publishing.models import DocStatus, Document
from gongkai.publishing.services import PublishingError
from gongkai.publishing.tests.test_workflow import approve, draft, people  # noqa: F401  (fixture)

WF = workflows.PUBLICATION


def test_the_secrecy_reviewer_reviews_but_never_authors_publishes_or_repeals(tree, people):  # noqa: F811
    secrecy = people["secrecy"]
    with pytest.raises(PublishingError, match="无权"):
        services.save_draft(tree["a"], secrecy, {"title": "保密审查员起草的文件"})
    doc = draft(tree, people)
    for attempt in (lambda: services.save_draft(tree["a"], secrecy, {"title": "改"}, doc),
                    lambda: services.submit(doc, secrecy)):
        with pytest.raises(PublishingError, match="无权"):
            attempt()
    doc = approve(doc, people)  # the secrecy reviewer did review it
    assert doc.events.get(kind="secrecy_approved").actor == secrecy
    with pytest.raises(PublishingError, match="无权进行“发布”"):
        services.publish(doc, secrecy)
    doc = services.publish(doc, people["editor"])
    for attempt in (lambda: services.change_validity(doc, secrecy, "repealed", on=dt.date(2025, 7, 1)),
                    lambda: services.withdraw(doc, secrecy, "撤回")):
        with pytest.raises(PublishingError, match="无权"):
            attempt()


def test_nobody_approves_their_own_draft(tree, make_user):
    head = make_user("head", tree["a"], Membership.REVIEWER, Membership.SECRECY)  # may write, review, check
    other = make_user("other", tree["a"], Membership.REVIEWER, Membership.SECRECY)
    doc = services.save_draft(tree["a"], head, {"title": "关于某事项的通知", "body": "正文"})
    services.submit(doc, head)
    with pytest.raises(PublishingError, match="“提交科室审核”和“科室审核通过”须由不同的人办理"):
        services.section_approve(doc, head)
    services.section_approve(doc, other)
    with pytest.raises(PublishingError, match="须由不同的人办理"):
        services.secrecy_approve(doc, head)
    assert services.secrecy_approve(doc, other).status == DocStatus.APPROVED
    assert services.publish(doc, head).status == DocStatus.PUBLISHED  # publishing one's own reviewed draft is fine


def test_a_stale_form_never_overwrites_a_newer_version(tree, people):  # noqa: F811
    doc = draft(tree, people)
    loaded = doc.version  # two editors open the edit page
    services.save_draft(tree["a"], people["editor"], {"body": "第一位编辑的修改"}, doc, expected_version=loaded)
    with pytest.raises(PublishingError, match="已被他人修改"):
        services.save_draft(tree["a"], people["editor"], {"body": "第二位编辑的修改"}, doc, expected_version=loaded)
    assert Document.objects.get(pk=doc.pk).body == "第一位编辑的修改"
    with pytest.raises(PublishingError, match="已被他人修改"):
        services.submit(doc, people["editor"], expected_version=loaded)
    assert services.submit(doc, people["editor"], expected_version=loaded + 1).status == DocStatus.SECTION_REVIEW


def test_the_edit_page_posts_its_version(client, tree, people):  # noqa: F811
    doc = draft(tree, people)
    client.force_login(people["editor"])
    page = client.get(reverse("doc-edit", args=[doc.pk])).content.decode()
    assert f'name="version" value="{doc.version}"' in page
    services.save_draft(tree["a"], people["editor"], {"body": "同时另一处保存"}, doc)
    form = {"title": doc.title, "body": "旧页面提交的正文", "doc_type": "通知", "disclosure_attribute": "proactive",
            "version": str(doc.version)}
    r = client.post(reverse("doc-edit", args=[doc.pk]), form)
    assert r.status_code == 200 and "已被他人修改" in r.content.decode()
    assert Document.objects.get(pk=doc.pk).body == "同时另一处保存"


@pytest.mark.parametrize("who", ["editor", "reviewer", "secrecy", "editor_b"])
def test_the_staff_page_offers_exactly_the_steps_the_services_accept(client, tree, people, who):  # noqa: F811
    doc = draft(tree, people)
    user = people[who]
    client.force_login(user)
    for stage in ("draft", "submitted", "section", "approved", "published"):
        if stage == "submitted":
            services.submit(doc, people["editor"])
        elif stage == "section":
            services.section_approve(doc, people["reviewer"])
        elif stage == "approved":
            services.secrecy_approve(doc, people["secrecy"])
        elif stage == "published":
            services.publish(doc, people["editor"])
        doc = Document.objects.get(pk=doc.pk)
        r = client.get(reverse("doc-staff", args=[doc.pk]))
        if r.status_code == 404:  # another organ's editor does not even see it
            assert who == "editor_b"
            continue
        html = r.content.decode()
        offered = set(re.findall(rf'action="/staff/publishing/{doc.pk}/([a-z_]+)/"', html)) - {"mask", "attach"}
        if re.search(rf'href="/staff/publishing/{doc.pk}/edit/"', html):
            offered.add("edit")
        expected = set(services.available_steps(doc, user)) - {"publish_scheduled"}
        assert offered == expected, (who, stage)


def test_the_document_states_are_the_table_states():
    assert dict(DocStatus.choices) == WF.state_labels


def test_publishing_asks_for_a_confirmation_the_server_checks(client, tree, people):  # noqa: F811
    """发布 cannot be undone: the page asks for the ticked confirmation and the server refuses without it."""
    doc = approve(draft(tree, people), people)
    client.force_login(people["editor"])
    page = client.get(reverse("doc-staff", args=[doc.pk])).content.decode()
    assert 'name="confirmed"' in page and WF.step("publish").confirm in page
    url = reverse("doc-action", args=[doc.pk, "publish"])
    refused = client.post(url, {"version": doc.version}, follow=True).content.decode()
    assert "不可撤销，请勾选" in refused
    assert Document.objects.get(pk=doc.pk).status == DocStatus.APPROVED
    client.post(url, {"version": doc.version, "confirmed": "on"})
    assert Document.objects.get(pk=doc.pk).status == DocStatus.PUBLISHED
