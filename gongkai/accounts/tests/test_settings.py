"""Safe defaults at start-up (issue 12, item 1): the production settings refuse to start without
SECRET_KEY or ALLOWED_HOSTS, plain HTTP is accepted only for a loopback bind, and `check --deploy`
with the production environment of the README prints no warning. Each case starts a fresh Python
with a clean environment (nothing of the test process's settings leaks in)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.accounts.loopback import is_loopback_bind

ROOT = Path(__file__).resolve().parents[3]
KEY = "k3J9-test-only-Qm7xR2vT8wZ5nB4cY6hL1pD0sF3gA9eU7iO2kW5jX8qV4tN6mP1rS0"
SETUP = "import django; django.setup(); from django.conf import settings; print(settings.GONGKAI_2FA_REQUIRED_ROLES)"


def run(args, tmp_path, **env):
    clean = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path), "LANG": "C.UTF-8",
             "DJANGO_SETTINGS_MODULE": "gongkai.settings", "GONGKAI_VAR": str(tmp_path / "var"),
             "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    clean.update(env)
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True,
                          timeout=120)


def test_production_refuses_to_start_without_secret_key(tmp_path):
    result = run(["manage.py", "check"], tmp_path, ALLOWED_HOSTS="gk.example.gov.cn")
    assert result.returncode != 0
    assert "未设置 SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    result = run(["manage.py", "check"], tmp_path, SECRET_KEY=KEY)
    assert result.returncode != 0
    assert "未设置 ALLOWED_HOSTS" in result.stderr


def test_debug_is_off_unless_asked_for(tmp_path):
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    assert run(["-c", code], tmp_path, SECRET_KEY=KEY, ALLOWED_HOSTS="x").stdout.strip() == "False"
    assert run(["-c", code], tmp_path, SECRET_KEY=KEY, ALLOWED_HOSTS="x", DEBUG="true").stdout.strip() == "False"
    assert run(["-c", code], tmp_path, DEBUG="1").stdout.strip() == "True"  # `make run`: no key needed


@pytest.mark.parametrize("bind", ["0.0.0.0:8000", "10.0.0.5:8000", "", "[::]:8000"])
def test_plain_http_refused_unless_bound_to_loopback(tmp_path, bind):
    result = run(["-c", SETUP], tmp_path, SECRET_KEY=KEY, ALLOWED_HOSTS="x",
                 GONGKAI_ALLOW_HTTP_LOOPBACK="1", GONGKAI_BIND=bind)
    assert result.returncode != 0
    assert "GONGKAI_ALLOW_HTTP_LOOPBACK" in result.stderr and "回环地址" in result.stderr


def test_plain_http_accepted_on_loopback(tmp_path):
    code = ("import django; django.setup(); from django.conf import settings; "
            "print(settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE, settings.SECURE_HSTS_SECONDS)")
    result = run(["-c", code], tmp_path, SECRET_KEY=KEY, ALLOWED_HOSTS="x",
                 GONGKAI_ALLOW_HTTP_LOOPBACK="1", GONGKAI_BIND="127.0.0.1:8000")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "0"]
    production = run(["-c", code], tmp_path, SECRET_KEY=KEY, ALLOWED_HOSTS="x")
    assert production.stdout.split() == ["True", "True", str(365 * 24 * 3600)]


@pytest.mark.parametrize(("bind", "ok"), [
    ("127.0.0.1:8000", True), ("127.0.0.1", True), ("127.8.9.10:80", True), ("localhost:8000", True),
    ("[::1]:8000", True), ("::1", True),
    ("0.0.0.0:8000", False), ("10.0.0.5:8000", False), ("192.168.1.2", False), ("[::]:8000", False),
    ("gk.example.gov.cn:8000", False), ("unix:/run/gongkai.sock", False), ("", False),
])
def test_loopback_bind(bind, ok):
    assert is_loopback_bind(bind) is ok


def readme_production_env() -> dict:
    """The production env block of the README's "Configuration" section (KEY=value lines of the
    ```sh block after the <!-- production-env --> marker), with a real key in place of its placeholder."""
    text = (ROOT / "README.md").read_text()
    block = re.search(r"<!-- production-env -->\s*```sh\n(.*?)```", text, re.S)
    assert block, "README 缺少生产环境变量示例（<!-- production-env --> 之后的 ```sh 代码块）"
    env = {}
    for line in block.group(1).splitlines():
        line = line.split(" #", 1)[0].strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            env[name.strip()] = value.strip()
    assert "SECRET_KEY" in env and "ALLOWED_HOSTS" in env and "CSRF_TRUSTED_ORIGINS" in env
    env["SECRET_KEY"] = KEY  # the README says how to generate one; its example is a placeholder
    return env


def test_check_deploy_with_the_readme_environment_prints_no_warning(tmp_path):
    env = readme_production_env()
    assert "DEBUG" not in env or env["DEBUG"] == "0"
    assert "GONGKAI_ALLOW_HTTP_LOOPBACK" not in env
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], tmp_path, **env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_second_factor_roles_production_and_development(tmp_path):
    production = run(["-c", SETUP], tmp_path, SECRET_KEY=KEY, ALLOWED_HOSTS="x")
    assert production.stdout.strip() == "['superuser', 'supervisor']", production.stderr
    development = run(["-c", SETUP], tmp_path, DEBUG="1")
    assert development.stdout.strip() == "[]", development.stderr
