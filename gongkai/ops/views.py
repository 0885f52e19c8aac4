"""``/healthz`` for the load balancer and the operator's monitoring: JSON, no login, never cached,
no rate limit; 200 when every check passes, 503 otherwise (see :mod:`gongkai.ops.health`)."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import health


@never_cache
@require_http_methods(["GET", "HEAD"])
def healthz(request):
    healthy, body = health.run_checks()
    return JsonResponse(body, status=200 if healthy else 503, json_dumps_params={"ensure_ascii": False})
