"""Numbers quoted in the narrative are checked against the tables; percentages are generated."""

from gongkai.law import report_format as rf
from gongkai.reports import narrative

from .helpers import COLUMNS, LIAOCHENG_2020_REVIEW, liaocheng_table

# The narrative of 聊城市人民政府's 2020 report (seed 004), verbatim.
LIAOCHENG_TEXT = (
    "2020年，聊城市收到政府信息公开申请和上年结转件1064件，已答复1051件，结转下一年度13件。予以公开632件，"
    "占60.13%，部分公开84件，占7.99%；不予公开33件，占3.14%；无法提供269件，占25.59%；不予处理9件，占0.86%；"
    "其他处理24件，占2.29%。申请政府信息公开内容主要涉及：土地征用、教育科研等方面。\n"
    "2020年，聊城市各级各部门因政府信息公开被申请行政复议28件，其中，结果维持15件，其他结果9件，尚未审结4件，"
    "分别占53.57%，32.14%，14.29%。"
)


def liaocheng_tables():
    tables = rf.empty_tables(rf.FORMAT_2019)
    tables["applications"] = liaocheng_table()
    for row, values in LIAOCHENG_2020_REVIEW.items():
        tables["review_litigation"][row] = dict(zip(("upheld", "corrected", "other", "pending", "total"), values,
                                                   strict=True))
    return tables


def test_liaocheng_narrative_error_of_domain_5_10_is_found_and_nothing_else():
    findings = narrative.text_findings({"overview": LIAOCHENG_TEXT}, liaocheng_tables(), rf.FORMAT_2019)
    assert [f.rule for f in findings] == ["text_vs_table"]
    message = findings[0].message
    assert "（六）其他处理" in message and "2.29%" in message and "2.28%" in message and "24÷1051" in message
    assert findings[0].cells[0] == "applications.other_processing.total"


def test_a_typed_count_that_differs_is_found():
    text = "本年度共收到政府信息公开申请1060件。行政复议中结果维持16件。"
    findings = narrative.text_findings({"overview": text}, liaocheng_tables(), rf.FORMAT_2019)
    messages = [f.message for f in findings]
    assert any("1060件，表格为1054件" in m for m in messages)
    assert any("行政复议（结果维持）”16件，表格为15件" in m for m in messages)


def test_tokens_render_from_the_tables_in_both_formats():
    tables = liaocheng_tables()
    text = ("其他处理{{value:applications.other_processing.total}}件，占"
            "{{pct:applications.other_processing.total/applications.processed_total.total}}；"
            "不予公开{{value:applications.withheld.total}}件；{{value:applications.nope.total}}")
    out = narrative.render(text, tables, rf.FORMAT_2019)
    assert out == "其他处理24件，占2.28%；不予公开33件；【无效数据引用】"
    modern = rf.empty_tables(rf.FORMAT_2021)
    for row in ("other_no_correction", "other_no_fee", "other_other"):
        modern["applications"][row] = dict.fromkeys(COLUMNS, 1)
    assert narrative.render("{{value:applications.other_processing.total}}", modern, rf.FORMAT_2021) == "3"


def test_year_over_year_token():
    this, last = liaocheng_tables(), liaocheng_tables()
    last["applications"]["new"]["total"] = 1000
    out = narrative.render("{{yoy:applications.new.total}}", this, rf.FORMAT_2019, last, rf.FORMAT_2019)
    assert out == "增长5.40%"
    assert narrative.render("{{yoy:applications.new.total}}", this, rf.FORMAT_2019) == "（无上年数据）"


def test_proposed_overview_uses_tokens_and_generated_percentages():
    facts = {"published": 120, "published_previous": 100, "interpretations": {"文字": 3, "图解": 1},
             "interpretations_by_leader": 1, "channels": {"网络": 3, "当面": 1}, "has_previous": True}
    text = narrative.propose_overview(facts)
    assert "增长20.00%" in text and "网络3件，占75.00%" in text
    assert "{{value:applications.new.total}}" in text
    rendered = narrative.render(text, liaocheng_tables(), rf.FORMAT_2019)
    assert "其他处理24件，占2.28%" in rendered
    assert narrative.text_findings({"overview": rendered}, liaocheng_tables(), rf.FORMAT_2019) == []
