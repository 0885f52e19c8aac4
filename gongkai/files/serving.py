"""The one way a private file leaves the server, called by views after their access check.

Production (``GONGKAI_PRIVATE_ACCEL_PREFIX`` set, e.g. ``/_private/``): an empty response with
``X-Accel-Redirect: /_private/<name>``; nginx sends the bytes from an ``internal`` location aliased to
PRIVATE_MEDIA_ROOT, so no worker is held by a download and the files have no URL of their own.
Development and tests (prefix empty): Django streams the file with FileResponse.
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header

MISSING = "文件不存在或已被移除"


def serve(fieldfile, *, filename: str, content_type: str = "", as_attachment: bool = False,
          restricted: bool = True):
    """Answer with the file behind ``fieldfile`` (a FieldFile); 404 when it is empty or gone.

    Call only after the view has decided that ``request.user`` may read it and logged the read.
    ``restricted`` (all but public attachments and gazette PDFs): no copy is kept by the browser or
    any cache on the way (``Cache-Control: private, no-store``, passed on by nginx with the redirect).
    """
    if not fieldfile:
        raise Http404(MISSING)
    content_type = content_type or "application/octet-stream"
    prefix = getattr(settings, "GONGKAI_PRIVATE_ACCEL_PREFIX", "")
    storage = fieldfile.storage
    if prefix and _is_local(storage):
        if not storage.exists(fieldfile.name):
            raise Http404(MISSING)
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(fieldfile.name.lstrip("/"), safe="/")
        response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    else:
        try:
            handle = fieldfile.open("rb")
        except (FileNotFoundError, ValueError, OSError):
            raise Http404(MISSING) from None
        response = FileResponse(handle, as_attachment=as_attachment, filename=filename, content_type=content_type)
    if restricted:
        response["Cache-Control"] = "private, no-store"
    return response


def _is_local(storage) -> bool:
    """X-Accel-Redirect needs nginx to see the file: only for storages on the local disk."""
    try:
        storage.path("x")
    except NotImplementedError:
        return False
    return True
