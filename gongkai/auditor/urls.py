from django.urls import path

from gongkai.auditor import views

app_name = "auditor"

urlpatterns = [
    path("", views.audit, name="audit"),
]
