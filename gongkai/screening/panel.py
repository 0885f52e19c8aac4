"""What the document page shows of the leak guard (publishing/views.document_staff includes it): the
findings with their place, what a clean copy would remove per attachment, the decisions recorded (who,
when, why) and the originals kept. Read-only; the actions are views.py's."""

from __future__ import annotations

from collections import OrderedDict

from gongkai.publishing.attachments import PDF

from . import access, gate
from .models import Decision, KeptOriginal


def context(doc, user) -> dict:
    items = gate.items(doc)
    cleanable: OrderedDict = OrderedDict()
    for item in items:
        if item.attachment is not None and item.cleanable and item.decision is None:
            cleanable.setdefault(item.attachment.pk, {"attachment": item.attachment, "labels": [], "n": 0,
                                                      "flatten": item.attachment.content_type == PDF})
            entry = cleanable[item.attachment.pk]
            entry["n"] += 1
            if item.label not in entry["labels"]:
                entry["labels"].append(item.label)
    groups: OrderedDict = OrderedDict()
    for item in items:
        groups.setdefault(item.source, []).append(item)
    decidable = [i for i in items if i.decision is None and i.key != "unscreened"]
    return {
        "items": items,
        "groups": list(groups.items()),  # one row group per source: the text, then each attachment
        "decidable": [(f"{i.attachment.pk if i.attachment else ''}:{i.key}", f"{i.source} {i.place}（{i.label}）")
                      for i in decidable],
        "open": sum(1 for i in items if i.decision is None),
        # what holds 保密审查 and publication now: an attachment not yet inspected is inspected when the
        # step is asked for (publishing/services._screen), so it does not disable the buttons
        "blocking": sum(1 for i in items if i.decision is None and i.key != "unscreened"),
        "cleanable": list(cleanable.values()),
        "can_decide": access.can_decide(user, doc),
        "can_clean": access.can_clean(user, doc),
        "can_read_original": access.can_read_original(user, doc),
        "decisions": Decision.objects.filter(document=doc).select_related("actor", "attachment"),
        "originals": KeptOriginal.objects.filter(attachment__document=doc).select_related("actor", "attachment"),
    }
