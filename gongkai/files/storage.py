"""The private storage: files that must never have a public URL.

Selected by ``settings.GONGKAI_PRIVATE_STORAGE`` (same shape as an entry of Django's ``STORAGES``),
so object storage (django-storages' S3Storage with signed URLs off and a private bucket) can replace
the default ``PrivateFileSystemStorage`` without a model change. Model fields name the callable
``private_storage``, so migrations never record the backend or its location.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.signals import setting_changed
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from django.utils.module_loading import import_string


@deconstructible(path="gongkai.files.storage.PrivateFileSystemStorage")
class PrivateFileSystemStorage(FileSystemStorage):
    """Files under ``settings.PRIVATE_MEDIA_ROOT`` (outside MEDIA_ROOT); ``url()`` always refuses.

    FileSystemStorage falls back to MEDIA_URL when ``base_url`` is None, so both are overridden here:
    a private file is reached only through a view that checks access (``gongkai.files.serving``).
    """

    def __init__(self, location=None, **kwargs):
        kwargs.pop("base_url", None)
        super().__init__(location=location, base_url=None, **kwargs)

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("私有文件没有公开网址，只能通过经权限检查的页面下载")

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


@functools.cache
def _private_storage():
    config = getattr(settings, "GONGKAI_PRIVATE_STORAGE", None) or {}
    backend = import_string(config.get("BACKEND", "gongkai.files.storage.PrivateFileSystemStorage"))
    return backend(**config.get("OPTIONS", {}))


def private_storage():
    """The storage of every private file field (a callable, so it is chosen at run time)."""
    return _private_storage()


def _reset(setting, **kwargs):
    if setting == "GONGKAI_PRIVATE_STORAGE":
        _private_storage.cache_clear()


setting_changed.connect(_reset)
