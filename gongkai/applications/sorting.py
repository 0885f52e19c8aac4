"""Sorting of the workbench list by column (?sort=key, ?sort=-key for descending), on the server:
the HTML list, the XLSX export and the API order alike. Without ?sort=, open cases by due date."""

from __future__ import annotations

from django.db.models import F

# key → (column heading, ordering fields); every ordering ends on "-id" so pages never overlap.
COLUMNS = {
    "reference": ("登记编号", ("reference",)),
    "agency": ("机关", ("agency__path",)),
    "channel": ("申请方式", ("channel",)),
    "applicant": ("申请人类型", ("applicant_kind", "org_type")),
    "submitted": ("提交日期", ("submitted_on", "submitted_at")),
    "status": ("状态", ("status",)),
    "due": ("答复期限", ("due_on",)),
    "assigned": ("经办人", ("assigned_to__username",)),
}
DEFAULT = "due"


def parse(value: str | None) -> tuple[str, bool]:
    """(column key, descending) of a ?sort= value; the default for anything unknown."""
    value = (value or "").strip()
    key = value.removeprefix("-")
    if key not in COLUMNS:
        return DEFAULT, False
    return key, value.startswith("-")


def order(qs, value: str | None):
    key, descending = parse(value)
    if key == DEFAULT and not (value or "").strip():
        # Open cases by due date first (nulls — paused, pending — after), then the rest newest first.
        return qs.order_by(F("due_on").asc(nulls_last=True), "-submitted_at", "-id")
    fields = [F(f).desc(nulls_last=True) if descending else F(f).asc(nulls_last=True) for f in COLUMNS[key][1]]
    return qs.order_by(*fields, "-id")


def headers(params) -> list[dict]:
    """The sortable headings of the list: label, link (the current filters kept, page dropped, the
    direction toggled on the current column) and aria-sort ("ascending", "descending" or "")."""
    key, descending = parse(params.get("sort"))
    out = []
    for name, (label, _fields) in COLUMNS.items():
        query = params.copy()
        query.pop("page", None)
        current = name == key
        query["sort"] = f"-{name}" if current and not descending else name
        out.append({
            "key": name, "label": label, "url": f"?{query.urlencode()}",
            "aria_sort": ("descending" if descending else "ascending") if current else "",
        })
    return out
