"""The decision (答复) form's detail fields grouped by outcome, so the page shows only what the chosen
outcome needs (issue 15, item 6). Without JavaScript every group is shown under its heading; the
static script decide_form.js hides the groups and fields the chosen outcome does not use.

Which details each outcome uses follows the rules of law/answers.REQUIREMENTS and the letter
templates (letters/defaults/answer_letter_*.txt) that print them."""

from __future__ import annotations

# (heading, ((detail field, outcome codes that use it), …)), in the order of law/answers.DETAIL_FIELDS.
GROUPS: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...] = (
    ("予以公开、部分公开", (
        ("published_where", ("1", "2", "5.3")),
        ("how_to_obtain", ("1", "2")),
        ("exemption_basis", ("2",)),
        ("public_interest_reason", ("1", "2")),
    )),
    ("不予公开", (
        ("special_law", ("3.2", "3.8")),
        ("no_consultation_reason", ("3.4",)),
    )),
    ("无法提供", (
        ("other_agency", ("4.1",)),
        ("other_agency_contact", ("4.1",)),
    )),
    ("不予处理", (
        ("proper_channel", ("5.1", "5.5")),
        ("earlier_letter", ("5.2",)),
        ("publication_where", ("5.3",)),
        ("explanation_reply", ("5.4",)),
    )),
)


def outcomes_of(field: str) -> tuple[str, ...]:
    for _heading, fields in GROUPS:
        for name, codes in fields:
            if name == field:
                return codes
    return ()


def groups(form) -> list[dict]:
    """The form's detail fields by group: heading, the outcome codes of the group, its fields with theirs."""
    out = []
    for heading, fields in GROUPS:
        rows = [{"field": form[name], "codes": " ".join(codes)} for name, codes in fields if name in form.fields]
        codes = sorted({c for _name, cs in fields for c in cs})
        out.append({"heading": heading, "codes": " ".join(codes), "fields": rows})
    return out
