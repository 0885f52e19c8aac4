"""Pure text helpers: segmentation, bigrams, query parsing, highlighting."""

from gongkai.search import index
from gongkai.search.text import bigrams, index_text, mark, parse_query, snippet


def test_segment_is_jieba_cut_for_search_without_punctuation():
    out = index.segment("关于深化户籍制度改革的实施意见。")
    assert out.split() == ["关于", "深化", "户籍", "制度", "户籍制度", "改革", "的", "实施", "意见"]
    assert index.segment("２０２０年ＡＢＣ") == "2020 年 abc"
    assert index.segment("") == "" and index.segment("，。、") == ""


def test_bigrams_cover_every_cjk_run():
    assert bigrams("户籍管理，科") == ["户籍", "籍管", "管理", "科"]
    assert bigrams("abc 123") == []
    assert index_text("户籍科").split()[-2:] == ["户籍", "籍科"]


def test_parse_query_terms_synonyms_and_stop_words():
    parsed = parse_query("如何办理医保")
    assert [t.word for t in parsed.terms] == ["办理", "医保"]
    assert ("医疗保险",) in parsed.terms[1].alternatives
    assert [t.word for t in parse_query("最低生活保障").terms] == ["最低生活保障"]  # rejoined for its synonym
    assert ("消防", "安全") in parse_query("消防安全").terms[0].alternatives
    assert [t.word for t in parse_query("的").terms] == ["的"]  # only stop words: kept


def test_parse_query_doc_no():
    parsed = parse_query("聊政发（２０２０）第9号 户籍")
    assert [dn.key for dn in parsed.doc_nos] == ["聊政发|2020|9"]
    assert [t.word for t in parsed.terms] == ["聊政发", "2020", "9", "户籍"]
    assert "聊政发〔2020〕9号" in parsed.highlight and "9" not in parsed.highlight


def test_mark_escapes_everything_but_the_marks():
    assert mark("<b>户籍</b> & 户口", ["户籍", "户口"]) == \
        "&lt;b&gt;<mark>户籍</mark>&lt;/b&gt; &amp; <mark>户口</mark>"
    assert mark("a &amp; b", ["amp"]) == "a &amp;<mark>amp</mark>; b"
    assert mark("２０２０年", ["2020"]) == "<mark>２０２０</mark>年"  # full-width source, ASCII term
    assert mark("x", []) == "x"


def test_snippet_window():
    body = "甲" * 200 + "户籍" + "乙" * 200
    html = snippet(["", body], ["户籍"])
    assert html.startswith("…") and html.endswith("…") and "<mark>户籍</mark>" in html
    assert len(html.replace("<mark>", "").replace("</mark>", "")) == 122
    assert snippet(["短文<本>"], ["无"]) == "短文&lt;本&gt;"


def test_mark_keeps_positions_when_a_character_normalises_to_several():
    # ﬁ (one character) is "fi" after NFKC, ㎏ is "kg": the marks stay on the source characters.
    assert mark("ﬁle户籍㎏户籍", ["户籍"]) == "ﬁle<mark>户籍</mark>㎏<mark>户籍</mark>"
    assert mark("ﬁle", ["file"]) == "<mark>ﬁle</mark>"
    assert mark("ＡＢＣ户籍", ["abc"]) == "<mark>ＡＢＣ</mark>户籍"
