"""Contracts of import_documents (doc_number, strict records, all or nothing unless --skip-bad) and of the
open API's doc_number field (doc_no kept as a deprecated alias)."""

import io
import json
import tempfile

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from gongkai.core.maintenance import maintenance
from gongkai.publishing.management.commands import import_documents as cmd
from gongkai.publishing.models import Document


def clear_documents():
    """Start again from no document: their publication events are append-only (gongkai/core), so the
    reset between runs of one test uses the maintenance switch, as test teardown does."""
    with maintenance("测试清库", who="test_import_contracts"):
        Document.objects.all().delete()


def record(**over):
    data = {"title": "关于印发户籍制度改革实施意见的通知", "doc_number": "测政发〔2021〕3号",
            "issuing_agency": "测试市甲局", "written_date": "2021-03-01", "published_date": "2021-03-05",
            "validity": "有效", "body": "户籍……"}
    data.update(over)
    return {k: v for k, v in data.items() if v is not ...}


def write(tmp_path, *lines, name="docs.jsonl") -> str:
    path = tmp_path / name
    chunks = [line if isinstance(line, bytes) else
              (line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)).encode() for line in lines]
    path.write_bytes(b"\n".join(chunks))
    return str(path)


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_documents", path, "--agency", "deptA", *args, stdout=out, stderr=err)
    except CommandError as e:
        return out.getvalue(), err.getvalue(), e
    return out.getvalue(), err.getvalue(), None


def test_doc_number_is_imported(tree, tmp_path):
    out, err, error = run(write(tmp_path, record(doc_number="测政发（2021）3号")))
    assert error is None and err == "" and "成功 1 条" in out
    assert Document.objects.get().doc_no == "测政发〔2021〕3号"


def test_doc_no_is_an_alias(tree, tmp_path):
    same = record(doc_number=..., doc_no="测政发〔2021〕3号")
    both = record(title="另一文件", doc_number="测政发〔2021〕4号", doc_no="测政发〔2021〕4号")
    out, err, error = run(write(tmp_path, same, both))
    assert error is None
    assert sorted(Document.objects.values_list("doc_no", flat=True)) == ["测政发〔2021〕3号", "测政发〔2021〕4号"]


def test_doc_number_and_doc_no_disagreeing_is_an_error(tree, tmp_path):
    out, err, error = run(write(tmp_path, record(doc_no="测政发〔2021〕9号")))
    assert error is not None and "第1行" in err and "doc_number" in err and "doc_no" in err
    assert Document.objects.count() == 0


def test_unknown_key_names_line_and_key_and_nothing_is_imported(tree, tmp_path):
    path = write(tmp_path, record(), record(title="二", docno="测政发〔2021〕5号"), record(title="三"))
    out, err, error = run(path)
    assert error is not None and "未导入任何记录" in str(error)
    assert "第2行" in err and "docno" in err and "未知字段" in err and "第1行" not in err and "第3行" not in err
    assert Document.objects.count() == 0


def test_skip_bad_imports_the_good_records_and_lists_the_bad(tree, tmp_path):
    path = write(tmp_path, record(), record(title="二", docno="x"), record(title="三", doc_number="测政发〔2021〕6号"),
                 record(title="缺日期", published_date=..., doc_number=""))
    out, err, error = run(path, "--skip-bad")
    assert error is None and "成功 2 条，跳过 2 条" in out
    assert "第2行" in err and "docno" in err and "第4行" in err and "published_date" in err
    assert sorted(Document.objects.values_list("title", flat=True)) == ["三", "关于印发户籍制度改革实施意见的通知"]


def test_errors_found_while_saving_also_roll_everything_back(tree, tmp_path):
    # validity is only checked by the service: the first (good) record must not stay behind.
    out, err, error = run(write(tmp_path, record(), record(title="二", validity="作废", doc_number="")))
    assert error is not None and "第2行" in err and "validity" in err
    assert Document.objects.count() == 0


@pytest.mark.parametrize(("line", "needle"), [
    (b'{"title": "\xff\xfe"}', "UTF-8"),
    (b'{"title": "a\x00b"}', "NUL"),
    (json.dumps(record(body="a\u0000b")).encode(), "NUL"),
    (b"[" * 100_000 + b"]" * 100_000, "嵌套过深"),
    (b'{"title": ' + b"[" * 50 + b"]" * 50 + b"}", "嵌套过深"),
    (json.dumps(record(title=["数组"])).encode(), "应为字符串"),
    (json.dumps(record(body=5)).encode(), "应为字符串"),
    (json.dumps(record(doc_number={"a": "b"})).encode(), "应为字符串"),
    (json.dumps(record(title="长" * 301), ensure_ascii=False).encode(), "超长"),
    (json.dumps(record(keywords="词" * 201), ensure_ascii=False).encode(), "超长"),
    (json.dumps(record(issuing_agency="局" * 301), ensure_ascii=False).encode(), "超长"),
    (b'{"title": "a", "title": "b"}', "重复"),
    (b'{"title": 1' + b"1" * 5000 + b"}", "JSON"),
    (b'{"title": "\\ud800"}', "Unicode"),
    (b"[1, 2]", "JSON 对象"),
    (b"not json", "JSON"),
])
def test_bad_lines_are_line_errors_without_a_half_import(tree, tmp_path, line, needle):
    out, err, error = run(write(tmp_path, record(), line, record(title="三", doc_number="")))
    assert error is not None, err
    assert "第2行" in err and needle in err and "Traceback" not in err
    assert "第1行" not in err and "第3行" not in err
    assert Document.objects.count() == 0


