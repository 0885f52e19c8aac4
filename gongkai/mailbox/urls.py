"""Public mailbox pages (/mailbox/)."""

from django.urls import path

from . import public_query, public_views

app_name = "mailbox"

urlpatterns = [
    path("", public_views.index, name="index"),
    path("query/", public_query.query, name="query"),
    path("query/<str:code>/", public_query.message_page, name="query-message"),
    path("query/<str:code>/apply/", public_query.apply_from_message, name="query-apply"),
    path("<slug:code>/", public_views.organ, name="organ"),
    path("<slug:code>/done/", public_views.done, name="done"),
    path("<slug:code>/replies/", public_views.replies, name="replies"),
    path("<slug:code>/replies/<int:pk>/", public_views.reply_detail, name="reply"),
    path("<slug:code>/summary/", public_views.summary, name="summary"),
]
