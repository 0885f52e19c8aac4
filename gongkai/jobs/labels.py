"""What administrators read about a task: its Chinese label and a summary of its arguments.

Each app's ``tasks.py`` registers its tasks with ``describe``; ``JobFailure.task_label`` and the
failure records (``failures.py``) read them. Imports nothing of the queue or of the models."""

from __future__ import annotations

from collections.abc import Callable

# Task name (module.function) → what administrators read.
LABELS: dict[str, str] = {}
# Task name → function(args, kwargs) → summary of the arguments without personal data.
SUMMARIES: dict[str, Callable[[tuple, dict], str]] = {}

# Tasks that moved from ``jobs/tasks.py`` to their app's ``tasks.py`` (issue 13): failures recorded
# under the old name keep their label.
MOVED = {
    "gongkai.jobs.tasks.recompute_deadlines": "gongkai.applications.tasks.recompute_deadlines",
    "gongkai.jobs.tasks.index_document": "gongkai.search.tasks.index_document",
    "gongkai.jobs.tasks.extract_attachment_text": "gongkai.search.tasks.extract_attachment_text",
    "gongkai.jobs.tasks.audit_published_reports": "gongkai.auditor.tasks.audit_published_reports",
}


def describe(task_wrapper, label: str, summary: Callable[[tuple, dict], str] | None = None):
    """Register the Chinese label (and an argument summary) of a task; returns the task."""
    name = full_name(task_wrapper.task_class)
    LABELS[name] = label
    if summary is not None:
        SUMMARIES[name] = summary
    return task_wrapper


def full_name(task_or_class) -> str:
    cls = task_or_class if isinstance(task_or_class, type) else type(task_or_class)
    return f"{cls.__module__}.{cls.__name__}"


def task_label(name: str) -> str:
    return LABELS.get(MOVED.get(name, name), name.rsplit(".", 1)[-1])
