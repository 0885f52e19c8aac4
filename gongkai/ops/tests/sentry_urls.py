"""A view that fails, for the error-tracking test (gongkai/ops/tests/test_errors.py)."""

from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def boom(request):
    name = request.POST.get("name")  # a local variable holding personal data
    return 1 / 0 if name else None


urlpatterns = [path("boom/", boom), path("", include("gongkai.urls"))]
handler500 = "gongkai.portal.errors.server_error"
