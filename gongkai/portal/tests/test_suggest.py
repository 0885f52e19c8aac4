"""Ask before you apply (issue 15 item 3; gongkai/portal/suggest.py): the online form suggests the
published documents that match the description, within the chosen organ's subtree; the application
records what was suggested; the handler sees it; opened suggestions are counted per organ and day."""

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import VALID_ID
from gongkai.applications.models import Application, SuggestionTally
from gongkai.publishing.models import DocStatus, Document
from gongkai.search import index

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
TZ = ZoneInfo("Asia/Shanghai")
DAY = dt.date(2026, 3, 2)


_SERIAL = itertools.count(1)


def doc(agency, title, *, doc_no="", status=DocStatus.PUBLISHED):
    n = next(_SERIAL)
    return Document.objects.create(
        agency=agency, title=title, doc_no=doc_no, body=f"{title}。正文内容。", status=status,
        published_at=dt.datetime(2025, 6, n % 28 + 1, 10, tzinfo=TZ) if status == DocStatus.PUBLISHED else None,
        index_no=f"T/{n}" if status == DocStatus.PUBLISHED else None,
    )


@pytest.fixture
def docs(tree, pin_today):
    pin_today(DAY)
    out = {
        "a": doc(tree["a"], "甲局关于房屋征收补偿标准的通知", doc_no="测甲发〔2025〕3号"),
        "b": doc(tree["b"], "乙局房屋征收补偿办法"),
        "draft": doc(tree["a"], "甲局房屋征收补偿草稿方案", status=DocStatus.DRAFT),
        "withdrawn": doc(tree["a"], "甲局房屋征收补偿旧办法"),
        "other": doc(tree["a"], "甲局关于春季植树活动的通知"),
    }
    index.rebuild()
    Document.objects.filter(pk=out["withdrawn"].pk).update(status=DocStatus.WITHDRAWN)
    return out


def fragment(client, q, agency=None):
    params = {"q": q} | ({"agency": agency.pk} if agency else {})
    return client.get(reverse("apply-suggest"), params)


def test_fragment_shows_matching_published_documents_only(client, tree, docs):
    r = fragment(client, "房屋征收补偿")
    html = r.content.decode()
    assert r.status_code == 200
    assert "以下信息已主动公开，可直接查看" in html
    assert docs["a"].title in html and docs["b"].title in html
    assert "测甲发〔2025〕3号" in html
    assert docs["draft"].title not in html and docs["withdrawn"].title not in html
    assert docs["other"].title not in html
    # Opens in a new tab without access to the form's window: what was typed is kept.
    assert 'target="_blank" rel="noopener nofollow"' in html
    assert reverse("apply-suggest-open", args=[docs["a"].pk]) in html


def test_fragment_is_scoped_to_the_organ_and_its_subordinates(client, tree, docs):
    html_a = fragment(client, "房屋征收补偿", tree["a"]).content.decode()
    assert docs["a"].title in html_a and docs["b"].title not in html_a
    html_gov = fragment(client, "房屋征收补偿", tree["gov"]).content.decode()
    assert docs["a"].title in html_gov and docs["b"].title in html_gov  # 甲局、乙局 are under the 政府


def test_short_query_and_no_match_render_nothing(client, tree, docs):
    assert fragment(client, "房").content.decode().strip() == ""
    assert fragment(client, "量子计算机").content.decode().strip() == ""


def test_long_query_is_cut_and_still_answers(client, tree, docs):
    r = fragment(client, "房屋征收补偿" + "啊" * 5000)
    assert r.status_code == 200 and docs["a"].title in r.content.decode()


