"""Form widget for private file fields: the stored file is linked through an access-checked view,
never through ``FieldFile.url`` (the private storage has no URL and refuses to make one)."""

from django.forms import ClearableFileInput


class _Linked:
    def __init__(self, value, url):
        self.name, self.url = str(value), url

    def __str__(self):
        return self.name


class PrivateFileInput(ClearableFileInput):
    """``url_for(field_file) -> str | None``: the view that serves the current file (no link if None)."""

    def __init__(self, attrs=None, url_for=None):
        super().__init__(attrs)
        self.url_for = url_for

    def is_initial(self, value):
        # ClearableFileInput asks for value.url, which the private storage refuses.
        return bool(value and getattr(value, "name", None))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            url = self.url_for(value) if self.url_for else None
            context["widget"]["value"] = _Linked(value, url or "")
        return context
