"""The publishing services keep the index in step (they call index.update_document on commit)."""

import pytest

from gongkai.publishing import services
from gongkai.publishing.tests import walk
from gongkai.search import index

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_user("root", password="pw-123456", is_superuser=True, is_staff=True)


def test_publish_and_withdraw_through_the_services(agencies, admin, django_capture_on_commit_callbacks):
    data = {"title": "关于开展城市更新行动的实施意见", "doc_no": "测政发[2025]第7号", "body": "稳步实施城市更新行动，推进老旧小区改造。",
            "doc_type": "意见"}
    with django_capture_on_commit_callbacks(execute=True):
        doc = services.save_draft(agencies["gov"], admin, data)
    assert index.search("城市更新").total == 0  # a draft is never indexed
    with django_capture_on_commit_callbacks(execute=True):
        doc = walk.publish(doc, admin)
    results = index.search("测政发（2025）7号")
    assert results.doc_no_match and results.hits[0].document.pk == doc.pk
    assert [h.document.pk for h in index.search("城市更新").hits] == [doc.pk]
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw(doc, admin, "内容有误")
    assert index.search("城市更新").total == 0