def test_over_length_is_checked_on_the_stored_form(tree, tmp_path):
    # 80 characters is the limit of the 发文字号; the stored (normalised) form is what counts.
    ok = "测" * 10 + "〔2021〕" + "1" * 5 + "号"
    out, err, error = run(write(tmp_path, record(doc_number=ok)))
    assert error is None, err
    clear_documents()
    out, err, error = run(write(tmp_path, record(doc_number="测" * 81)))
    assert error is not None and "第1行" in err and "doc_number" in err and "超长" in err


def test_limits_file_size_record_size_and_count(tree, tmp_path, monkeypatch):
    path = write(tmp_path, record(), record(title="二", doc_number=""), record(title="三", doc_number=""))
    monkeypatch.setattr(cmd, "MAX_RECORDS", 2)
    out, err, error = run(path)
    assert error is not None and "记录过多" in str(error) and "第3行" in str(error)
    monkeypatch.setattr(cmd, "MAX_RECORDS", 100)
    monkeypatch.setattr(cmd, "MAX_FILE_BYTES", 100)
    out, err, error = run(path)
    assert error is not None and "文件过大" in str(error)
    monkeypatch.setattr(cmd, "MAX_FILE_BYTES", 10_000)
    monkeypatch.setattr(cmd, "MAX_RECORD_BYTES", 250)
    out, err, error = run(write(tmp_path, record(), record(title="二", doc_number="", body="很长" * 200)))
    assert error is not None and "第2行" in err and "记录过大" in err
    assert Document.objects.count() == 0


def test_bom_blank_lines_and_crlf_are_accepted(tree, tmp_path):
    path = tmp_path / "bom.jsonl"
    body = json.dumps(record(), ensure_ascii=False) + "\r\n\r\n" + json.dumps(record(title="二", doc_number=""),
                                                                           ensure_ascii=False) + "\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + body.encode())
    out, err, error = run(str(path))
    assert error is None and "成功 2 条" in out


def test_missing_file_and_unknown_agency(tree, tmp_path):
    out, err, error = run(str(tmp_path / "none.jsonl"))
    assert error is not None and "无法读取文件" in str(error)
    with pytest.raises(CommandError, match="机关不存在"):
        call_command("import_documents", write(tmp_path, record()), "--agency", "nope")


def test_the_command_line_exits_non_zero_without_a_traceback(tree, tmp_path, capsys, monkeypatch):
    from django.core.management import ManagementUtility
    from django.db import connections

    # run_from_argv closes every connection when it ends; the test's own transaction must survive it.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    path = write(tmp_path, record(), b'{"title": "\xff"}', b"[" * 100_000)
    with pytest.raises(SystemExit) as exc:
        ManagementUtility(["manage.py", "import_documents", path, "--agency", "deptA"]).execute()
    assert exc.value.code == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "第2行" in err and "第3行" in err and "CommandError: 有 2 行错误" in err
    assert Document.objects.count() == 0


# --- fuzz: nothing but CommandError, and never half an import ------------------------------------

GOOD = json.dumps(record(), ensure_ascii=False)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
records = st.fixed_dictionaries({}, optional={
    **{key: st.one_of(st.text(max_size=30), json_values) for key in cmd.KNOWN_KEYS},
    "title": st.sampled_from(["标题", "", "长" * 301]) | st.text(max_size=10),
    "validity": st.sampled_from(["有效", "已废止", "作废"]),
    "published_date": st.sampled_from(["2021-03-05", "2021-13-05", "0001-01-01", "9999-12-31"]),
    "issuing_agency": st.just("测试市甲局"),
}).map(lambda r: json.dumps(r, ensure_ascii=False))
lines = st.one_of(
    st.binary(max_size=60),
    st.text(alphabet=st.sampled_from(list('{}[]",:\\ntrufalsenul0123456789.eE+- \x00\ufeff\ud800')), max_size=60),
    records,
    st.just(GOOD),
    st.builds(lambda s: GOOD[:s], st.integers(0, len(GOOD))),
)
files = st.lists(lines, max_size=6).map(lambda ls: b"\n".join(
    line if isinstance(line, bytes) else line.encode("utf-8", "surrogatepass") for line in ls))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                     HealthCheck.too_slow])
@given(data=files, skip_bad=st.booleans())
def test_fuzz_only_command_errors_and_never_half_an_import(tree, data, skip_bad):
    clear_documents()
    with tempfile.NamedTemporaryFile(suffix=".jsonl") as handle:
        handle.write(data)
        handle.flush()
        out, err, error = run(handle.name, *(["--skip-bad"] if skip_bad else []))
    assert "Traceback" not in err
    count = Document.objects.count()
    lines = data.splitlines()
    if lines and lines[0].startswith(b"\xef\xbb\xbf"):
        lines[0] = lines[0][3:]
    records = sum(1 for line in lines if line.strip())
    event("refused" if error is not None else "imported some" if count else "imported none")
    if error is not None:
        assert count == 0  # without --skip-bad: any bad line; with it: nothing was good
    elif not skip_bad:
        assert err == "" and count == records and f"成功 {count} 条，跳过 0 条" in out
    else:
        assert f"成功 {count} 条，跳过 {records - count} 条" in out


# --- open API -----------------------------------------------------------------------------------


def test_open_api_has_doc_number_and_the_deprecated_doc_no(client, tree, tmp_path):
    out, err, error = run(write(tmp_path, record()))
    assert error is None
    item = client.get("/api/open/documents/").json()["results"][0]
    assert item["doc_number"] == item["doc_no"] == "测政发〔2021〕3号"
    schema = yaml.safe_load(client.get("/api/schema/").content)
    props = schema["components"]["schemas"]["Document"]["properties"]
    assert props["doc_number"]["type"] == "string" and not props["doc_number"].get("deprecated")
    assert props["doc_no"]["deprecated"] is True