def test_fragment_is_rate_limited_per_address(client, tree, docs, settings):
    settings.GONGKAI_RATE_SUGGEST = "3/m"
    codes = [fragment(client, "房屋征收补偿").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def form_data(agency, **over):
    data = {
        "agency": agency.pk, "applicant_kind": "natural_person", "name": "赵一", "id_type": "resident_id",
        "id_number": VALID_ID, "phone": "13912345678", "email": "zhao@example.com", "address": "测试市某路8号",
        "description": "房屋征收补偿的标准", "carrier": "email", "delivery": "email",
    }
    return data | over


def test_no_js_fallback_keeps_what_was_typed_and_shows_suggestions(client, tree, docs):
    r = client.post(reverse("apply-suggest"), form_data(tree["a"], find="1", accept_other_delivery=""))
    html = r.content.decode()
    assert r.status_code == 200
    assert "以下信息已主动公开，可直接查看" in html and docs["a"].title in html
    assert "房屋征收补偿的标准</textarea>" in html
    assert 'value="赵一"' in html and 'value="13912345678"' in html
    assert f'<option value="{tree["a"].pk}" selected>' in html
    assert 'id="id_accept_other_delivery">' in html  # unticked stays unticked (its default is ticked)
    assert f'name="suggestions" value="{docs["a"].pk}"' in html
    assert "请修改以下项目" not in html  # not a submission: no error list
    assert Application.objects.count() == 0
    # The form posts to /apply/ again.
    assert f'action="{reverse("apply")}"' in html


def test_no_js_fallback_keeps_a_ticked_box(client, tree, docs):
    r = client.post(reverse("apply-suggest"), form_data(tree["a"], accept_other_delivery="on", is_proxy="on"))
    html = r.content.decode()
    assert 'id="id_accept_other_delivery" checked>' in html and 'id="id_is_proxy" checked>' in html


def test_no_js_fallback_merges_earlier_suggestions_and_says_files_are_dropped(client, tree, docs):
    r = client.post(reverse("apply-suggest"), form_data(
        tree["a"], suggestions=str(docs["other"].pk),
        identity_proof=SimpleUploadedFile("id.png", PNG, content_type="image/png")))
    html = r.content.decode()
    assert f'name="suggestions" value="{docs["other"].pk},{docs["a"].pk}"' in html
    assert "已选择的附件未保留" in html


def test_no_js_fallback_says_when_nothing_matches(client, tree, docs):
    r = client.post(reverse("apply-suggest"), form_data(tree["a"], description="量子计算机的采购合同"))
    assert "暂未找到与描述相符的已公开信息" in r.content.decode()


def test_submission_records_snapshot_and_drops_forged_ids(client, tree, docs):
    shown = f"{docs['a'].pk},{docs['draft'].pk},{docs['withdrawn'].pk},999999,abc"
    r = client.post(reverse("apply"), form_data(
        tree["a"], suggestions=shown, identity_proof=SimpleUploadedFile("id.png", PNG, content_type="image/png")))
    assert r.status_code == 302
    app = Application.objects.get()
    assert app.suggestions_shown == [{"id": docs["a"].pk, "title": docs["a"].title, "doc_no": "测甲发〔2025〕3号",
                                      "published_on": docs["a"].published_at.astimezone(TZ).date().isoformat()}]


def test_submission_caps_the_ids(client, tree, docs):
    many = [doc(tree["a"], f"甲局文件{i}") for i in range(25)]
    r = client.post(reverse("apply"), form_data(
        tree["a"], suggestions=",".join(str(d.pk) for d in many),
        identity_proof=SimpleUploadedFile("id.png", PNG, content_type="image/png")))
    assert r.status_code == 302
    assert [s["id"] for s in Application.objects.get().suggestions_shown] == [d.pk for d in many[:20]]


def test_case_page_shows_suggestions_to_the_handling_organ(client, tree, staff, docs, received_app):
    app = received_app(description="房屋征收补偿的标准")
    Application.objects.filter(pk=app.pk).update(suggestions_shown=[
        {"id": docs["a"].pk, "title": "甲局关于房屋征收补偿标准的通知（提交时）", "doc_no": "测甲发〔2025〕3号",
         "published_on": "2025-06-02"}])
    client.force_login(staff["a_handler"])
    html = client.get(reverse("case", args=[app.pk])).content.decode()
    assert "申请人提交前看到的已公开信息" in html
    assert "甲局关于房屋征收补偿标准的通知（提交时）" in html  # the snapshot, not today's title
    assert reverse("public:doc", args=[docs["a"].pk]) in html
    other = received_app(description="别的申请")
    assert "申请人提交前看到的已公开信息" not in client.get(reverse("case", args=[other.pk])).content.decode()


def test_open_counts_per_organ_and_day_then_redirects(client, tree, docs, pin_today):
    url = reverse("apply-suggest-open", args=[docs["a"].pk])
    r = client.get(url, {"agency": tree["gov"].pk})
    assert r.status_code == 302 and r["Location"] == reverse("public:doc", args=[docs["a"].pk])
    client.get(url, {"agency": tree["gov"].pk})  # the same address again on the same day: once
    tally = SuggestionTally.objects.get(agency=tree["gov"], day=DAY)
    assert tally.opened == 1
    client.get(reverse("apply-suggest-open", args=[docs["b"].pk]))  # no organ chosen: the document's
    assert SuggestionTally.objects.get(agency=tree["b"], day=DAY).opened == 1
    pin_today(DAY + dt.timedelta(days=1))
    client.get(url, {"agency": tree["gov"].pk})
    assert SuggestionTally.objects.get(agency=tree["gov"], day=DAY + dt.timedelta(days=1)).opened == 1


def test_open_refuses_unpublished_documents(client, tree, docs):
    for key in ("draft", "withdrawn"):
        assert client.get(reverse("apply-suggest-open", args=[docs[key].pk])).status_code == 404
    assert not SuggestionTally.objects.exists()


def test_shown_is_counted_once_per_address_organ_and_day(client, tree, docs):
    fragment(client, "房屋征收补偿", tree["a"])
    fragment(client, "房屋征收补偿标准", tree["a"])
    fragment(client, "量子计算机", tree["b"])  # nothing shown: not counted
    assert SuggestionTally.objects.get(agency=tree["a"], day=DAY).shown == 1
    assert not SuggestionTally.objects.filter(agency=tree["b"]).exists()


def test_apply_page_has_the_region_script_and_button(client, tree):
    html = client.get(reverse("apply")).content.decode()
    assert 'aria-live="polite"' in html and 'id="suggestions"' in html
    assert "gongkai/apply-suggest" in html and "查找已公开信息" in html
    assert f'formaction="{reverse("apply-suggest")}"' in html
