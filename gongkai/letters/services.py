"""Issuing letters and rendering issued letters (domain.md 2.10, 2.11).

A letter is rendered once, from the organ's template (or the shipped default), when it is issued;
its number, title and paragraphs are then frozen in the Letter row. DOCX and HTML output are
produced from those frozen fields only, so a later template edit never changes an issued letter.

Template lookup, most specific first:
  1. LetterTemplate (this organ, kind, outcome)
  2. LetterTemplate (this organ, kind, no outcome)
  3. LetterTemplate (shared, kind, outcome)
  4. LetterTemplate (shared, kind, no outcome)
  5. the shipped default file: defaults/<kind>_<outcome with "." → "_">.txt, else defaults/<kind>.txt
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from django.template import Context, Template
from django.utils import timezone

from gongkai.agencies.models import next_number
from gongkai.law import outcomes

from .context import PARTY_KINDS, build_context
from .models import Letter, LetterKind, LetterTemplate
from .pdf import freeze_on_commit
from .tasks import freeze_letter_pdf

DEFAULTS_DIR = Path(__file__).resolve().parent / "defaults"

# Letters to third parties and co-makers are not shown to the applicant in the progress query;
# the registration form carries the applicant's identity data and stays internal too (domain 7.4).
NON_PUBLIC_KINDS = PARTY_KINDS | {LetterKind.REGISTRATION_FORM}
# Kinds whose wording depends on the outcome of the application.
OUTCOME_KINDS = frozenset({LetterKind.ANSWER_LETTER, LetterKind.CLOSURE_NOTICE})
# Kinds with a remedy paragraph (or the remedy names): never issued while the organ lacks a named
# reconsideration organ and court (legal-review.md B12; 行政复议法第二十条第三款). A closure notice
# after a withdrawal has no remedy paragraph (domain 2.11 item 7).
REMEDY_KINDS = frozenset({
    LetterKind.ANSWER_LETTER, LetterKind.CLOSURE_NOTICE, LetterKind.SUPPLEMENTARY_ANSWER,
    LetterKind.RECORD_CORRECTION_ANSWER, LetterKind.THIRD_PARTY_DISCLOSURE_NOTICE,
})


def remedy_names_refusal(agency, kind: str, extra: dict | None = None) -> str:
    """The Chinese refusal when a letter of ``kind`` needs the remedy names this organ has not set;
    '' when it may be issued."""
    if kind not in REMEDY_KINDS or (kind == LetterKind.CLOSURE_NOTICE and (extra or {}).get("withdrawal")):
        return ""
    missing = agency.missing_remedy_fields()
    if not missing:
        return ""
    label = LetterKind(kind).label
    names = "、".join(f"“{m}”" for m in missing)
    return (
        f"{agency.name}尚未在机关设置中填写{names}，不能出具{label}：救济途径须写明行政复议机关和管辖人民法院的名称。"
        f"请机关管理员在管理后台“机关”设置中填写{names}后再签发。"
    )

DATE_PARAGRAPH = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
_AUDIENCE_NOTE = re.compile(r"（给[^）]*）$")


# -- templates --------------------------------------------------------------------------------


def _default_names(kind: str, outcome: str = "") -> list[str]:
    names = []
    if outcome:
        names.append(f"{kind}_{outcome.replace('.', '_')}")
    names.append(str(kind))
    return names


def _default_file(kind: str, outcome: str = "") -> tuple[str, str] | None:
    for name in _default_names(kind, outcome):
        path = DEFAULTS_DIR / f"{name}.txt"
        if path.is_file():
            return name, path.read_text(encoding="utf-8")
    return None


def default_template_text(kind: str, outcome: str = "") -> str:
    """The shipped default body for ``kind`` (and, for answer letters, ``outcome``); '' if none."""
    found = _default_file(kind, outcome)
    return found[1] if found else ""


def default_title(agency, kind: str) -> str:
    """``{机关名称}{文书名称}``, e.g. 示例市人民政府政府信息公开申请答复书."""
    label = _AUDIENCE_NOTE.sub("", str(LetterKind(kind).label))
    return f"{agency.name}{label}"


def find_template(agency, kind: str, outcome: str = "") -> LetterTemplate | None:
    """The organ's or the shared LetterTemplate row for this letter, most specific first."""
    keys = [(agency, outcome), (agency, ""), (None, outcome), (None, "")]
    seen = set()
    for owner, code in keys:
        key = (owner.pk if owner else None, code)
        if key in seen:
            continue
        seen.add(key)
        qs = LetterTemplate.objects.filter(kind=kind, outcome=code)
        qs = qs.filter(agency=owner) if owner is not None else qs.filter(agency__isnull=True)
        template = qs.first()
        if template is not None:
            return template
    return None


