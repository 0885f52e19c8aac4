"""Import cycles between the modules of gongkai (imports inside functions included).

Issue 13 asks for none. What is left is listed here as known debt, so that the test fails the day a
new module joins a cycle; remove modules from KNOWN as the cycles are broken (the plan: each app's
jobs in its own ``tasks.py`` instead of ``jobs/tasks.py`` importing every app, signals for the
calendar → open cases recompute, and letters/search reached through hooks, not imports)."""

from __future__ import annotations

import ast
import collections
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # gongkai/

KNOWN = {
    "gongkai.jobs.failures", "gongkai.jobs.models",
    "gongkai.applications.actions", "gongkai.applications.closing", "gongkai.applications.deadlines",
    "gongkai.applications.fees", "gongkai.applications.handling", "gongkai.applications.intake",
    "gongkai.applications.services", "gongkai.auditor.published", "gongkai.holidays.services",
    "gongkai.jobs.mail", "gongkai.jobs.tasks", "gongkai.letters.context", "gongkai.letters.services",
    "gongkai.publishing.services", "gongkai.reports.building", "gongkai.reports.deadlines",
    "gongkai.reports.drafting", "gongkai.reports.figures", "gongkai.reports.services", "gongkai.reports.workflow",
}


def _modules() -> dict[str, Path]:
    out = {}
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT.parent)
        if "tests" in rel.parts or "migrations" in rel.parts:
            continue
        name = ".".join(rel.with_suffix("").parts)
        out[name.removesuffix(".__init__")] = path
    return out


def _graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = collections.defaultdict(set)
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    base = ".".join(parts + ([base] if base else []))
                targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                continue
            edges[name] |= {t for t in targets if t in modules and t != name}
    return edges


def _in_cycles(edges: dict[str, set[str]]) -> set[str]:
    """Modules in a strongly connected component of more than one module (Tarjan, iterative)."""
    index, low, stack, on, found, counter = {}, {}, [], set(), set(), [0]
    for start in list(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges.get(start, ()))))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found |= set(component)
    return found


def test_no_module_joins_an_import_cycle():
    cycling = _in_cycles(_graph(_modules()))
    assert cycling <= KNOWN, f"new modules in an import cycle: {sorted(cycling - KNOWN)}"


def test_the_cycle_finder_finds_a_cycle():
    assert _in_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == {"a", "b", "c"}
    assert _in_cycles({"a": {"b"}, "b": set()}) == set()
