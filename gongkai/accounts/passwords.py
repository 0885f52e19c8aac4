"""Password rules (settings.AUTH_PASSWORD_VALIDATORS are Django's own, with Django's Chinese messages)."""

from django.contrib.auth import password_validation


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with the error in Chinese: Django 5.2 reworded this message ("%d character") and
    its zh-Hans catalogue still has only the old wording, so the English would show."""

    def get_error_message(self):
        return f"密码长度太短。密码必须包含至少 {self.min_length} 个字符。"
