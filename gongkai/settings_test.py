"""Settings of the test suite: the production settings (DEBUG off, as Django runs tests anyway) with
what a test process lacks filled in from defaults.

Why a module and not ``os.environ.setdefault`` in the root conftest.py: pytest-django imports the
settings in its ``pytest_load_initial_conftests`` hook, before pytest imports the root conftest.py, so
the settings would already have refused to start for want of SECRET_KEY. pyproject.toml names this
module as DJANGO_SETTINGS_MODULE; ``manage.py`` and the servers use gongkai.settings.

Each value is a default: a variable set in the environment (e.g. DATABASE_URL in CI) wins.
- SECRET_KEY, ALLOWED_HOSTS: a test key and the hosts of the test client and the live server.
- GONGKAI_ALLOW_HTTP_LOOPBACK with GONGKAI_BIND=127.0.0.1: the test client and the browser tests
  speak plain HTTP to a loopback live server (no SSL redirect, no Secure cookies).
- GONGKAI_2FA_REQUIRED_ROLES empty: tests sign staff in with ``force_login``; the tests of the
  second factor switch the production rule on with ``override_settings`` (gongkai/accounts/tests).
- HUEY_IMMEDIATE: jobs run at once where they are enqueued (in memory; no queue file); the root
  conftest.py also gives each test an empty cache of the process's own (gongkai/jobs).
"""

import os

for _name, _value in {
    "SECRET_KEY": "test-only-key-gongkai-never-use-in-production-0123456789abcdefghijklmnop",
    "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
    "GONGKAI_ALLOW_HTTP_LOOPBACK": "1",
    "GONGKAI_BIND": "127.0.0.1",
    "GONGKAI_2FA_REQUIRED_ROLES": "",
    "HUEY_IMMEDIATE": "1",
}.items():
    os.environ.setdefault(_name, _value)

from gongkai.settings import *  # noqa: E402,F403