def render_text(body: str, context: dict) -> str:
    """Render a template body as plain text (no HTML escaping)."""
    return Template(body).render(Context(context, autoescape=False))


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by blank lines; lines inside a paragraph are kept as line breaks.

    Every line is stripped (including full-width spaces: the renderers indent by themselves) and
    runs of blank lines collapse, so ``{% if %}`` blocks that render nothing leave no gap.
    """
    paragraphs, current = [], []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.strip()
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs


def letter_number(agency, year: int, serial: int) -> str:
    prefix = agency.letter_prefix or f"{agency.code.upper()}依复"
    return f"{prefix}〔{year}〕第{serial}号"


# -- issuing ----------------------------------------------------------------------------------


def issue_letter(app, kind: str, *, actor, on: dt.date, extra: dict | None = None) -> Letter:
    """Render, number, freeze and log one letter. Runs inside the caller's transaction.

    ``extra`` carries the facts of the act (items to correct, new due date, party consulted…);
    ``extra["outcome"]`` overrides ``app.outcome`` and ``extra["signed"]`` records the actor as the
    signing official.
    """
    from gongkai.applications.errors import ActionError
    from gongkai.applications.models import EventKind, TimelineEvent

    extra = dict(extra or {})
    if kind not in LetterKind.values:
        raise ActionError(f"未知的文书类型：{kind}")
    label = LetterKind(kind).label
    code = str(extra.get("outcome") or app.outcome or "")
    if code:
        try:
            outcomes.by_code(code)
        except outcomes.UnknownOutcome as e:
            raise ActionError(str(e))
    elif kind in OUTCOME_KINDS:
        raise ActionError(f"尚未确定办理结果，不能出具{label}")

    agency = app.agency
    refusal = remedy_names_refusal(agency, kind, extra)
    if refusal:
        raise ActionError(refusal)
    template = find_template(agency, kind, code)
    if template is not None:
        body, title_body = template.body, template.title
        owner = "agency-template" if template.agency_id else "shared-template"
        source = f"{owner}:{template.pk}@{timezone.localtime(template.updated_at):%Y-%m-%d %H:%M}"
    else:
        found = _default_file(kind, code)
        if found is None:
            raise ActionError(f"没有可用的{label}模板，请在文书模板中设置")
        name, body = found
        title_body = ""
        source = f"default:{name}"

    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    year = on.year
    serial = next_number(agency, "letter", year)
    number = letter_number(agency, year, serial)

    ctx = build_context(app, kind, extra, on, actor=user)
    ctx["number"] = number
    try:
        paragraphs = split_paragraphs(render_text(body, ctx))
        title = " ".join(render_text(title_body, ctx).split()) if title_body else default_title(agency, kind)
    except Exception as e:  # a broken organ template must not produce a half-written letter
        raise ActionError(f"{label}模板有误，无法生成文书（{source}）：{e}")
    if not paragraphs:
        raise ActionError(f"{label}模板生成的正文为空（{source}）")

    letter = Letter.objects.create(
        application=app,
        agency=agency,
        kind=kind,
        number=number,
        year=year,
        serial=serial,
        title=(title or default_title(agency, kind))[:120],
        addressee=str(ctx["addressee"])[:120],
        paragraphs=paragraphs,
        issued_on=on,
        issued_by=user,
        signed_by=user if extra.get("signed") else None,
        template_source=source[:100],
        public=kind not in NON_PUBLIC_KINDS,
    )
    freeze_on_commit(letter, freeze_letter_pdf)  # the PDF, frozen with the record (letters/pdf.py)
    TimelineEvent.objects.create(
        application=app,
        kind=EventKind.LETTER_ISSUED,
        occurred_on=on,
        actor=user,
        data={"letter_id": letter.pk, "number": letter.number, "kind": kind, "title": letter.title},
    )
    return letter


# -- rendering an issued letter -----------------------------------------------------------------


def letter_layout(letter) -> list[tuple[str, str]]:
    """(role, text) for each frozen paragraph: 'addressee', 'body' or 'signoff'.

    The addressee line is a first paragraph ending in “：”. The sign-off is the trailing run (at
    most three paragraphs) of the organ name and the letter date, e.g. 示例市人民政府 / 2025年1月2日.
    """
    paragraphs = list(letter.paragraphs or [])
    organ = letter.agency.name if letter.agency_id else ""
    signoff = 0
    for text in reversed(paragraphs[1:]):
        is_organ = bool(organ) and text.startswith(organ) and len(text) <= len(organ) + 10 and "\n" not in text
        if signoff < 3 and (DATE_PARAGRAPH.match(text) or is_organ):
            signoff += 1
        else:
            break
    roles = []
    for i, text in enumerate(paragraphs):
        if i >= len(paragraphs) - signoff:
            role = "signoff"
        elif i == 0 and "\n" not in text and text.endswith("：") and len(text) <= 130:
            role = "addressee"
        else:
            role = "body"
        roles.append((role, text))
    return roles


def _east_asian_font(rpr_owner, name: str = "宋体") -> None:
    from docx.oxml.ns import qn

    rpr = rpr_owner.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _add_run(paragraph, text: str, *, size=None, bold=False):
    from docx.shared import Pt

    lines = text.split("\n")
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.font.name = "SimSun"
        run.font.size = Pt(size or 16)
        run.bold = bold
        _east_asian_font(run._element)
        if i < len(lines) - 1:
            run.add_break()


def render_docx(letter) -> bytes:
    """The issued letter as a DOCX (A4, 宋体), from its frozen fields only."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)

    normal = doc.styles["Normal"]
    normal.font.name = "SimSun"
    normal.font.size = Pt(16)
    _east_asian_font(normal.element)

    doc.core_properties.title = letter.title
    doc.core_properties.identifier = letter.number

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(12)
    _add_run(title, letter.title, size=22, bold=True)

    number = doc.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    number.paragraph_format.space_after = Pt(12)
    _add_run(number, letter.number)

    first_signoff = True
    for role, text in letter_layout(letter):
        p = doc.add_paragraph()
        fmt = p.paragraph_format
        fmt.line_spacing = Pt(28)
        fmt.space_after = Pt(0)
        if role == "signoff":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if first_signoff:
                fmt.space_before = Pt(28)
                first_signoff = False
        elif role == "body":
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            fmt.first_line_indent = Pt(32)  # 2 characters of 16 pt
            p._p.get_or_add_pPr().get_or_add_ind().set(qn("w:firstLineChars"), "200")
        _add_run(p, text)

    if letter.verification_code:  # the 核验码 in the footer of every page (letters/codes.py)
        footer = section.footer.paragraphs[0] if section.footer.paragraphs else section.footer.add_paragraph()
        _add_run(footer, letter.verification_note, size=9)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
