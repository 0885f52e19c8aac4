from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/clean/<int:att>/", views.clean, name="screening-clean"),
    path("<int:pk>/accept/", views.accept, name="screening-accept"),
    path("<int:pk>/rescreen/", views.rescreen, name="screening-rescreen"),
    path("<int:pk>/original/<int:kept>/", views.original, name="screening-original"),
]
