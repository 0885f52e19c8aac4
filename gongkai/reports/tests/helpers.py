"""Shared test data: the published table 三 of 聊城市人民政府 2020 (trial format), transcribed cell by
cell from seed 004 (``聊城市人民政府2020年政府信息公开工作年度报告``), and builders of realistic records."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools

from gongkai.law import report_format as rf

D = dt.date.fromisoformat

COLUMNS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total")
COLUMN_LABEL = {
    "natural_person": "自然人", "commercial": "商业企业", "research": "科研机构", "social_welfare": "社会公益组织",
    "legal_service": "法律服务机构", "other_org": "其他",
}

# 聊城市人民政府 2020, 三、收到和处理政府信息公开申请情况 — columns: 自然人, 商业企业, 科研机构, 社会公益组织,
# 法律服务机构, 其他, 总计. Trial format (国办公开办函〔2019〕60号): （六）其他处理 is one row.
LIAOCHENG_2020 = {
    "new": (967, 29, 5, 3, 44, 6, 1054),
    "carried_in": (10, 0, 0, 0, 0, 0, 10),
    "disclosed": (597, 10, 2, 2, 19, 2, 632),
    "partially_disclosed": (77, 3, 0, 0, 4, 0, 84),
    "withheld_state_secret": (0, 0, 0, 0, 0, 0, 0),
    "withheld_law_prohibited": (2, 0, 0, 0, 0, 0, 2),
    "withheld_security_stability": (0, 0, 0, 0, 0, 0, 0),
    "withheld_third_party": (6, 0, 0, 0, 0, 0, 6),
    "withheld_internal_affairs": (4, 4, 0, 0, 0, 0, 8),
    "withheld_process_info": (5, 0, 0, 0, 0, 0, 5),
    "withheld_enforcement_file": (0, 0, 0, 0, 0, 0, 0),
    "withheld_administrative_query": (12, 0, 0, 0, 0, 0, 12),
    "unavailable_not_held": (233, 3, 3, 1, 21, 2, 263),
    "unavailable_needs_creation": (6, 0, 0, 0, 0, 0, 6),
    "unavailable_unclear": (0, 0, 0, 0, 0, 0, 0),
    "not_processed_petition": (1, 0, 0, 0, 0, 0, 1),
    "not_processed_duplicate": (7, 0, 0, 0, 0, 0, 7),
    "not_processed_publication": (1, 0, 0, 0, 0, 0, 1),
    "not_processed_excessive": (0, 0, 0, 0, 0, 0, 0),
    "not_processed_confirmation": (0, 0, 0, 0, 0, 0, 0),
    "other_processing": (13, 9, 0, 0, 0, 2, 24),
    "processed_total": (964, 29, 5, 3, 44, 6, 1051),
    "carried_out": (13, 0, 0, 0, 0, 0, 13),
}

# Table 四 of the same report: 行政复议 | 未经复议直接起诉 | 复议后起诉 (结果维持 结果纠正 其他结果 尚未审结 总计).
LIAOCHENG_2020_REVIEW = {
    "review": (15, 0, 9, 4, 28),
    "suit_direct": (9, 0, 13, 6, 28),
    "suit_after_review": (1, 0, 0, 1, 2),
}


def liaocheng_table() -> dict:
    return {row: dict(zip(COLUMNS, values, strict=True)) for row, values in LIAOCHENG_2020.items()}


# The trial format's single （六） row: the import maps the three 2021 leaves 6.1/6.2/6.3 into it, so the
# generated records use all three codes in turn.
OTHER_PROCESSING_CODES = ("6.1", "6.2", "6.3")
CHANNELS = ("当面", "挂号信", "平信", "网络", "传真", "其他")


def liaocheng_csv() -> str:
    """Historical records that reproduce the published table: for each applicant column, the
    carried-in applications are received in December 2019, the new ones in 2020; every outcome row
    gets its count of applications closed in 2020, and the carried-out ones stay open."""
    schema = rf.schema_for(rf.FORMAT_2019).applications
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["received_date", "channel", "applicant_type", "outcome", "closed_date", "description"])
    channels = itertools.cycle(CHANNELS)
    six = itertools.cycle(OTHER_PROCESSING_CODES)
    for i, col in enumerate(COLUMNS[:-1]):
        received: list[dt.date] = []
        received += [D("2019-12-16") + dt.timedelta(days=k % 10) for k in range(LIAOCHENG_2020["carried_in"][i])]
        received += [D("2020-01-02") + dt.timedelta(days=k % 300) for k in range(LIAOCHENG_2020["new"][i])]
        outcomes_: list[str] = []
        for row in schema.leaf_rows:
            n = LIAOCHENG_2020[row.code][i]
            outcomes_ += [next(six) if row.code == "other_processing" else row.outcome for _ in range(n)]
        assert len(outcomes_) == LIAOCHENG_2020["processed_total"][i]
        open_count = LIAOCHENG_2020["carried_out"][i]
        assert len(received) == len(outcomes_) + open_count
        # The open ones are the latest received; they stay open over the year end.
        received.sort()
        for k, on in enumerate(received):
            if k < len(outcomes_):
                closed = max(on, D("2020-01-02")) + dt.timedelta(days=15)
                writer.writerow([on.isoformat(), next(channels), COLUMN_LABEL[col], outcomes_[k], closed.isoformat(),
                                 f"第{k + 1}件历史申请"])
            else:
                writer.writerow([on.isoformat(), next(channels), COLUMN_LABEL[col], "", "", f"第{k + 1}件历史申请"])
    return out.getvalue()


def applicant(**over):
    from conftest import applicant_data

    return applicant_data(**over)


ORG = {"applicant_kind": "organisation", "name": "某某科技有限公司", "id_number": "91350100M000100Y43",
       "legal_representative": "张三", "contact_name": "李四", "id_type": ""}


def received(agency, actor, on: dt.date, **over):
    """An application received in person on ``on`` (Art. 31(一))."""
    from gongkai.applications import services

    return services.register(agency, applicant(**over), [], actor=actor, channel="in_person", submitted_on=on)


def conclude(app, handler, reviewer, on: dt.date, outcome: str = "1"):
    """Decide and issue the answer on ``on`` (concluded_on = on)."""
    from gongkai.applications import services

    details = {"published_where": "本机关门户网站"} if outcome == "1" else {}
    if outcome == "5.2":
        details = {"earlier_letter": "测甲依复〔2025〕第1号"}
    reasons = "" if outcome == "1" else "依据条例相关规定"
    services.decide(app, handler, on, outcome=outcome, reasons=reasons, details=details)
    services.issue_answer(app, reviewer, on)
    return app
