"""Staff pages of one remedy case and its defence bundles (included under /staff/remedies/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/", views.remedy_detail, name="remedy"),
    path("<int:pk>/bundle/", views.bundle_create, name="remedy-bundle"),
    path("bundles/<int:pk>/<str:fmt>/", views.bundle_download, name="remedy-bundle-file"),
]
