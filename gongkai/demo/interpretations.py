"""Demo 政策解读 (谁起草、谁解读): for 规章, 行政规范性文件 and some 意见, written from the document's own
measures in three text forms — 文字解读, 问答 and 访谈 (the model holds text only, so no 图解)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.publishing.models import Document, Interpretation

from .doc_text import NUMERALS, Text

LEADERS = {"shi": "市政府副秘书长", "zrzy": "市自然资源和规划局局长", "zjj": "市住房和城乡建设局副局长",
           "sthj": "市生态环境局局长", "scjg": "市市场监督管理局副局长", "xian": "县政府副县长"}
CHANGES = [
    "与原政策相比，一是扩大了适用范围，二是精简了申请材料，三是压缩了办理时限，四是增加了公开和监督要求。",
    "本次制定坚持问题导向，重点解决了群众反映集中的办理环节多、政策知晓度低等问题。",
    "文件起草过程中，通过政府网站公开征求意见，收到意见建议若干条，采纳的意见已在文件中体现。",
    "文件经合法性审核和集体审议，并按规定报送备案。",
]


def _name(doc: Document, text: Text) -> str:
    return text.core or doc.title.removeprefix("关于印发").removesuffix("的通知").strip("《》")


def _written(doc: Document, text: Text, rnd) -> str:
    name = _name(doc, text)
    measures = text.measures or ["明确了适用范围和职责分工"]
    parts = [("起草背景", f"为{doc.keywords}工作提供制度保障，{doc.agency.name}起草了《{name}》。"),
             ("主要内容", "\n".join(f"（{NUMERALS[i]}）{m}。" for i, m in enumerate(measures[:5]))),
             ("主要变化", rnd.choice(CHANGES))]
    if doc.effective_on:
        tail = f"，有效期至{doc.expires_on.year}年{doc.expires_on.month}月{doc.expires_on.day}日" if doc.expires_on else ""
        parts.append(("施行时间", f"自{doc.effective_on.year}年{doc.effective_on.month}月{doc.effective_on.day}日起施行{tail}。"))
    parts.append(("解读机关及联系方式", f"{doc.agency.name}，联系电话：{doc.agency.office_phone or '0999-8120001'}。"))
    return "\n\n".join(f"{NUMERALS[i]}、{head}\n{text_}" for i, (head, text_) in enumerate(parts))


def _questions(doc: Document, text: Text, rnd) -> str:
    name = _name(doc, text)
    measures = text.measures or ["明确了适用范围和职责分工"]
    qa = [(f"《{name}》出台的背景是什么？", f"主要是为了落实{doc.keywords}有关要求。" + rnd.choice(CHANGES)),
          ("主要内容有哪些？", "；".join(measures[:4]) + "。"),
          ("群众和企业如何享受政策？", f"可通过示例市政务服务网或到政务服务中心窗口办理，咨询电话{doc.agency.office_phone or '12345'}。")]
    if doc.effective_on:
        qa.append(("什么时候开始施行？", f"自{doc.effective_on.year}年{doc.effective_on.month}月{doc.effective_on.day}日起施行。"))
    return "\n\n".join(f"问：{q}\n答：{a}" for q, a in qa)


def _interview(doc: Document, text: Text, rnd) -> str:
    leader = LEADERS.get(doc.agency.code, "负责同志")
    measures = text.measures or ["明确了适用范围和职责分工"]
    return "\n\n".join([
        f"主持人：欢迎{leader}做客政府网站在线访谈，请介绍一下《{_name(doc, text)}》的出台背景。",
        f"{leader}：{doc.keywords}关系群众切身利益，" + rnd.choice(CHANGES),
        "主持人：文件有哪些“干货”？",
        f"{leader}：重点有{len(measures[:3])}条：" + "；".join(measures[:3]) + "。",
        "主持人：下一步如何抓好落实？",
        f"{leader}：我们将加强政策宣传，做好跟踪评估，及时回应群众关切。",
    ])


WRITERS = {"文字": _written, "问答": _questions, "访谈": _interview}


def add_interpretations(docs: list[Document], texts: dict, rnd, today: dt.date) -> int:
    """Interpretations of normative documents, some 意见; the rest note why none is needed."""
    made, reasons = 0, []
    for d in docs:
        if not (d.doc_type in ("行政规范性文件", "规章") or (d.doc_type == "意见" and rnd.random() < 0.3)):
            continue
        if rnd.random() >= 0.85:
            d.no_interpretation_reason = "内容为程序性调整，不涉及公众权利义务的实质变化"
            reasons.append(d)
            continue
        form = rnd.choices(("文字", "问答", "访谈"), (6, 3, 1))[0]
        day = min(timezone.localtime(d.published_at).date() + dt.timedelta(days=rnd.randint(0, 2)),
                  today - dt.timedelta(days=1))
        at = max(d.published_at, timezone.make_aware(dt.datetime.combine(day, dt.time(rnd.randint(9, 17), 30))))
        name = _name(d, texts[d.pk])
        title = {"文字": f"《{name}》政策解读", "问答": f"《{name}》问答解读",
                 "访谈": f"在线访谈：解读《{name}》"}[form]
        interp = Interpretation.objects.create(
            agency=d.agency, title=title, form=form, by_leader=form == "访谈" or rnd.random() < 0.15,
            published_at=at, body=WRITERS[form](d, texts[d.pk], rnd))
        interp.documents.add(d)
        made += 1
    Document.objects.bulk_update(reasons, ["no_interpretation_reason"], batch_size=500)
    return made
