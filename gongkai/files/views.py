"""Development server route for public media (DEBUG only; nginx serves /media/ in production)."""

from django.conf import settings
from django.http import Http404
from django.views.static import serve

# Upload directories of the private classes. Nothing writes them under MEDIA_ROOT any more (the
# migrations moved what was there); a leftover copy is still never served.
PRIVATE_UPLOAD_DIRS = ("applications", "documents", "gazette")


def public_media(request, path):
    first = path.replace("\\", "/").lstrip("/").split("/", 1)[0]
    if first in PRIVATE_UPLOAD_DIRS:
        raise Http404("未找到该文件")
    return serve(request, path, document_root=settings.MEDIA_ROOT)
