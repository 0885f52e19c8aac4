"""年报解读（图解） (issue 17 item 1): the use cases — generate from frozen figures, edit, check, publish.

- ``generate``: from the approved report's snapshot (``ReportSnapshot``), or for a year before the
  platform from the entered published figures (``PastReport``) — never from live records. Last year's
  figures (the previous frozen report, else entered past figures) are frozen with the text.
- ``save_text``: the officer edits the paragraphs; figures stay markers tied to their cells.
- ``flags``: interp_check.py against the figures recomputed from the *current* frozen source (a report
  approved again after the text was generated has a new snapshot: changed figures are flagged).
- ``publish``: refused while any flag stands or the report is not published; publishes a publishing
  ``Interpretation`` of form 图解 (linked to the report's document in the 年报 column when there is
  one), which the next report's 一、总体情况 counts (facts.overview_facts).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.law import today as law_today
from gongkai.publishing.models import CatalogueNode, DocStatus, Document, Interpretation

from . import access, compute
from .errors import ReportError
from .interp_check import Flag, check, plain
from .interp_text import Source, expected
from .interp_text import generate as generate_text
from .models import AnnualReport, InterpretationStatus, PastReport, ReportInterpretation, Scope

FORM = "图解"


def title_for(agency: Agency, year: int, scope: str = Scope.ORGAN) -> str:
    suffix = "（汇总）" if scope == Scope.ROLLUP else ""
    return f"图解：{agency.name}{year}年政府信息公开工作年度报告{suffix}"


def _previous(agency: Agency, year: int, scope: str) -> dict:
    """Last year's frozen figures: the previous report's snapshot, else entered past figures."""
    prev = AnnualReport.objects.filter(agency=agency, year=year - 1, scope=scope).first()
    if prev is not None and prev.snapshot is not None:
        snap = prev.snapshot
        return {"tables": snap.tables, "format": snap.format_version, "label": f"{year - 1}年度报告"}
    past = PastReport.objects.filter(agency=agency, year=year - 1, scope=scope).order_by("-id").first()
    if past is not None:
        return {"tables": past.tables, "format": past.format_version,
                "label": f"{year - 1}年度报告公布的数据"}
    return {}


def _report_document(agency: Agency, year: int) -> Document | None:
    """The report as a published document of the organ's 政府信息公开年报 column, if any."""
    return (Document.objects.filter(agency=agency, status=DocStatus.PUBLISHED,
                                    columns__section=CatalogueNode.ANNUAL_REPORTS,
                                    title__contains=f"{year}年").order_by("-published_at").first())


def source_of(ri: ReportInterpretation, *, current: bool = True) -> Source | None:
    """The frozen figures of a 解读: the report's *current* snapshot (``current``) or the one the text
    was generated from; None when the report is no longer frozen."""
    prev = ri.previous or {}
    previous = ({"tables": compute.load_tables(prev["tables"], prev["format"]), "format": prev["format"],
                 "label": prev.get("label", "")} if prev.get("tables") else None)
    if ri.past_id:
        past = ri.past
        return Source(ri.agency.name, ri.year, past.format_version,
                      compute.load_tables(past.tables, past.format_version), {}, dict(past.narrative or {}),
                      previous, _report_title(ri))
    snap = ri.report.snapshot if current else ri.snapshot
    if snap is None:
        return None
    return Source(ri.agency.name, ri.year, snap.format_version,
                  compute.load_tables(snap.tables, snap.format_version), dict(snap.facts or {}),
                  dict(snap.narrative or {}), previous, _report_title(ri))


def _report_title(ri: ReportInterpretation) -> str:
    suffix = "（汇总）" if ri.scope == Scope.ROLLUP else ""
    return f"《{ri.agency.name}{ri.year}年政府信息公开工作年度报告{suffix}》"


def generate(actor, *, report: AnnualReport | None = None, past: PastReport | None = None,
             regenerate: bool = False) -> ReportInterpretation:
    """Create (or, while a draft, regenerate) the 解读 of a frozen report or of entered past figures."""
    if (report is None) == (past is None):
        raise ReportError("请指定年度报告或往年数据")
    agency, year, scope = (report or past).agency, (report or past).year, (report or past).scope
    if not access.can_edit_interpretation(actor, agency):
        raise ReportError("您无权编写该机关的年报解读")
    if report is not None and report.snapshot is None:
        raise ReportError("年度报告批准并冻结数据后才能生成解读")
    with transaction.atomic():
        Agency.objects.select_for_update().filter(pk=agency.pk).first()  # one 解读 per organ/year at a time
        ri = ReportInterpretation.objects.filter(agency=agency, year=year, scope=scope).first()
        if ri is not None and (ri.is_published or not regenerate):
            if ri.is_published and regenerate:
                raise ReportError("解读已发布，不能重新生成")
            return ri
        ri = _fill(ri or ReportInterpretation(agency=agency, year=year, scope=scope, created_by=_user(actor)),
                   report, past)
        ri.updated_by = _user(actor)
        ri.version += 1
        ri.save()
    return ri


