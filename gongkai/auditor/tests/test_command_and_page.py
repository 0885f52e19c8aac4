"""The audit_report command and the public 年报体检 page."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from gongkai.reportreader.tests.report_fixtures import DATA, T02, T03, T04


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _run(*args) -> tuple[str, int]:
    out = io.StringIO()
    try:
        call_command("audit_report", *args, stdout=out)
        code = 0
    except SystemExit as e:
        code = int(e.code or 0)
    return out.getvalue(), code


def test_json_one_object_per_report_with_the_source_as_given():
    path = str(DATA / "seeds/001_75c59c17b5b0da39.txt")
    out, code = _run(path, "--json")
    results = json.loads(out)
    assert code == 0 and len(results) == 11
    assert {r["source"] for r in results} == {path}
    first = results[0]
    assert set(first) >= {"agency", "year", "format", "tables", "completeness", "findings", "published_on", "source"}
    assert first["tables"]["proactive"]["fees"]["amount_10k_yuan"] == 26463.43


def test_csv_over_a_folder(tmp_path):
    for name in (T02, T03, T04):
        shutil.copy(DATA / name, tmp_path)
    (tmp_path / "notes.txt").write_text("会议纪要\n今天天气很好。\n", encoding="utf-8")
    (tmp_path / "image.gif").write_bytes(b"GIF89a...")  # not a report suffix (PNG/JPEG are: scans): ignored
    out, code = _run(str(tmp_path), "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert [r["source"].rsplit("/", 1)[-1] for r in rows] == [
        "02_huaian_hongzequ_2023.txt",
        "03_huaian_hongzequ_2024.txt",
        "04_huaian_shi_2024.txt",
        "notes.txt",
    ]
    assert rows[0]["errors"] == "2" and rows[0]["rules"].startswith("review_total")
    assert rows[1]["errors"] == "0" and "text_vs_table" in rows[1]["rules"]
    assert rows[2]["errors"] == "0" and rows[2]["warnings"] == "0" and rows[2]["rules"] == ""
    assert rows[3]["rules"] == "unrecognised"


def test_missing_file_is_a_finding_and_exit_1(tmp_path):
    out, code = _run(str(tmp_path / "missing.txt"), str(DATA / T04))
    results = json.loads(out)
    assert code == 1
    assert results[0]["findings"][0]["rule"] == "unreadable" and results[1]["year"] == 2024


def test_binary_file_is_a_finding_and_exit_0(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\xff" * 200)
    out, code = _run(str(bad))
    assert code == 0 and json.loads(out)[0]["findings"][0]["rule"] == "unreadable"


def test_page_get(client):
    r = client.get(reverse("auditor:audit"))
    body = r.content.decode()
    assert r.status_code == 200
    assert '<label for="id_text"' in body and '<label for="id_file"' in body
    assert 'enctype="multipart/form-data"' in body


def test_page_post_text_with_several_reports(client):
    text = (DATA / T02).read_text(encoding="utf-8") + "\n" + (DATA / T03).read_text(encoding="utf-8")
    r = client.post(reverse("auditor:audit"), {"text": text})
    body = r.content.decode()
    assert r.status_code == 200
    assert "共 2 份报告" in body  # the summary table
    assert body.count('<article class="audit-report"') == 2
    # Failing cells are marked by a symbol and by text, not by colour alone.
    assert "（有误：复议、诉讼总计）" in body
    assert 'scope="col"' in body and 'scope="row"' in body
    assert "正文与表格不一致" in body and "17" in body


def test_page_upload_html_file(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    html = (DATA / "html/shanghai_office_2019.html").read_bytes()
    r = client.post(reverse("auditor:audit"), {"file": SimpleUploadedFile("report.txt", html)})
    body = r.content.decode()
    assert r.status_code == 200 and "上海市人民政府办公厅 2019 年度" in body


def test_page_rejects_binary_upload_and_empty_form(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = client.post(reverse("auditor:audit"), {"file": SimpleUploadedFile("x.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)})
    assert r.status_code == 200 and "旧版 Office" in r.content.decode()
    r = client.post(reverse("auditor:audit"), {"text": "  "})
    assert "请粘贴报告全文或选择一个文件" in r.content.decode()


def test_page_unrecognised_text(client):
    r = client.post(reverse("auditor:audit"), {"text": "今天天气很好。"})
    assert "未识别出年度报告" in r.content.decode()


def test_page_post_is_rate_limited(client):
    url = reverse("auditor:audit")
    codes = [client.post(url, {"text": "今天天气很好。"}).status_code for _ in range(31)]
    assert codes[:30] == [200] * 30 and codes[30] == 429
    assert client.get(url).status_code == 200  # reading the page is never limited


def test_linked_from_the_supervisor_area(client, staff):
    client.force_login(staff["supervisor"])
    r = client.get(reverse("supervision"))
    assert r.status_code == 200 and reverse("auditor:audit") in r.content.decode()


def test_summary_table_names_the_format_in_words(client):
    """The summary of several reports said "2019_trial" (an identifier) in its 格式 column."""
    yk = DATA / "heldout5b" / "yk_jtysj_2020.txt"
    text = (DATA / T02).read_text(encoding="utf-8") + "\n" + yk.read_text(encoding="utf-8")
    body = client.post(reverse("auditor:audit"), {"text": text}).content.decode()
    summary = body[body.index("audit-summary") : body.index("</table>")]
    assert "<td>2021 年格式</td>" in summary and "<td>2019 年试行格式</td>" in summary
    assert "2019_trial" not in summary
