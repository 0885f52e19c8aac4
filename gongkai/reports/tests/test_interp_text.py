"""The 年报解读's text (interp_text.py) and its checks (interp_check.py), without a database: every
figure a marker tied to a cell, recomputed from the frozen figures; edits that contradict them flagged."""

from gongkai.law import report_format as rf
from gongkai.reports.interp_check import check, plain, segments
from gongkai.reports.interp_text import Source, expected, generate, headline_labels


def tables(new=128, disclosed=60, done=120, review=2):
    t = rf.schema_for(rf.FORMAT_2021).empty_tables()
    t["applications"]["new"].update(natural_person=new - 28, commercial=28, total=new)
    t["applications"]["disclosed"].update(natural_person=disclosed, total=disclosed)
    t["applications"]["processed_total"].update(natural_person=done, total=done)
    t["review_litigation"]["review"].update(upheld=review, total=review)
    t["proactive"]["normative_documents"].update(issued=5, repealed=1, in_force=30)
    return t


def source(previous=True) -> Source:
    prev = {"tables": tables(new=100, done=120), "format": rf.FORMAT_2021, "label": "2024年度报告"} if previous else None
    facts = {"overview": {"published": 1693, "published_previous": 1501, "interpretations": {"图解": 2, "文字": 1},
                          "channels": {"网络": 100, "信函": 28}}}
    return Source("示例市人民政府", 2025, rf.FORMAT_2021, tables(), facts,
                  {"problems": "（一）存在问题。一是公开不够及时。二是解读形式单一。"}, prev, "《示例市人民政府2025年政府信息公开工作年度报告》")


def text_of(content, key):
    return next(s["text"] for s in content["sections"] if s["key"] == key)


def test_every_section_told_with_figures_as_markers_and_the_change_against_last_year():
    content = generate(source())
    assert [s["title"] for s in content["sections"]] == [t for _k, t in rf.SECTIONS]
    overview = text_of(content, "overview")
    assert "【主动公开政府信息：1693】条，【主动公开政府信息同比：同比增长12.8%】" in overview  # seed 002
    apps = text_of(content, "applications")
    assert "【本年新收申请：128】件，【本年新收申请同比：同比增长28.0%】" in apps
    assert "【办结申请同比：与上年持平】" in apps and "【予以公开占比：50.00%】" in apps
    assert "一是公开不够及时。" in text_of(content, "problems")
    assert content["figures"]["本年新收申请"] == {"kind": "value", "expr": "applications.new.total", "unit": "件"}
    values = expected(source(), content["figures"])
    assert check(content["sections"], content["figures"], values, tables(), rf.FORMAT_2021) == []
    assert {"主动公开政府信息", "本年新收申请", "行政复议"} <= set(headline_labels(content["figures"]))


def test_without_last_year_the_change_says_so():
    content = generate(source(previous=False))
    assert "【本年新收申请同比：上年无数据】" in text_of(content, "applications")


def test_edits_that_contradict_the_frozen_figures_are_flagged():
    src = source()
    content = generate(src)
    values = expected(src, content["figures"])
    sections = [dict(s) for s in content["sections"]]
    apps = sections[2]
    apps["text"] = (apps["text"].replace("【本年新收申请：128】", "【本年新收申请：130】")
                    + "\n\n本年新收申请131件，同比增长99.0%。【申请总量：5】件。新收申请140件。")
    messages = [f.message for f in check(sections, content["figures"], values, tables(), rf.FORMAT_2021)]
    assert "“本年新收申请”写为130，与冻结数据128不符" in messages  # the marker edited
    assert "正文写“本年新收申请”131，与冻结数据128不符" in messages  # typed after the figure's name
    assert any("同比增长99.0%" in m for m in messages)  # a change not computed from the figures
    assert any("“申请总量”不是本解读的数据项" in m for m in messages)  # an unknown marker
    assert any("140件" in m for m in messages)  # the report's wording (text_vs_table)
    # Wording changed around correct figures is the officer's: no flag.
    sections[2]["text"] = content["sections"][2]["text"] + "\n\n总体看，申请量稳步增长，本年新收申请128件。"
    assert check(sections, content["figures"], values, tables(), rf.FORMAT_2021) == []


def test_a_figure_that_no_longer_matches_the_snapshot_is_flagged():
    content = generate(source())
    changed = Source(**{**source().__dict__, "tables": tables(new=129)})
    found = check(content["sections"], content["figures"], expected(changed, content["figures"]))
    assert any(f.label == "本年新收申请" and "冻结数据129" in f.message for f in found)


def test_segments_and_plain_text():
    text = "全年新收【本年新收申请：128】件，【本年新收申请同比：同比增长28.0%】。"
    assert plain(text) == "全年新收128件，同比增长28.0%。"
    assert segments(text)[1] == ("figure", "128", "本年新收申请")
