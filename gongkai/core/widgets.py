"""Form widgets shared by the apps (upload widgets are in files/widgets.py)."""

from __future__ import annotations

from django import forms


class DateInput(forms.DateInput):
    """The browser's date picker; the value written in ISO form, which DateField reads back."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


DATE_WIDGET = DateInput()
