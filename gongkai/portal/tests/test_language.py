"""Every word a user sees is Chinese, whatever language the browser prefers."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
@pytest.mark.parametrize("accept", ["en-US,en;q=0.9", "fr", "zh-TW"])
def test_form_errors_are_chinese_for_any_browser_language(client, accept):
    r = client.post(reverse("apply"), {}, HTTP_ACCEPT_LANGUAGE=accept)
    body = r.content.decode()
    assert "This field is required" not in body
    assert "该字段是必填项" in body
