from django.urls import path

from . import views

urlpatterns = [
    path("", views.years, name="calendar-years"),
]
