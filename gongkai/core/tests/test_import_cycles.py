"""No import cycles between the modules of gongkai (imports inside functions included; issue 13).

Lower layers never import higher ones back: ``law`` imports nothing of Django, ``jobs`` is the queue's
plumbing and imports no app (each app's jobs are in its own ``tasks.py``; only ``jobs/schedule.py``
calls into the apps and nothing imports it), the calendar announces a change with a signal that the
applications receive, and the letters raise the applications' error from ``applications.errors``."""

from __future__ import annotations

import ast
import collections
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # gongkai/


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


def test_no_module_is_in_an_import_cycle():
    cycling = _in_cycles(_graph(_modules()))
    assert not cycling, f"modules in an import cycle: {sorted(cycling)}"


def test_the_job_plumbing_imports_no_app_and_nothing_imports_the_schedule():
    edges = _graph(_modules())
    plumbing = {m for m in edges if m == "gongkai.jobs" or m.startswith("gongkai.jobs.")} - {"gongkai.jobs.schedule"}
    allowed = ("gongkai.jobs", "gongkai.law", "gongkai.core", "gongkai.admin_mixins")
    reached = {(m, t) for m in plumbing for t in edges[m] if not t.startswith(allowed)}
    assert not reached, f"the job plumbing imports apps: {sorted(reached)}"
    assert not [m for m, targets in edges.items() if "gongkai.jobs.schedule" in targets and m != "gongkai.jobs.apps"]


def test_the_cycle_finder_finds_a_cycle():
    assert _in_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == {"a", "b", "c"}
    assert _in_cycles({"a": {"b"}, "b": set()}) == set()
