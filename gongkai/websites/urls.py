"""Staff URLs of the website crawl, included as ``path("staff/websites/", include("gongkai.websites.urls"))``."""

from django.urls import path

from gongkai.websites import views

app_name = "websites"

urlpatterns = [
    path("", views.crawls, name="crawls"),
    path("runs/<int:pk>/", views.run_page, name="run"),
    path("runs/<int:pk>/export.<str:fmt>", views.export_run, name="export"),
]
