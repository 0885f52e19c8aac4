"""Staff URLs of the auditor, included as ``path("staff/audit/", include("gongkai.auditor.staff_urls"))``."""

from django.urls import path

from gongkai.auditor import views

app_name = "auditor_staff"

urlpatterns = [
    path("published/", views.published, name="published"),
    path("published/runs/<int:pk>/", views.published_run, name="run"),
]
