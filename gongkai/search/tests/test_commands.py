"""The search_documents and rebuild_search_index commands."""

import json
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gongkai.search.models import SearchEntry

from .corpus import HIDDEN

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_json_output_shape(corpus):
    rows = json.loads(run("search_documents", "测公发[2022]第5号", "--json"))
    assert isinstance(rows, list) and 1 <= len(rows) <= 20
    first = rows[0]
    doc = corpus["hj2"]
    assert first == {
        "doc_number": "测公发〔2022〕5号", "title": "测试市户籍管理若干规定", "published_date": "2022-03-15",
        "validity": "有效", "index_no": "TEST/hj2", "agency": "测试市公安局", "agency_code": "gaj",
        "url": f"/gk/docs/{doc.pk}/", "score": first["score"],
    }
    for row in rows:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["published_date"])
        assert row["validity"] in {"有效", "已修改", "已废止", "已失效"}


def test_json_is_not_ascii_escaped_and_marks_repealed(corpus):
    out = run("search_documents", "户籍管理暂行办法", "--json")
    assert "\\u" not in out and "户籍" in out
    assert json.loads(out)[0]["validity"] == "已废止"


def test_at_most_20_results(corpus):
    rows = json.loads(run("search_documents", "", "--json"))
    assert len(rows) == 20
    assert len(corpus) - len(HIDDEN) > 20


def test_agency_filter(corpus):
    rows = json.loads(run("search_documents", "户籍", "--agency", "gaj", "--json"))
    assert {r["agency_code"] for r in rows} == {"gaj"} and len(rows) == 2


def test_unknown_agency_fails_in_chinese(corpus):
    with pytest.raises(CommandError, match="未知的机关简码：nope"):
        call_command("search_documents", "户籍", "--agency", "nope", "--json")


def test_unknown_agency_exit_code(corpus):
    from django.core.management import ManagementUtility

    with pytest.raises(SystemExit) as exc:
        ManagementUtility(["manage.py", "search_documents", "户籍", "--agency", "nope"]).execute()
    assert exc.value.code == 1


def test_table_output(corpus):
    out = run("search_documents", "住房公积金")
    assert out.startswith("共 3 条")
    assert "测公积金〔2022〕3号" in out and "/gk/docs/" in out
    assert "未找到" in run("search_documents", "航天航空器")


def test_rebuild_command(corpus):
    SearchEntry.objects.all().delete()
    out = run("rebuild_search_index")
    assert f"{len(corpus) - len(HIDDEN)} 件" in out
    assert SearchEntry.objects.count() == len(corpus) - len(HIDDEN)
