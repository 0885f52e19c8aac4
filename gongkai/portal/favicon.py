"""``/favicon.ico``: browsers and crawlers ask for it whatever the page says; it answers with a
redirect to the site's SVG icon (the one base.html links) instead of a 404."""

from django.http import HttpResponseRedirect
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe


@require_safe
@cache_control(public=True, max_age=86400)  # not permanent: the static URL may change with a release
def favicon(request):
    return HttpResponseRedirect(static("gongkai/favicon.svg"))
