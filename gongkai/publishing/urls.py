from django.urls import path

from . import catalogue_views, views

urlpatterns = [
    path("", views.document_list, name="doc-list"),
    path("new/", views.document_edit, name="doc-new"),
    path("dashboard/", views.dashboard, name="publishing-dashboard"),
    path("catalogue/", views.standard_catalogue, name="standard-catalogue"),
    path("catalogue/limits/", catalogue_views.catalogue_limits, name="catalogue-limits"),
    path("<int:pk>/", views.document_staff, name="doc-staff"),
    path("<int:pk>/edit/", views.document_edit, name="doc-edit"),
    path("<int:pk>/interpretation/", views.interpretation_new, name="doc-interpretation"),
    path("<int:pk>/attachments/<int:att>/", views.attachment, name="doc-attachment-staff"),
    path("<int:pk>/<slug:name>/", views.document_action, name="doc-action"),
]
