from django.apps import AppConfig


class WebsitesConfig(AppConfig):
    """The organs' websites crawled for their annual reports (issue 16 item 4): crawl runs, one row
    per organ, and the fetch cache that makes a rerun send conditional requests only."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.websites"
    verbose_name = "网站年报抓取"
