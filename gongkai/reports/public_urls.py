"""Public URLs of 政府信息公开年报, included as ``path("gk/reports/", include("gongkai.reports.public_urls"))``
*before* ``path("gk/", include("gongkai.publishing.public_urls"))`` so that ``reports`` is not taken for an
organ code. Names in the ``reports_public`` namespace.

    /gk/reports/<code>/                      the organ's published reports (one entry per year)
    /gk/reports/<code>/<year>/               the organ's report in the official layout
    /gk/reports/<code>/<year>/report.docx    DOCX · .xlsx · .json
    /gk/reports/<code>/<year>/chart-outcomes.svg, chart-years.svg
    /gk/reports/<code>/<year>/interpretation/  the 年报解读（图解）, .png (long image) · .docx
    /gk/reports/<code>/<year>/summary/…      the same for a published roll-up (汇总) report
"""

from django.urls import path

from . import interp_views as iv
from . import public_views as v
from .models import Scope

app_name = "reports_public"

ROLLUP = {"scope": Scope.ROLLUP}

urlpatterns = [
    path("<slug:code>/", v.report_index, name="index"),
    path("<slug:code>/<int:year>/", v.report_page, name="detail"),
    path("<slug:code>/<int:year>/report.<slug:fmt>", v.report_file, name="file"),
    path("<slug:code>/<int:year>/chart-<slug:name>.svg", v.report_chart, name="chart"),
    path("<slug:code>/<int:year>/interpretation/", iv.public_page, name="interpretation"),
    path("<slug:code>/<int:year>/interpretation.<slug:fmt>", iv.public_file, name="interpretation-file"),
    path("<slug:code>/<int:year>/summary/", v.report_page, ROLLUP, name="summary"),
    path("<slug:code>/<int:year>/summary/interpretation/", iv.public_page, ROLLUP, name="summary-interpretation"),
    path("<slug:code>/<int:year>/summary/interpretation.<slug:fmt>", iv.public_file, ROLLUP,
         name="summary-interpretation-file"),
    path("<slug:code>/<int:year>/summary/report.<slug:fmt>", v.report_file, ROLLUP, name="summary-file"),
    path("<slug:code>/<int:year>/summary/chart-<slug:name>.svg", v.report_chart, ROLLUP, name="summary-chart"),
]
