"""The one way a private file leaves the server, called by views after their access check.

Local private storage:
- Production (``GONGKAI_PRIVATE_ACCEL_PREFIX`` set, e.g. ``/_private/``): an empty response with
  ``X-Accel-Redirect: /_private/<name>``; nginx sends the bytes from an ``internal`` location aliased
  to PRIVATE_MEDIA_ROOT, so no worker is held by a download and the files have no URL of their own.
- Development and tests (prefix empty): Django streams the file with FileResponse.

Private bucket (``PrivateS3Storage``, GONGKAI_S3_BUCKET):
- By default Django streams the object (FileResponse on ``storage.open``): the bucket is never
  reachable from a browser and the access log records the download itself; the cost is a gunicorn
  worker held for the length of the download (and the object spooled through the app server).
- ``GONGKAI_S3_PRIVATE_REDIRECT=1``: a 302 to a presigned GET link valid
  ``GONGKAI_S3_PRESIGN_SECONDS`` [60] with the file name, type and (for restricted files) caching
  rule carried in the signed ``response-content-*`` parameters; no worker held, but the link is a
  bearer token for its life (anyone who gets it in that minute downloads the file) and the log
  records the grant, not the download. ``public``: only files that are public anyway (published
  attachments, gazette PDFs from their date) are redirected; identity proofs keep streaming.
  The redirect itself is ``Cache-Control: private, no-store``, so no cache keeps the signed link.
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header

MISSING = "文件不存在或已被移除"
NO_STORE = "private, no-store"


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
    if prefix and is_local(storage):
        if not storage.exists(fieldfile.name):
            raise Http404(MISSING)
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(fieldfile.name.lstrip("/"), safe="/")
        response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    elif _presigned(storage, restricted):
        return _redirect(fieldfile, filename=filename, content_type=content_type, as_attachment=as_attachment,
                         restricted=restricted)
    else:
        try:
            handle = fieldfile.open("rb")
        except (FileNotFoundError, ValueError, OSError):
            raise Http404(MISSING) from None
        response = FileResponse(handle, as_attachment=as_attachment, filename=filename, content_type=content_type)
    if restricted:
        response["Cache-Control"] = NO_STORE
    return response


def _presigned(storage, restricted: bool) -> bool:
    """Whether this file leaves by a presigned link (a bucket storage that makes them, and the mode)."""
    mode = str(getattr(settings, "GONGKAI_S3_PRIVATE_REDIRECT", "0"))
    if not hasattr(storage, "presigned_url"):
        return False
    return mode == "1" or (mode == "public" and not restricted)


def _redirect(fieldfile, *, filename, content_type, as_attachment, restricted):
    storage = fieldfile.storage
    if not storage.exists(fieldfile.name):  # rather than the bucket's own XML error page
        raise Http404(MISSING)
    params = {"ResponseContentDisposition": content_disposition_header(as_attachment, filename),
              "ResponseContentType": content_type}
    if restricted:
        params["ResponseCacheControl"] = NO_STORE
    seconds = int(getattr(settings, "GONGKAI_S3_PRESIGN_SECONDS", 60))
    response = HttpResponseRedirect(storage.presigned_url(fieldfile.name, expire=seconds, parameters=params))
    response["Cache-Control"] = NO_STORE  # the signed link is a bearer token: never cached on the way
    response["Referrer-Policy"] = "no-referrer"
    return response


def is_local(storage) -> bool:
    """X-Accel-Redirect needs nginx to see the file: only for storages on the local disk."""
    try:
        storage.path("x")
    except NotImplementedError:
        return False
    return True
