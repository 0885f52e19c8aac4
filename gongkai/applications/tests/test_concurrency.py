"""Two officers acting at the same moment cannot both apply a once-only action."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from gongkai.applications import services
from gongkai.applications.models import EventKind, TimelineEvent

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql",
                                reason="真实并发需要 PostgreSQL（SQLite 以 IMMEDIATE 事务串行化写入）")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("action", ["extend", "correction", "decide"])
def test_concurrent_actions_apply_once(received_app, staff, action):
    app = received_app(dt.date(2024, 9, 30))
    reviewer = staff["a_reviewer"]
    barrier = threading.Barrier(2)
    results = []

    def run():
        try:
            barrier.wait()
            if action == "extend":
                services.extend(app, reviewer, dt.date(2024, 10, 8), days=20, reason="并发测试")
            elif action == "correction":
                services.request_correction(app, reviewer, dt.date(2024, 10, 8), items="并发测试")
            else:
                services.decide(app, reviewer, dt.date(2024, 10, 8), outcome="1", details={"how_to_obtain": "x"},
                                expected_version=app.version)
            results.append("ok")
        except services.ActionError as e:
            results.append(str(e))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count("ok") == 1, results
    kind = {"extend": EventKind.EXTENSION, "correction": EventKind.CORRECTION_REQUESTED,
            "decide": EventKind.DECIDED}[action]
    assert TimelineEvent.objects.filter(application=app, kind=kind).count() == 1
