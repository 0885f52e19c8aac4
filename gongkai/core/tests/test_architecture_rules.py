"""ARCHITECTURE.md's rule table ("Where each rule lives") covers every rule of domain.md sections 2, 3,
5 and 6 (issue 13: "find any legal rule from ARCHITECTURE.md in under a minute"), and every place it
names exists, so the table cannot drift from the code."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DOC = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")

# The subsections of domain.md (../shared/docs/domain.md) sections 2, 3, 5 and 6, by number and title.
DOMAIN_SECTIONS = {
    "2.1": "Who may apply, to whom, and what an application contains",
    "2.2": "Receipt date (Art. 31)",
    "2.3": "Correction (补正, Art. 30)",
    "2.4": "Consultation (Arts. 32, 34)",
    "2.5": "Answer deadline, extension, excessive requests (Arts. 33, 35)",
    "2.6": "Answer types (Art. 36) and related articles",
    "2.7": "Correction of records (Art. 41)",
    "2.8": "Fees (Art. 42; 国办函〔2020〕109号)",
    "2.9": "Remedies",
    "2.10": "Formal notices and letters the system generates",
    "2.11": "Mandatory clauses of every answer letter",
    "3.1": "The calendar",
    "3.2": "Notation",
    "3.3": "Project conventions",
    "3.4": "Other computed dates",
    "3.5": "Engine outline",
    "5.1": "Deadlines, scope, responsibility",
    "5.2": "Section titles",
    "5.3": "Table in section 二",
    "5.4": "Table in section 三",
    "5.5": "Table in section 四",
    "5.6": "Reconciliation rules",
    "5.7": "Counting conventions",
    "5.8": "What section 六 usually reports",
    "5.9": "The 2019 trial format",
    "5.10": "Published reports contain errors",
    "6.1": "Scope (Arts. 19–21)",
    "6.2": "Publication deadline and review",
    "6.3": "Catalogue",
    "6.4": "Document metadata (policy library)",
    "6.5": "Policy interpretation, gazette, major-decision consultation",
    "6.6": "Privacy masking before publication",
}


def _rule_table() -> list[tuple[str, str]]:
    section = DOC.split("## Where each rule lives", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
        if len(cells) >= 2 and not set(cells[0]) <= set("-: ") and cells[0] != "Rule":
            rows.append((cells[0], cells[1]))
    return rows


def test_every_domain_rule_has_a_row():
    cited = set()
    for rule, _ in _rule_table():
        for m in re.finditer(r"domain ((?:\d+\.\d+)(?:,\s*\d+\.\d+)*)", rule):
            cited |= {n.strip() for n in m.group(1).split(",")}
    missing = {n: t for n, t in DOMAIN_SECTIONS.items() if n not in cited}
    assert not missing, f"domain.md subsections without a row in ARCHITECTURE.md's rule table: {missing}"


def test_every_place_named_exists():
    missing = []
    for _, place in _rule_table():
        for name in re.findall(r"`([^`]+)`", place):
            path = name.split(" ")[0].split("(")[0]
            if "/" not in path or path.startswith(("/", "http")):
                continue
            path = path.rstrip(",")
            candidates = [ROOT / "gongkai" / path, ROOT / path]
            if "." in path.rsplit("/", 1)[-1] and not path.endswith((".py", ".txt", ".html", ".md", ".conf")):
                module, _, _ = path.rpartition(".")  # `files/storage.PrivateS3Storage` → files/storage.py
                candidates += [ROOT / "gongkai" / f"{module}.py"]
            candidates += [ROOT / "gongkai" / f"{path}.py"]
            if path.endswith(".html"):  # a template name: <app>/templates/<name> or the project's templates/
                candidates += [ROOT / "gongkai" / path.split("/")[0] / "templates" / path,
                               ROOT / "gongkai" / "templates" / path]
            if not any(c.exists() or list(c.parent.glob(c.name)) for c in candidates):
                missing.append(name)
    assert not missing, f"places named in the rule table that do not exist: {missing}"