def _fill(ri: ReportInterpretation, report: AnnualReport | None, past: PastReport | None) -> ReportInterpretation:
    """The generated text and figures of ``ri`` (not saved)."""
    ri.report, ri.past = report, past
    ri.snapshot = report.snapshot if report is not None else None
    ri.document = _report_document(ri.agency, ri.year)
    ri.title = title_for(ri.agency, ri.year, ri.scope)
    ri.previous = _previous(ri.agency, ri.year, ri.scope)
    content = generate_text(source_of(ri, current=False))
    ri.figures, ri.sections = content["figures"], content["sections"]
    return ri


def for_output(agency: Agency, year: int, scope: str = Scope.ORGAN) -> ReportInterpretation:
    """The stored 解读 of an organ's year, else one generated in memory (not saved) from the frozen
    report or the entered past figures; never from live records (the CLI)."""
    ri = ReportInterpretation.objects.filter(agency=agency, year=year, scope=scope).first()
    if ri is not None:
        return ri
    report = AnnualReport.objects.filter(agency=agency, year=year, scope=scope).first()
    if report is not None and report.snapshot is not None:
        return _fill(ReportInterpretation(agency=agency, year=year, scope=scope), report, None)
    past = PastReport.objects.filter(agency=agency, year=year, scope=scope).order_by("-id").first()
    if past is not None:
        return _fill(ReportInterpretation(agency=agency, year=year, scope=scope), None, past)
    raise ReportError("解读只能依据已批准冻结的年度报告或录入的往年数据生成：该年度没有冻结数据")


def _user(actor):
    return actor if actor is not None and actor.is_authenticated else None


def _locked(ri: ReportInterpretation, expected_version) -> ReportInterpretation:
    fresh = (ReportInterpretation.objects.select_for_update(of=("self",)).select_related("agency", "report")
             .get(pk=ri.pk))
    if expected_version is not None and int(expected_version) != fresh.version:
        raise ReportError("解读已被他人修改，请刷新页面后重试")
    return fresh


def save_text(ri: ReportInterpretation, actor, texts: dict[str, str], *, expected_version=None) -> list[Flag]:
    """Save the edited paragraphs (``{section key: text}``); returns the flags of the saved text."""
    if not access.can_edit_interpretation(actor, ri.agency):
        raise ReportError("您无权编辑该解读")
    with transaction.atomic():
        ri = _locked(ri, expected_version)
        if ri.is_published:
            raise ReportError("解读已发布，不能修改")
        sections = []
        for section in ri.sections:
            text = texts.get(section["key"], section["text"])
            text = "\n\n".join(p.strip() for p in (text or "").replace("\r\n", "\n").split("\n\n") if p.strip())
            if len(text) > 5000:
                raise ReportError(f"{section['title']}的解读过长（不超过5000字）")
            sections.append({**section, "text": text})
        ri.sections, ri.updated_by = sections, _user(actor)
        ri.version += 1
        ri.save(update_fields=["sections", "updated_by", "updated_at", "version"])
    return flags(ri)


def flags(ri: ReportInterpretation) -> list[Flag]:
    """What blocks publication: figures that differ from the current frozen source."""
    source = source_of(ri)
    if source is None:
        return [Flag("", "年度报告已撤销批准，冻结数据不再有效：请待报告重新批准后重新生成解读")]
    out = []
    if ri.report_id and ri.report.snapshot.pk != ri.snapshot_id:
        out.append(Flag("", "年度报告在生成解读后重新批准，冻结数据已更新：请核对下列数据或重新生成解读"))
    values = expected(source, ri.figures)
    found = check(ri.sections, ri.figures, values, source.tables, source.format_version)
    return out + found if found else []


def publish(ri: ReportInterpretation, actor, *, at: dt.datetime | None = None,
            expected_version=None) -> ReportInterpretation:
    """Publish as a publishing Interpretation (form 图解) of the organ; refused while any flag stands."""
    if not access.can_publish_interpretation(actor, ri.agency):
        raise ReportError("发布解读需要本机关审核人或管理员")
    at = at or law_today.now()
    if at > law_today.now():
        raise ReportError("发布时间不能晚于当前时间")
    with transaction.atomic():
        ri = _locked(ri, expected_version)
        if ri.is_published:
            raise ReportError("解读已发布")
        if ri.report_id and ri.report.status != "published":
            raise ReportError("年度报告发布后才能发布解读")
        found = flags(ri)
        if found:
            raise ReportError("解读中的数据与冻结数据不符，不能发布：" + "；".join(f.message for f in found[:3]))
        body = "\n\n".join(f"{s['title']}\n{plain(s['text'])}" for s in ri.sections)
        interp = Interpretation.objects.create(agency=ri.agency, title=ri.title, form=FORM, body=body,
                                               published_at=at)
        if ri.document_id:
            interp.documents.add(ri.document_id)
        ri.interpretation = interp
        ri.status, ri.published_at, ri.published_by = InterpretationStatus.PUBLISHED, at, _user(actor)
        ri.version += 1
        ri.save()
    return ri


def public_interpretations():
    return ReportInterpretation.objects.filter(status=InterpretationStatus.PUBLISHED,
                                               published_at__lte=law_today.now())


def public_one(code: str, year: int, scope: str = Scope.ORGAN) -> ReportInterpretation | None:
    return (public_interpretations().select_related("agency", "report", "past", "document")
            .filter(agency__code=code, year=year, scope=scope).first())
