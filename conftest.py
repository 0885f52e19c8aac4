"""Shared fixtures: a small organ tree with staff in every role, and application factories that go
through the services (so tests exercise the same paths as users)."""

import datetime as dt
import os

import pytest
from hypothesis import settings as hypothesis_settings

from gongkai.agencies.models import Agency, Membership

# Property tests explore the same examples on every run (CI must not turn red by chance); a developer
# hunting for new counter-examples runs with HYPOTHESIS_PROFILE=explore.
hypothesis_settings.register_profile("repeatable", derandomize=True, database=None)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

VALID_ID = "11010519491231002X"
VALID_USCC = "91350100M000100Y43"


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(config, items):
    """Every browser walk is ``heavy`` (pyproject.toml: run once, on SQLite, by `make test`)."""
    for item in items:
        if item.get_closest_marker("browser") and not item.get_closest_marker("heavy"):
            item.add_marker(pytest.mark.heavy)


@pytest.fixture
def tree(db):
    gov = Agency.objects.create(code="gov", name="测试市人民政府", kind=Agency.GOVERNMENT, letter_prefix="测政依复",
                                reconsideration_organ="测试省人民政府", court="测试市中级人民法院")
    a = Agency.objects.create(code="deptA", name="测试市甲局", parent=gov, letter_prefix="测甲依复",
                              reconsideration_organ="测试市人民政府", court="测试市某区人民法院")
    b = Agency.objects.create(code="deptB", name="测试市乙局", parent=gov, letter_prefix="测乙依复",
                              reconsideration_organ="测试市人民政府", court="测试市某区人民法院")
    return {"gov": gov, "a": a, "b": b}


@pytest.fixture
def make_user(db, django_user_model):
    def make(username, agency=None, *roles, superuser=False):
        user = django_user_model.objects.create_user(username=username, password="pw-123456", first_name=username,
                                                     is_superuser=superuser, is_staff=superuser)
        for role in roles:
            Membership.objects.create(user=user, agency=agency, role=role)
        return user

    return make


@pytest.fixture
def staff(tree, make_user):
    H, R, S = Membership.HANDLER, Membership.REVIEWER, Membership.SUPERVISOR
    return {
        "a_handler": make_user("a_handler", tree["a"], H),
        "a_reviewer": make_user("a_reviewer", tree["a"], H, R),
        "b_handler": make_user("b_handler", tree["b"], H),
        "b_reviewer": make_user("b_reviewer", tree["b"], H, R),
        "supervisor": make_user("supervisor", tree["gov"], S),
    }


def applicant_data(**over):
    data = {
        "applicant_kind": "natural_person", "org_type": "", "name": "王小明", "id_type": "resident_id",
        "id_number": VALID_ID, "phone": "13812341234", "email": "wang@example.com", "address": "测试市某区某街道1号",
        "description": "申请公开2024年某小区房屋征收补偿方案", "carrier": "email", "delivery": "email",
        "accept_other_delivery": True,
    }
    data.update(over)
    return data


@pytest.fixture
def received_app(tree, staff):
    """An in-person application received on a given date, by agency A's handler."""
    from gongkai.applications import services

    def make(on=dt.date(2025, 3, 3), agency=None, actor=None, **over):
        return services.register(agency or tree["a"], applicant_data(**over), [], actor=actor or staff["a_handler"],
                                 channel="in_person", submitted_on=on)

    return make


@pytest.fixture
def pin_today():
    """Pin "today" (gongkai.law.today) for the rest of the test: ``pin_today(date)``; pin again to move."""
    import contextlib

    from gongkai.law import today as law_today

    with contextlib.ExitStack() as stack:
        yield lambda day: stack.enter_context(law_today.pinned(day))


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher():
    """Tests create and log in many users; the production PBKDF2 hasher (~0.2 s a hash) would take
    much of the run time. The strength of password hashing is not what the suite tests."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session", autouse=True)
def _scratch_media(tmp_path_factory):
    """Uploads of the suite go to a scratch directory, never to var/ (public and private roots apart,
    as in production: issue 12, private files)."""
    from django.test import override_settings

    root = tmp_path_factory.mktemp("files")
    with override_settings(MEDIA_ROOT=root / "media", PRIVATE_MEDIA_ROOT=root / "private"):
        yield


@pytest.fixture(scope="session", autouse=True)
def _own_shared_state(tmp_path_factory):
    """The shared cache of the suite: diskcache (the embedded default's backend) in a directory of
    this test process, never var/cache, which a server or another test run may be using; jobs run at
    once (Huey immediate mode, in memory). Issue 12, jobs and shared cache."""
    from django.test import override_settings
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True
    location = tmp_path_factory.mktemp("cache")
    with override_settings(CACHES={"default": {"BACKEND": "diskcache.DjangoCache", "LOCATION": str(location),
                                               "SHARDS": 1, "DATABASE_TIMEOUT": 1.0}}):
        yield


@pytest.fixture(autouse=True)
def _empty_cache(_own_shared_state):
    """Every test starts on an empty cache: no rate-limit count or cached page leaks between tests."""
    from django.core.cache import cache

    cache.clear()
    yield


# --- gongkai/core: test teardown under the maintenance switch (issue 13) -------------------------
@pytest.fixture(scope="session", autouse=True)
def _flush_under_maintenance():
    """Transactional tests (transaction=True, live_server) end with Django's ``flush``: DELETE FROM
    every table on SQLite, TRUNCATE on PostgreSQL, which the append-only triggers refuse
    (gongkai/core/dbguard.py). Emptying a test database is maintenance, so every flush runs under
    the one named switch (``core.maintenance.maintenance``), for the database it flushes."""
    from django.core.management.commands import flush

    from gongkai.core.maintenance import maintenance

    original = flush.Command.handle

    def handle(self, **options):
        with maintenance("测试清库", using=options["database"], who="pytest"):
            return original(self, **options)

    flush.Command.handle = handle
    yield
    flush.Command.handle = original
# --- end gongkai/core -------------------------------------------------------------------------------
