"""Moving stored files between the public MEDIA_ROOT and the private storage (data migrations).

Idempotent: a file already in its target is left alone; a file missing from both places is skipped
with a note (the database row is kept, the page then answers 404 for it). Works on an empty
database. The file name stored in the database changes only when the target already held another
file of that name.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.utils._os import safe_join


def public_storage():
    return FileSystemStorage(location=settings.MEDIA_ROOT)


def move_field_files(model, field: str, source, target, *, out=None) -> dict:
    """Move the file of ``model.<field>`` of every row from ``source`` to ``target`` storage."""
    out = out or sys.stdout
    counts = {"moved": 0, "already": 0, "missing": 0}
    notes: list[str] = []
    rows = model._default_manager.exclude(**{field: ""}).values_list("pk", field).order_by("pk")
    for pk, name in rows.iterator():
        if not name:
            continue
        in_source = _exists(source, name)
        if not in_source:
            if _exists(target, name):
                counts["already"] += 1
            else:
                counts["missing"] += 1
                notes.append(f"  文件缺失，已跳过：{model._meta.label} #{pk} {name}")
            continue
        with source.open(name, "rb") as fh:
            if _exists(target, name) and _same(source, target, name):
                new_name = name
            else:
                new_name = target.save(name, File(fh, name=os.path.basename(name)))
        if new_name != name:
            model._default_manager.filter(pk=pk).update(**{field: new_name})
        source.delete(name)
        _prune_empty_dirs(source, name)
        counts["moved"] += 1
    if any(counts.values()):
        notes.append(f"  {model._meta.label}.{field}：移动 {counts['moved']} 个，已在目标位置 {counts['already']} 个，"
                     f"缺失 {counts['missing']} 个")
        out.write("\n" + "\n".join(notes) + "\n")
    return counts


def _exists(storage, name) -> bool:
    try:
        return storage.exists(name)
    except Exception:  # noqa: BLE001 — a name that cannot exist there (e.g. suspicious path)
        return False


def _same(a, b, name) -> bool:
    try:
        if a.size(name) != b.size(name):
            return False
        with a.open(name, "rb") as fa, b.open(name, "rb") as fb:
            while True:
                ca, cb = fa.read(1 << 20), fb.read(1 << 20)
                if ca != cb:
                    return False
                if not ca:
                    return True
    except OSError:
        return False


def _prune_empty_dirs(storage, name) -> None:
    """Remove the directories the moved file leaves empty (local storages only)."""
    try:
        root = Path(storage.location)
        parent = Path(safe_join(storage.location, name)).parent
    except (AttributeError, NotImplementedError, ValueError):
        return
    while parent != root and root in parent.parents:
        try:
            parent.rmdir()
        except OSError:
            return
        parent = parent.parent
