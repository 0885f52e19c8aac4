from django.apps import AppConfig


class MailboxConfig(AppConfig):
    name = "gongkai.mailbox"
    label = "mailbox"
    verbose_name = "领导信箱（互动交流）"
    default_auto_field = "django.db.models.BigAutoField"
