"""Public URLs of proactive publication. Included by the root URLconf as
``path("gk/", include("gongkai.publishing.public_urls"))`` *before* the portal's ``gk/<slug:code>/``
routes, so that ``gk/library/``, ``gk/gazette/`` and ``gk/consultations/`` are not taken for organ codes.
Names live in the ``public`` namespace, e.g. ``reverse("public:doc", args=[pk])``."""

from django.urls import path

from . import public_catalogue as cat
from . import public_gazette as gaz
from . import public_library as lib
from . import public_views as v

app_name = "public"

urlpatterns = [
    path("docs/<int:pk>/", v.document_detail, name="doc"),
    path("docs/<int:pk>/attachments/<int:att>/", v.document_attachment, name="doc-attachment"),
    path("library/", lib.library, name="library"),
    path("interpretations/<int:pk>/", v.interpretation_detail, name="interpretation"),
    path("gazette/", gaz.gazette_list, name="gazette"),
    path("gazette/<int:pk>/", gaz.gazette_issue, name="gazette-issue"),
    path("gazette/<int:pk>/pdf/", gaz.gazette_pdf, name="gazette-pdf"),
    path("consultations/", gaz.consultation_list, name="consultations"),
    path("consultations/<int:pk>/", gaz.consultation_detail, name="consultation"),
    path("display/<slug:pref>/", v.display_switch, name="display"),
    path("sitemap.xml", v.sitemap, name="sitemap"),
    path("<slug:code>/catalogue/", cat.catalogue, name="catalogue"),
    path("<slug:code>/catalogue/<int:node>/", cat.catalogue_node, name="catalogue-node"),
]
