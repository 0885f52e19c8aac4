"""Staff URLs, included as ``path("staff/proposals/", include("gongkai.proposals.urls"))``."""

from django.urls import path

from . import views

app_name = "proposals"

urlpatterns = [
    path("", views.proposal_list, name="list"),
    path("new/", views.proposal_new, name="new"),
    path("<int:pk>/", views.proposal_detail, name="detail"),
    path("<int:pk>/reply/", views.reply_file, name="reply-file"),
    path("<int:pk>/<slug:name>/", views.proposal_action, name="action"),
]
