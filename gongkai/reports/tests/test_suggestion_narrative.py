"""The proposed 一、总体情况 cites how often the online form suggested published documents before an
application and how often applicants opened one (issue 15 item 3), only when it did."""

import datetime as dt

from gongkai.applications.models import SuggestionTally
from gongkai.reports import narrative, services

SENTENCE = "申请人在线填写申请时，平台提示已主动公开的相关信息{}次，申请人直接查看{}次。"


def test_overview_cites_the_year_tallies_of_the_organ(tree, staff, pin_today):
    pin_today(dt.date(2026, 2, 2))
    a = tree["a"]
    SuggestionTally.objects.create(agency=a, day=dt.date(2025, 3, 1), shown=7, opened=2)
    SuggestionTally.objects.create(agency=a, day=dt.date(2025, 12, 31), shown=5, opened=1)
    SuggestionTally.objects.create(agency=a, day=dt.date(2024, 12, 31), shown=100, opened=50)  # other year
    SuggestionTally.objects.create(agency=tree["b"], day=dt.date(2025, 5, 5), shown=40, opened=9)  # other organ
    report = services.create_report(a, 2025, staff["a_handler"])
    facts = services.overview_facts(report)
    assert facts["suggestions"] == {"shown": 12, "opened": 3}
    text = narrative.propose_overview(facts)
    section = text.split("\n\n")[1]
    assert section.startswith("（二）依申请公开。") and SENTENCE.format(12, 3) in section


def test_no_sentence_without_suggestions(tree, staff, pin_today):
    pin_today(dt.date(2026, 2, 2))
    report = services.create_report(tree["a"], 2025, staff["a_handler"])
    facts = services.overview_facts(report)
    assert facts["suggestions"] == {"shown": 0, "opened": 0}
    assert "平台提示已主动公开" not in narrative.propose_overview(facts)
