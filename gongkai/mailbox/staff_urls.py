"""Staff mailbox pages (/staff/mailbox/)."""

from django.urls import path

from . import views

app_name = "mailbox_staff"

urlpatterns = [
    path("", views.message_list, name="list"),
    path("statistics/", views.yearly, name="stats"),
    path("from-application/<int:pk>/", views.from_application, name="from-application"),
    path("<int:pk>/", views.message_detail, name="detail"),
    path("<int:pk>/<slug:name>/", views.message_action, name="action"),
]
