from django.urls import path

from gongkai.auditor import views

app_name = "auditor"

urlpatterns = [
    path("", views.audit, name="audit"),
    path("ocr/<str:token>/", views.ocr_job, name="ocr_job"),
]
