"""Settings, configured from the environment.

DATABASE_URL   sqlite:///path or postgres://user@host:port/name (default: var/gongkai.sqlite3)
SECRET_KEY     required when DEBUG is off
DEBUG          "1" for development only (`make run` sets it); anything else is production
ALLOWED_HOSTS  comma-separated; required when DEBUG is off
EMAIL_URL      not used; EMAIL_BACKEND may be set to a dotted path (console in development)
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("GONGKAI_VAR", BASE_DIR / "var"))

# Safe by default (issue 12): development only with DEBUG=1, which `make run` sets; otherwise the
# process refuses to start without a key and host names of its own (no fallback key, no default hosts).
DEBUG = os.environ.get("DEBUG", "0") == "1"
SECRET_KEY = os.environ.get("SECRET_KEY", "") or ("dev-insecure-key-only-for-local-use" if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("未设置 SECRET_KEY：生产模式（DEBUG 不为 1）必须在环境变量中提供 SECRET_KEY，见 README“配置”")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "").split(",")
    if h.strip()
]
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("未设置 ALLOWED_HOSTS：生产模式（DEBUG 不为 1）必须在环境变量中提供本站域名，见 README“配置”")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "gongkai.core",  # shared plumbing: errors, versioning, append-only guard (gongkai/core)
    "gongkai.agencies",
    "gongkai.holidays",
    "gongkai.applications",
    "gongkai.letters",
    "gongkai.remedies",
    "gongkai.publishing",
    "gongkai.screening",  # the leak guard before publication: hidden content, personal data (gongkai/screening)
    "gongkai.search",
    "gongkai.portal",
    "gongkai.reports",
    "gongkai.proposals",  # 建议提案办理: 人大代表建议 and 政协委员提案 (gongkai/proposals)
    "gongkai.auditor",
    "gongkai.websites",  # the organs' websites crawled for their annual reports (gongkai/websites)
    "gongkai.notifications",  # the applicant told of each event by e-mail and SMS (gongkai/notifications)
    "gongkai.mailbox",  # 领导信箱 / 互动交流 (gongkai/mailbox, issue 17 item 3)
    "gongkai.demo",  # the 示例市 demo world and `load_demo` (imports the apps; no app imports it)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files in `make serve` (nginx serves them in deploy/)
    "csp.middleware.CSPMiddleware",  # Content-Security-Policy (security block below)
    "gongkai.ops.page_cache.PublicPageCacheMiddleware",  # anonymous public pages (gongkai/ops/page_cache.py)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): signed in with a second factor
    "django.contrib.messages.middleware.MessageMiddleware",
    "gongkai.accounts.middleware.SecondFactorMiddleware",  # owes a second factor: only that, nothing else
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "gongkai.publishing.middleware.DisplayPreferencesMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires: turns a lock-out into its page
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "gongkai" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.portal.context.site",
                "gongkai.publishing.context.display_prefs",
                "gongkai.applications.context.calendar_banner",
            ],
        },
    },
]

_default_db = f"sqlite:///{VAR_DIR / 'gongkai.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", _default_db), conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", 0))
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take the write lock at BEGIN, so two concurrent state changes are
    # serialised instead of both reading the old state (select_for_update is a no-op on SQLite).
    # The wait for another writer ("timeout") is GONGKAI_DB_BUSY_SECONDS, in "operations" below.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 5}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workbench"
LOGOUT_REDIRECT_URL = "portal-home"

LANGUAGE_CODE = "zh-hans"
# The one language of the product: a browser that prefers English (LocaleMiddleware reads
# Accept-Language) must still get Django's own messages in Chinese ("这个字段是必填项。").
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "gongkai" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"

# -- private files (issue 12) --
# Identity proofs, authorisations, every application attachment, document attachments and gazette
# PDFs live here, outside MEDIA_ROOT, with no URL; views check access and log, then serve them
# (gongkai/files). GONGKAI_PRIVATE_STORAGE has the shape of a STORAGES entry.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("GONGKAI_PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
GONGKAI_PRIVATE_STORAGE = {"BACKEND": "gongkai.files.storage.PrivateFileSystemStorage", "OPTIONS": {}}
# Object storage (optional, pip install '.[s3]'; README "Object storage"): GONGKAI_S3_BUCKET puts the
# private files in a private bucket, GONGKAI_S3_PUBLIC_BUCKET public media in another one
# (gongkai/files/storage.py reads the GONGKAI_S3_* variables). Unset: local files, as above.
from gongkai.files.storage import object_storage_settings  # noqa: E402

_private_s3, _public_s3 = object_storage_settings(os.environ)
if _private_s3:
    GONGKAI_PRIVATE_STORAGE = _private_s3
if _public_s3:
    STORAGES = {"default": _public_s3,
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
# Private files in a bucket leave through Django (streamed, a worker per download) unless this is
# "1" (every private file) or "public" (published attachments and gazette PDFs only): then a 302 to
# a presigned link valid GONGKAI_S3_PRESIGN_SECONDS (gongkai/files/serving.py).
GONGKAI_S3_PRIVATE_REDIRECT = os.environ.get("GONGKAI_S3_PRIVATE_REDIRECT", "0").strip() or "0"
if GONGKAI_S3_PRIVATE_REDIRECT not in ("0", "1", "public"):
    raise ImproperlyConfigured("GONGKAI_S3_PRIVATE_REDIRECT 只能是 0、1 或 public")
GONGKAI_S3_PRESIGN_SECONDS = int(os.environ.get("GONGKAI_S3_PRESIGN_SECONDS", 60))
# nginx internal location for X-Accel-Redirect (e.g. "/_private/"); empty: Django streams the file.
GONGKAI_PRIVATE_ACCEL_PREFIX = os.environ.get("GONGKAI_PRIVATE_ACCEL_PREFIX", "")
for _public_root in (MEDIA_ROOT, STATIC_ROOT):
    _pub, _priv = Path(_public_root).resolve(), PRIVATE_MEDIA_ROOT.resolve()
    if _priv == _pub or _pub in _priv.parents or _priv in _pub.parents:
        raise ImproperlyConfigured("GONGKAI_PRIVATE_MEDIA_ROOT（私有文件目录）必须位于 MEDIA_ROOT 和 STATIC_ROOT 之外")

# Uploads (identity proof, authorisation): type sniffed from content, size-limited.
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", 10 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@gongkai.example")
# SMS to applicants (gongkai/notifications/sms.py): a class with send(phone, text); the default only logs
# (phone masked). A deployment names its gateway adapter here (README "Notifications to applicants").
GONGKAI_SMS_BACKEND = os.environ.get("GONGKAI_SMS_BACKEND", "gongkai.notifications.sms.LogSmsBackend")

# -- jobs, schedule and shared cache (issue 12) --
# One cache shared by every process, with atomic increment (django-ratelimit counts in it): Redis
# when REDIS_URL is set (django-redis), else diskcache's SQLite-backed DjangoCache under VAR_DIR/cache,
# which every worker process on the machine opens. Jobs: Huey (gongkai/jobs; ARCHITECTURE.md
# "Jobs and schedule, shared cache"), on the same Redis, else SqliteHuey in VAR_DIR/jobs.sqlite3.
# HUEY_IMMEDIATE=1 (the default with DEBUG=1, i.e. `make run`, and in tests) runs each job at once
# in the process that enqueues it, and no schedule; `python manage.py run_huey` is the worker and
# the scheduler.
INSTALLED_APPS += ["django_ratelimit", "huey.contrib.djhuey", "gongkai.jobs"]
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {
        "BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "gongkai",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
    }}
else:
    CACHES = {"default": {
        "BACKEND": "diskcache.DjangoCache", "LOCATION": str(VAR_DIR / "cache"), "SHARDS": 4,
        # Seconds SQLite waits for another process's write; add/incr retry after that (never lost).
        "DATABASE_TIMEOUT": 0.25, "OPTIONS": {"size_limit": 2**30},
    }}
# Anonymous public pages in that cache, ended by any change of public content (gongkai/ops/page_cache.py).
GONGKAI_PAGE_CACHE = os.environ.get("GONGKAI_PAGE_CACHE", "1") == "1"
GONGKAI_PAGE_CACHE_SECONDS = int(os.environ.get("GONGKAI_PAGE_CACHE_SECONDS", 600))
GONGKAI_PAGE_CACHE_APPS = ("publishing", "agencies", "reports", "proposals", "holidays", "search")
# Apps whose rows the public writes (a letter): they end only their own pages (ops/page_cache.SCOPES).
GONGKAI_PAGE_CACHE_SCOPED_APPS = ("mailbox",)
GONGKAI_PAGE_CACHE_VARIANT_COOKIES = ("gk_senior", "gk_trad")  # publishing/context.PREF_COOKIES
# Opt-in: nginx (deploy/nginx) keeps those pages this many seconds itself; a change can then take
# that long to show. 0 (default): nginx caches no page and every change shows at once.
GONGKAI_NGINX_MICROCACHE_SECONDS = int(os.environ.get("GONGKAI_NGINX_MICROCACHE_SECONDS", 0))
RATELIMIT_USE_CACHE = "default"
RATELIMIT_VIEW = "gongkai.portal.views.rate_limited"
# The client behind the nginx of deploy/: gongkai/client_address.py (trusted proxies below).
RATELIMIT_IP_META_KEY = "gongkai.client_address.client_ip"
GONGKAI_TRUSTED_PROXIES = [
    p.strip() for p in os.environ.get("GONGKAI_TRUSTED_PROXIES", "127.0.0.1,::1").split(",") if p.strip()
]
# django-ratelimit warns (W001) for any backend outside its short list; diskcache's add/incr are
# atomic SQLite transactions across processes (ARCHITECTURE.md "Jobs and schedule, shared cache").
SILENCED_SYSTEM_CHECKS = [*globals().get("SILENCED_SYSTEM_CHECKS", ()), "django_ratelimit.W001"]
HUEY_IMMEDIATE = os.environ.get("HUEY_IMMEDIATE", "1" if DEBUG else "0") == "1"
if REDIS_URL:
    HUEY = {"huey_class": "huey.PriorityRedisHuey", "url": REDIS_URL}
else:
    HUEY = {"huey_class": "huey.SqliteHuey", "filename": str(VAR_DIR / "jobs.sqlite3")}
    if not HUEY_IMMEDIATE:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
HUEY.update(
    name="gongkai", immediate=HUEY_IMMEDIATE, results=False,
    utc=False,  # crontab in local time, which Django sets to TIME_ZONE (Asia/Shanghai)
    # flush_locks: a lock left by a killed worker is cleared when a worker starts (jobs/schedule.py).
    consumer={"workers": int(os.environ.get("HUEY_WORKERS", 2)), "worker_type": "thread", "flush_locks": True},
)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Gongkai 政府信息公开平台 API",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
}

# Project conventions of domain.md, one setting each (see ARCHITECTURE.md).
GONGKAI = {
    "DUE_SOON_WORKING_DAYS": int(os.environ.get("GONGKAI_DUE_SOON_WORKING_DAYS", 3)),  # 3.4
    "CORRECTION_PERIOD_DAYS": 15,  # 3.3 c
    "CONFIRM_ONLINE_WITHIN_WORKING_DAYS": 1,  # 3.3 b
    "SITE_NAME": os.environ.get("GONGKAI_SITE_NAME", "示例市人民政府"),
    "SITE_ID_CODE": os.environ.get("GONGKAI_SITE_ID_CODE", "9999000001"),
    "ICP": os.environ.get("GONGKAI_ICP", "示ICP备00000000号"),
    # The public address of the site, for links in e-mails and SMS to applicants (no request to read it from).
    "PUBLIC_BASE_URL": os.environ.get("GONGKAI_PUBLIC_BASE_URL", "http://127.0.0.1:8000"),
    # 建议提案 answer deadline (gongkai/law/proposals.py): "3m" three months (default), "60wd" working days.
    "PROPOSAL_DEADLINE": os.environ.get("GONGKAI_PROPOSAL_DEADLINE", "3m"),
}

# LOGGING: JSON lines with request and user ids, in "operations and input limits" below.

# -- security and sign-in (issue 12) --
# Where each rule lives: ARCHITECTURE.md "Security and sign-in". Production (DEBUG off) gets HTTPS,
# secure cookies, HSTS, the second factor; development (DEBUG=1, `make run`) relaxes HTTPS and the
# second factor. Plain HTTP in production only on a loopback bind (GONGKAI_ALLOW_HTTP_LOOPBACK).
from datetime import timedelta  # noqa: E402

from csp.constants import NONE, SELF  # noqa: E402

from gongkai.accounts.loopback import is_loopback_bind  # noqa: E402


def _env_flag(name: str, default: bool) -> bool:
    return os.environ.get(name, "1" if default else "0") == "1"


INSTALLED_APPS += ["csp", "gongkai.accounts.apps.LoginAttemptsConfig",  # django-axes, with a Chinese name
                   "django_otp", "django_otp.plugins.otp_totp", "gongkai.accounts"]

# HTTPS. A server bound to a loopback address only (`make serve`, the tests) may speak plain HTTP
# when GONGKAI_ALLOW_HTTP_LOOPBACK=1; the setting is refused for any other GONGKAI_BIND.
GONGKAI_ALLOW_HTTP_LOOPBACK = _env_flag("GONGKAI_ALLOW_HTTP_LOOPBACK", False)
GONGKAI_BIND = os.environ.get("GONGKAI_BIND", "")
if GONGKAI_ALLOW_HTTP_LOOPBACK and not is_loopback_bind(GONGKAI_BIND):
    raise ImproperlyConfigured(
        f"GONGKAI_ALLOW_HTTP_LOOPBACK=1（允许明文 HTTP）只能用于绑定在本机回环地址（127.0.0.0/8、::1、localhost）的服务，"
        f"当前 GONGKAI_BIND={GONGKAI_BIND or '（未设置）'}；对外服务请经 nginx 使用 HTTPS"
    )
_HTTPS = not (DEBUG or GONGKAI_ALLOW_HTTP_LOOPBACK)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # nginx sets it (never passes the client's)
SECURE_SSL_REDIRECT = _HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]  # the load balancer may probe the app over loopback HTTP
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = _HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("GONGKAI_HSTS_SECONDS", 365 * 24 * 3600)) if _HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_flag("GONGKAI_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = _env_flag("GONGKAI_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Asking browsers to preload binds the whole registered domain (often a government's own
    # gov.cn domain, with other sites on it): the domain's owner decides, not this application.
    SILENCED_SYSTEM_CHECKS = [*globals().get("SILENCED_SYSTEM_CHECKS", ()), "security.W021"]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]
CSRF_FAILURE_VIEW = "gongkai.portal.errors.csrf_failure"  # in Chinese, like the other error pages

# Headers.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"  # links to other sites carry no address of ours
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No inline script or style anywhere (no JavaScript is needed; styles live in static/*.css); the
# annual report's standalone HTML allows its own style by hash (reports/views.py).
CONTENT_SECURITY_POLICY = {"DIRECTIVES": {
    "default-src": [SELF], "script-src": [SELF], "style-src": [SELF], "img-src": [SELF], "font-src": [SELF],
    "connect-src": [SELF], "object-src": [NONE], "base-uri": [NONE], "form-action": [SELF],
    "frame-ancestors": [NONE], "upgrade-insecure-requests": _HTTPS,
}}

# Sessions: staff sign-in expires after GONGKAI_SESSION_IDLE_HOURS without a request (default 8);
# every request renews it. The public has no session-bound data of importance.
SESSION_COOKIE_AGE = int(float(os.environ.get("GONGKAI_SESSION_IDLE_HOURS", 8)) * 3600)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # no script reads it: forms carry the token

# Passwords (only staff have accounts): Django's validators, with Django's Chinese messages (the
# length rule's own subclass only because Django 5.2's zh-Hans catalogue lacks its new wording).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "gongkai.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes), for the staff login and /admin/login/ alike: after
# GONGKAI_LOGIN_FAILURE_LIMIT failures for one user name, or from one address, further attempts
# are refused for GONGKAI_LOGIN_LOCKOUT_MINUTES (a failure meanwhile restarts the wait), even
# with the right password. The address is the one rate limits use (gongkai/client_address.py).
AUTHENTICATION_BACKENDS = ["gongkai.accounts.throttle.AddressThrottleBackend", "axes.backends.AxesStandaloneBackend",
                           "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("GONGKAI_LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("GONGKAI_LOGIN_LOCKOUT_MINUTES", 15)))
# axes locks an account; one address (often a whole office behind NAT) is refused only after
# GONGKAI_LOGIN_ADDRESS_FAILURES failures in the same minutes (gongkai/accounts/throttle.py).
AXES_LOCKOUT_PARAMETERS = ["username"]
GONGKAI_LOGIN_ADDRESS_FAILURES = int(os.environ.get("GONGKAI_LOGIN_ADDRESS_FAILURES", 30))
# axes.W006 asks for ip_address among the lock-out parameters: the address is limited, by
# accounts/throttle.py with its own, higher limit (ARCHITECTURE.md "Sign-in").
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "axes.W006"]
# The public list indexes carry the facet columns as INCLUDE (PostgreSQL's covering indexes,
# publishing.models.FACET_COLUMNS); SQLite builds them without, by design.
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "models.W040"]
AXES_LOCKOUT_CALLABLE = "gongkai.accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "gongkai.client_address.client_ip"

# Second factor (django-otp, TOTP). Who must use it: gongkai/accounts/policy.py. Roles:
# "superuser" and Membership role codes; production default superusers and supervisors, none in
# development. An organ may require it of all its staff (Agency.require_2fa).
GONGKAI_2FA_REQUIRED_ROLES = [
    r.strip() for r in os.environ.get("GONGKAI_2FA_REQUIRED_ROLES", "" if DEBUG else "superuser,supervisor").split(",")
    if r.strip()
]
OTP_TOTP_ISSUER = GONGKAI["SITE_NAME"]

# -- operations and input limits (issue 12) --
# Where each limit lives and why: ARCHITECTURE.md "Operations and input limits"; README "Operations".
from gongkai.ops.logs import logging_config  # noqa: E402

INSTALLED_APPS += ["gongkai.ops"]
# Outermost: the request id and the access-log line cover everything, a locked database anywhere
# becomes the 503 page; then bodies over their path's limit are refused before anything reads them.
MIDDLEWARE = ["gongkai.ops.middleware.RequestContextMiddleware", "gongkai.ops.middleware.BodySizeLimitMiddleware",
              *MIDDLEWARE]

# Logs: one JSON object a line on stderr (python-json-logger) with request_id and user_id, no
# personal data; GONGKAI_LOG_FORMAT=text for readable lines (default with DEBUG=1).
GONGKAI_LOG_FORMAT = os.environ.get("GONGKAI_LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = logging_config(GONGKAI_LOG_FORMAT, os.environ.get("GONGKAI_LOG_LEVEL", "INFO"))

# Error tracking, off unless SENTRY_DSN is set (a self-hosted Sentry/GlitchTip; `pip install '.[sentry]'`).
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    from gongkai.ops.errors import init_sentry  # noqa: E402

    init_sentry(SENTRY_DSN, environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
                release=os.environ.get("SENTRY_RELEASE") or None,
                traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", 0)))

# /healthz fails when a storage's disk has less free space than this.
GONGKAI_HEALTH_MIN_FREE_MB = int(os.environ.get("GONGKAI_HEALTH_MIN_FREE_MB", 1024))

# A locked database (SQLite) or row (PostgreSQL): wait this long for the other writer, then answer
# 503 "系统繁忙".
GONGKAI_DB_BUSY_SECONDS = float(os.environ.get("GONGKAI_DB_BUSY_SECONDS", 5))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"]["timeout"] = GONGKAI_DB_BUSY_SECONDS
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A row or table lock waited for longer than this cancels the statement (lock_timeout): the
    # request gets the same 503 page, jobs are retried. Set per connection, for every process.
    _pg_options = DATABASES["default"].setdefault("OPTIONS", {})
    _pg_options["options"] = (_pg_options.get("options", "") +
                              f" -c lock_timeout={int(GONGKAI_DB_BUSY_SECONDS * 1000)}").strip()

# 年报体检: the largest scan (PDF, PNG/JPEG) accepted, in MB; other report files stay under 5 MB.
GONGKAI_AUDIT_MAX_MB = int(os.environ.get("GONGKAI_AUDIT_MAX_MB", 30))
GONGKAI_OCR_PAGE_SECONDS = float(os.environ.get("GONGKAI_OCR_PAGE_SECONDS", 120))
GONGKAI_OCR_MAX_PAGES = int(os.environ.get("GONGKAI_OCR_MAX_PAGES", 60))
GONGKAI_OCR_WORKERS = int(os.environ.get("GONGKAI_OCR_WORKERS", 2))  # pages OCR'd at once by a job

# Request bodies: the largest accepted per path prefix (longest prefix wins), refused with 413
# before they are read. nginx (deploy/) caps at the largest of them: client_max_body_size 52m.
_MB = 1024 * 1024
GONGKAI_BODY_LIMITS = {
    "": 1 * _MB,  # public forms: query, comments, display switches, sign-in
    "/apply/": 3 * UPLOAD_MAX_BYTES + _MB,  # identity proof, authorisation, agent's identity
    "/query/correction/": 3 * UPLOAD_MAX_BYTES + _MB,  # a correction sent online: up to three files
    "/audit/": (GONGKAI_AUDIT_MAX_MB + 2) * _MB,  # a scan and pasted text (nginx: 32m)
    "/staff/": 3 * UPLOAD_MAX_BYTES + _MB,  # staff registration of an application, imports
    "/staff/publishing/": 50 * _MB + _MB,  # document attachments, gazette PDFs
    "/admin/": 50 * _MB + _MB,
}
for _item in filter(None, os.environ.get("GONGKAI_BODY_LIMITS", "").split(",")):  # "/audit/=4,…" in MB
    _prefix, _, _mb = _item.partition("=")
    GONGKAI_BODY_LIMITS[_prefix.strip()] = int(float(_mb) * _MB)

# Rate limits per client address (django-ratelimit, in the shared cache; "off" disables one).
GONGKAI_RATE_LIMITS = {
    "search": os.environ.get("GONGKAI_RATE_SEARCH", "30/m"),  # the policy library with a query or filters
    "open_api": os.environ.get("GONGKAI_RATE_OPEN_API", "60/m"),  # /api/open/
}
# The public application form (portal ``apply``), per client address. Keep "10/h": only the load
# bench (bench/load_bench.py) raises it, to post 20 applications a second from one address.
GONGKAI_RATE_APPLY = os.environ.get("GONGKAI_RATE_APPLY", "10/h")
GONGKAI_RATE_SUGGEST = os.environ.get("GONGKAI_RATE_SUGGEST", "60/m")  # /apply/suggest/ per address (issue 15 item 3)

# Untrusted files and text (gongkai/ops/sandbox.py): parsed in a child process within these limits;
# ZIP-based files (DOCX, XLSX) checked from their directory first; PDFs by page count.
GONGKAI_SANDBOX = os.environ.get("GONGKAI_SANDBOX", "1") == "1"
GONGKAI_PARSE_SECONDS = float(os.environ.get("GONGKAI_PARSE_SECONDS", 20))
GONGKAI_PARSE_MEMORY_MB = int(os.environ.get("GONGKAI_PARSE_MEMORY_MB", 768))
GONGKAI_UNZIP_MAX_MB = int(os.environ.get("GONGKAI_UNZIP_MAX_MB", 200))
GONGKAI_UNZIP_MAX_RATIO = int(os.environ.get("GONGKAI_UNZIP_MAX_RATIO", 100))
GONGKAI_UNZIP_MAX_ENTRIES = int(os.environ.get("GONGKAI_UNZIP_MAX_ENTRIES", 5000))
GONGKAI_PDF_MAX_PAGES = int(os.environ.get("GONGKAI_PDF_MAX_PAGES", 500))

# -- read replica and object storage (issue 12, item 9) --
# DATABASE_REPLICA_URL (a streaming replica of DATABASE_URL): anonymous GET/HEAD of the public pages
# (/, /gk/, /api/open/) read from it; everything else, every write and every migration stays on the
# primary (gongkai/dbrouter.py, ARCHITECTURE.md "Past one machine"). Unset: nothing changes.
# Object storage: GONGKAI_S3_* under "private files" above.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"])
    for _key in ("OPTIONS", "ATOMIC_REQUESTS", "CONN_HEALTH_CHECKS"):
        if _key in DATABASES["default"]:
            DATABASES["replica"][_key] = DATABASES["default"][_key]
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # tests: the same test database, no second copy
    DATABASE_ROUTERS = ["gongkai.dbrouter.ReplicaRouter"]
    # After authentication (the user and session are looked up on the primary before the view is
    # marked), just before axes, which stays last.
    MIDDLEWARE.insert(MIDDLEWARE.index("axes.middleware.AxesMiddleware"), "gongkai.dbrouter.ReplicaReadsMiddleware")
