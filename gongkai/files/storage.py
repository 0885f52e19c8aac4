"""The private storage: files that must never have a public URL.

Selected by ``settings.GONGKAI_PRIVATE_STORAGE`` (same shape as an entry of Django's ``STORAGES``):
``PrivateFileSystemStorage`` under PRIVATE_MEDIA_ROOT by default, ``PrivateS3Storage`` (a private
bucket through django-storages) when ``GONGKAI_S3_BUCKET`` is set. Model fields name the callable
``private_storage``, so migrations never record the backend or its location.

Object storage (optional, ``pip install '.[s3]'``): ``object_storage_settings(os.environ)`` turns the
``GONGKAI_S3_*`` variables into the two STORAGES-style entries that gongkai/settings.py uses, and
refuses a configuration that would mix private and public files. ``PrivateS3Storage`` and
``PublicS3Storage`` subclass django-storages' ``S3Storage``; they are built on first access of the
module attribute (``__getattr__`` below), so this module, the settings and the whole project import
without django-storages installed, and only an environment that asks for S3 needs it.
"""

from __future__ import annotations

import functools
import importlib.util
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
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


# -------------------------------------------------------------------------------- object storage

S3_MISSING = ("已设置 {var}（对象存储），但未安装 django-storages[s3]：请执行 pip install '.[s3]'，"
              "或删除 GONGKAI_S3_* 环境变量以使用本地文件")
PRIVATE_S3 = "gongkai.files.storage.PrivateS3Storage"
PUBLIC_S3 = "gongkai.files.storage.PublicS3Storage"
# Longest life of a presigned link the serving code may ask for (GONGKAI_S3_PRESIGN_SECONDS is 60).
PRESIGN_MAX_SECONDS = 3600


def _s3_installed() -> bool:
    return all(importlib.util.find_spec(m) is not None for m in ("storages", "boto3"))


