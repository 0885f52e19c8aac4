"""Staff URLs, included as ``path("staff/reports/", include("gongkai.reports.urls"))``;
names in the ``reports`` namespace, e.g. ``reverse("reports:detail", args=[pk])``."""

from django.urls import path, register_converter

from . import interp_views, views


class CellConverter:
    regex = r"[a-z_]+\.[a-z0-9_]+\.[a-z0-9_]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(CellConverter, "cell")

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/", views.report_new, name="new"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("figures/", views.figures, name="figures"),
    path("past/", views.past_reports, name="past"),
    path("past/enter/", views.past_enter, name="past-enter"),
    path("past/<int:pk>/", views.past_detail, name="past-detail"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/edit/", views.report_edit, name="edit"),
    path("<int:pk>/members/", views.report_members, name="members"),
    path("<int:pk>/cells/<cell:cell>/", views.cell_records, name="cell"),
    path("<int:pk>/action/<slug:name>/", views.report_action, name="action"),
    path("<int:pk>/report.<slug:fmt>", views.report_export, name="export"),
    path("<int:pk>/chart-<slug:name>.svg", views.report_chart, name="chart"),
    # 年报解读 (issue 17 item 1)
    path("interpretations/new/", interp_views.interpretation_new, name="interpretation-new"),
    path("interpretations/<int:pk>/", interp_views.interpretation_detail, name="interpretation"),
    path("interpretations/<int:pk>/interpretation.<slug:fmt>", interp_views.interpretation_file,
         name="interpretation-file"),
]
