"""Public URLs of 建议提案办理结果, included as ``path("gk/proposals/", include(...))`` *before*
``path("gk/", …)`` so that ``proposals`` is not taken for an organ code.

    /gk/proposals/<code>/          the organ's published results: search and filters
    /gk/proposals/<code>/<pk>/     one result with its 复文 (full text or summary)
"""

from django.urls import path

from . import public_views as v

app_name = "proposals_public"

urlpatterns = [
    path("<slug:code>/", v.result_list, name="index"),
    path("<slug:code>/<int:pk>/", v.result_detail, name="detail"),
]
