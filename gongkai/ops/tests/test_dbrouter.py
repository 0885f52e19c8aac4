"""The read-replica router (issue 12, item 9; gongkai/dbrouter.py).

The ``replica`` alias is a second connection to the same test database (a test mirror of
``default``, as settings make it when DATABASE_REPLICA_URL is set), added for these tests only, with
the router and the middleware switched on by the ``settings`` fixture. The tests are transactional:
the replica's own connection sees only committed rows, as a real replica would.
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connections, router, transaction
from django.test.utils import CaptureQueriesContext

from gongkai import dbrouter
from gongkai.agencies.models import Agency

ROOT = Path(__file__).resolve().parents[3]
pytestmark = [pytest.mark.django_db(transaction=True, databases=["default", "replica"]),
              pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]  # whitenoise, MIDDLEWARE changed


@pytest.fixture(scope="module", autouse=True)
def _replica_alias(django_db_setup):
    """The ``replica`` alias, for this module only, once the test database exists (its name is copied)."""
    assert "replica" not in connections.settings
    conf = copy.deepcopy(connections["default"].settings_dict)
    conf["TEST"] = {**conf.get("TEST", {}), "MIRROR": "default"}
    connections.settings["replica"] = conf
    yield
    connections["replica"].close()
    del connections["replica"]
    del connections.settings["replica"]


@pytest.fixture
def replica(settings):
    settings.DATABASE_ROUTERS = ["gongkai.dbrouter.ReplicaRouter"]
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(middleware.index("axes.middleware.AxesMiddleware"), "gongkai.dbrouter.ReplicaReadsMiddleware")
    settings.MIDDLEWARE = middleware
    yield connections["replica"]
    assert not dbrouter.reads_from_replica()  # no routing state leaks into the next test


@pytest.fixture
def organ(db):
    return Agency.objects.create(code="gov", name="测试市人民政府", kind=Agency.GOVERNMENT)


def _queries(conn_default, conn_replica, fn):
    with CaptureQueriesContext(conn_default) as on_default, CaptureQueriesContext(conn_replica) as on_replica:
        result = fn()
    return result, [q["sql"] for q in on_default], [q["sql"] for q in on_replica]


def _is_read(sql: str) -> bool:
    return sql.lstrip().upper().startswith("SELECT")


@pytest.mark.parametrize("path", ["/gk/library/", "/api/open/documents/", "/"])
def test_anonymous_get_of_a_public_page_reads_from_the_replica(client, replica, organ, path):
    response, on_default, on_replica = _queries(connections["default"], replica, lambda: client.get(path))
    assert response.status_code == 200
    assert on_replica, "no query reached the replica"
    assert all(_is_read(sql) for sql in on_replica)
    assert not [sql for sql in on_default if "publishing_" in sql or "agencies_" in sql]
    assert not dbrouter.reads_from_replica()  # reset after the request


@pytest.mark.parametrize("path", ["/query/", "/apply/"])
def test_other_public_paths_read_the_primary(client, replica, organ, path):
    _, on_default, on_replica = _queries(connections["default"], replica, lambda: client.get(path))
    assert on_replica == []


def test_a_staff_request_reads_the_primary(client, replica, organ, django_user_model):
    user = django_user_model.objects.create_user(username="staff1", password="pw-123456")
    client.force_login(user)
    response, on_default, on_replica = _queries(connections["default"], replica, lambda: client.get("/gk/library/"))
    assert response.status_code == 200
    assert on_replica == [] and on_default


def test_a_post_reads_and_writes_the_primary(client, replica, organ):
    _, on_default, on_replica = _queries(
        connections["default"], replica, lambda: client.post("/gk/library/", {"q": "x"}))
    assert on_replica == []


def test_writes_never_go_to_the_replica_and_reads_follow_them(replica, organ):
    with dbrouter.replica_reads():
        assert router.db_for_read(Agency) == "replica"
        assert Agency.objects.all().db == "replica"
        _, on_default, on_replica = _queries(
            connections["default"], replica,
            lambda: Agency.objects.create(code="deptA", name="测试市甲局", parent=organ))
        assert any(not _is_read(sql) for sql in on_default)
        assert on_replica == []
        # Read your own writes: the rest of this request uses the primary.
        assert not dbrouter.reads_from_replica()
        assert Agency.objects.all().db == "default"
    assert not dbrouter.reads_from_replica()


def test_transactions_and_locks_stay_on_the_primary(replica, organ):
    with dbrouter.replica_reads():
        assert Agency.objects.select_for_update().db == "default"
        assert dbrouter.reads_from_replica() is False  # a locking read counts as a write
    with dbrouter.replica_reads():
        with transaction.atomic():
            assert router.db_for_read(Agency) == "default"
        assert router.db_for_read(Agency) == "replica"


def test_sessions_and_users_are_never_read_from_the_replica(replica, django_user_model):
    with dbrouter.replica_reads():
        assert router.db_for_read(django_user_model) == "default"
        from django.contrib.sessions.models import Session

        assert router.db_for_read(Session) == "default"


def test_the_replica_reads_real_rows_of_the_same_database(replica, organ):
    with dbrouter.replica_reads():
        assert [a.code for a in Agency.objects.all()] == ["gov"]
        loaded = Agency.objects.get(code="gov")
    assert loaded._state.db == "replica"
    child = Agency(code="deptB", name="测试市乙局", parent=loaded)  # allow_relation across the two
    child.save()
    assert child._state.db == "default"
    loaded.name = "改名"
    loaded.save()  # an instance read from the replica is saved to the primary
    assert Agency.objects.using("default").get(code="gov").name == "改名"


def test_migrations_only_on_the_primary(replica):
    r = dbrouter.ReplicaRouter()
    assert r.allow_migrate("default", "agencies") is True
    assert r.allow_migrate("replica", "agencies") is False
    assert router.allow_migrate("replica", "publishing", model_name="document") is False
    from django.core.management import call_command

    with CaptureQueriesContext(connections["replica"]) as on_replica:
        call_command("migrate", database="replica", verbosity=0)  # applies nothing there
    changes = [q["sql"] for q in on_replica
               if q["sql"].lstrip().upper().startswith(("CREATE", "ALTER", "DROP", "INSERT", "UPDATE", "DELETE"))]
    assert changes == []
    from django.db.migrations.recorder import MigrationRecorder

    assert router.allow_migrate_model("replica", MigrationRecorder.Migration) is False


def test_routing_state_is_reset_when_the_view_fails(replica, rf):
    from django.contrib.auth.models import AnonymousUser

    def boom(request):
        assert dbrouter.reads_from_replica()
        raise RuntimeError("view failed")

    request = rf.get("/gk/library/")
    request.user = AnonymousUser()
    with pytest.raises(RuntimeError):
        dbrouter.ReplicaReadsMiddleware(boom)(request)
    assert not dbrouter.reads_from_replica()


def _settings_in_subprocess(tmp_path, **env):
    clean = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path), "LANG": "C.UTF-8",
             "DJANGO_SETTINGS_MODULE": "gongkai.settings", "GONGKAI_VAR": str(tmp_path / "var"),
             "DATABASE_URL": "postgres://app@db1:5432/gongkai", "SECRET_KEY": "k" * 50, "ALLOWED_HOSTS": "x",
             **env}
    code = ("import django; django.setup(); from django.conf import settings as s; "
            "print(sorted(s.DATABASES), s.DATABASE_ROUTERS, "
            "'gongkai.dbrouter.ReplicaReadsMiddleware' in s.MIDDLEWARE, "
            "s.MIDDLEWARE[-1], s.DATABASES.get('replica', {}).get('HOST'))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.django_db(databases=["default"])
def test_settings_without_and_with_a_replica_url(tmp_path):
    assert _settings_in_subprocess(tmp_path) == "['default'] [] False axes.middleware.AxesMiddleware None"
    assert _settings_in_subprocess(tmp_path, DATABASE_REPLICA_URL="postgres://app@db2:5432/gongkai") == (
        "['default', 'replica'] ['gongkai.dbrouter.ReplicaRouter'] True axes.middleware.AxesMiddleware db2")


def test_healthz_checks_the_replica(client, replica):
    from unittest import mock

    from django.db import OperationalError

    _, on_default, on_replica = _queries(connections["default"], replica, lambda: client.get("/healthz"))
    assert on_replica[0] == "SELECT 1" and "SELECT 1" in on_default  # each database its own round trip
    assert len(on_replica) == (2 if replica.vendor == "postgresql" else 1)  # PostgreSQL: the replication lag too
    body = client.get("/healthz").json()
    assert body["checks"]["replica"]["status"] == "ok" and body["status"] == "ok"
    with mock.patch.object(replica, "cursor", side_effect=OperationalError("could not connect")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["replica"] == {"status": "fail", "error": "OperationalError",
                                                    "ms": mock.ANY}