def object_storage_settings(env) -> tuple[dict | None, dict | None]:
    """(private entry, public entry) for GONGKAI_PRIVATE_STORAGE and STORAGES["default"]; None where
    the environment keeps local files. Raises ImproperlyConfigured (in Chinese) for what must not run.

    GONGKAI_S3_BUCKET         private bucket (identity proofs, every attachment, gazette PDFs)
    GONGKAI_S3_PUBLIC_BUCKET  public media bucket; must be another bucket
    GONGKAI_S3_PUBLIC_URL     optional: the public bucket's address for links (CDN or custom domain)
    GONGKAI_S3_PUBLIC_ACL     ACL of public objects [public-read]; empty: none sent (bucket policy)
    GONGKAI_S3_ENDPOINT_URL   the S3 API of MinIO or a cloud's OSS (empty: AWS)
    GONGKAI_S3_REGION         region name (MinIO: us-east-1)
    GONGKAI_S3_ADDRESSING_STYLE  path (MinIO) | virtual | auto
    GONGKAI_S3_PRIVATE_PREFIX / GONGKAI_S3_PUBLIC_PREFIX  key prefix in each bucket [private / media]
    The keys: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, read from the environment by boto3 itself
    (never copied into settings).
    """
    private_bucket = env.get("GONGKAI_S3_BUCKET", "").strip()
    public_bucket = env.get("GONGKAI_S3_PUBLIC_BUCKET", "").strip()
    if not (private_bucket or public_bucket):
        return None, None
    if not _s3_installed():
        raise ImproperlyConfigured(S3_MISSING.format(var="GONGKAI_S3_BUCKET" if private_bucket else
                                                     "GONGKAI_S3_PUBLIC_BUCKET"))
    if private_bucket and private_bucket == public_bucket:
        raise ImproperlyConfigured("GONGKAI_S3_BUCKET（私有文件桶）与 GONGKAI_S3_PUBLIC_BUCKET（公开文件桶）"
                                   "必须是两个不同的桶：私有文件所在的桶不得有任何公开读取权限")
    common = {
        "endpoint_url": env.get("GONGKAI_S3_ENDPOINT_URL", "").strip() or None,
        "region_name": env.get("GONGKAI_S3_REGION", "").strip() or None,
        "addressing_style": env.get("GONGKAI_S3_ADDRESSING_STYLE", "").strip() or None,
    }
    style = common["addressing_style"]
    if style not in (None, "path", "virtual", "auto"):
        raise ImproperlyConfigured(f"GONGKAI_S3_ADDRESSING_STYLE 只能是 path、virtual 或 auto，而不是 {style!r}")
    private = public = None
    if private_bucket:
        private = {"BACKEND": PRIVATE_S3, "OPTIONS": {
            **common, "bucket_name": private_bucket,
            "location": env.get("GONGKAI_S3_PRIVATE_PREFIX", "private").strip("/ "),
        }}
    if public_bucket:
        options = {**common, "bucket_name": public_bucket,
                   "location": env.get("GONGKAI_S3_PUBLIC_PREFIX", "media").strip("/ "),
                   "default_acl": env.get("GONGKAI_S3_PUBLIC_ACL", "public-read").strip() or None}
        public_url = env.get("GONGKAI_S3_PUBLIC_URL", "").strip()
        if public_url:
            parts = urlsplit(public_url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ImproperlyConfigured("GONGKAI_S3_PUBLIC_URL 须是完整网址，如 https://files.example.gov.cn")
            options["custom_domain"] = (parts.netloc + parts.path).rstrip("/")
            options["url_protocol"] = parts.scheme + ":"
        public = {"BACKEND": PUBLIC_S3, "OPTIONS": options}
    return private, public


@functools.cache
def _s3_classes() -> dict[str, type]:
    try:
        from storages.backends.s3 import S3Storage
    except ImportError:
        raise ImproperlyConfigured(S3_MISSING.format(var="GONGKAI_S3_BUCKET")) from None

    class _Common(S3Storage):
        signature_version = "s3v4"  # presigned links of AWS, MinIO and the clouds' OSS alike
        file_overwrite = False  # a second upload of the same name gets a new name, as on disk
        max_memory_size = 2 * 1024 * 1024  # a larger download is spooled to a temporary file
        gzip = False

    @deconstructible(path=PRIVATE_S3)
    class PrivateS3Storage(_Common):
        """A private bucket: every object written with the ``private`` ACL; no URL of its own.

        ``url()`` refuses, as ``PrivateFileSystemStorage.url`` does (a plain S3Storage would hand a
        signed link to any template, admin widget or API that asks). The one way to a link is
        ``presigned_url``, called by ``files.serving.serve`` after the view's access check and log,
        with an explicit short expiry. The options cannot turn these off.
        """

        def __init__(self, **options):
            super().__init__(**options)
            self.default_acl = "private"
            self.querystring_auth = True
            self.custom_domain = None
            self.file_overwrite = False
            self.gzip = False

        def url(self, name, parameters=None, expire=None, http_method=None):
            raise ValueError("私有文件没有公开网址，只能通过经权限检查的页面下载")

        def presigned_url(self, name, *, expire: int, parameters: dict | None = None) -> str:
            """A GET link valid ``expire`` seconds (1 … PRESIGN_MAX_SECONDS); for ``serving`` only."""
            if not isinstance(expire, int) or not 0 < expire <= PRESIGN_MAX_SECONDS:
                raise ValueError(f"签名链接的有效期须为 1 至 {PRESIGN_MAX_SECONDS} 秒")
            return super().url(name, parameters=parameters, expire=expire)

    @deconstructible(path=PUBLIC_S3)
    class PublicS3Storage(_Common):
        """Public media: plain links (no signature), through ``custom_domain`` when one is given."""

        querystring_auth = False

    for cls in (PrivateS3Storage, PublicS3Storage):
        cls.__module__, cls.__qualname__ = __name__, cls.__name__
    return {"PrivateS3Storage": PrivateS3Storage, "PublicS3Storage": PublicS3Storage}


def __getattr__(name):
    # import_string("gongkai.files.storage.PrivateS3Storage") and unpickling arrive here.
    if name in ("PrivateS3Storage", "PublicS3Storage"):
        return _s3_classes()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
