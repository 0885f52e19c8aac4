import io

import pytest
from django.core.management import CommandError, call_command

from gongkai.agencies.models import Agency


@pytest.mark.django_db
def test_add_and_list_tree():
    call_command("agencies", "add", "--code", "lc", "--name", "聊城市人民政府", stdout=io.StringIO())
    call_command("agencies", "add", "--code", "lcxs", "--name", "聊城市行政审批服务局", "--parent", "lc",
                 stdout=io.StringIO())
    out = io.StringIO()
    call_command("agencies", "list", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("lc\t聊城市人民政府")
    assert lines[1].startswith("  lcxs\t聊城市行政审批服务局")
    child = Agency.objects.get(code="lcxs")
    assert child.parent.code == "lc" and child.kind == Agency.DEPARTMENT
    assert set(Agency.objects.get(code="lc").subtree()) == {child, Agency.objects.get(code="lc")}


@pytest.mark.django_db
def test_add_rejects_unknown_parent_duplicate_and_bad_uscc():
    with pytest.raises(CommandError, match="上级机关不存在"):
        call_command("agencies", "add", "--code", "x", "--name", "X", "--parent", "nope")
    call_command("agencies", "add", "--code", "x", "--name", "X", stdout=io.StringIO())
    with pytest.raises(CommandError, match="已存在"):
        call_command("agencies", "add", "--code", "x", "--name", "Y")
    with pytest.raises(CommandError, match="uscc"):
        call_command("agencies", "add", "--code", "y", "--name", "Y", "--uscc", "91350100M000100Y44")
    assert Agency.objects.count() == 1


@pytest.mark.django_db
def test_moving_an_agency_moves_its_subtree():
    a = Agency.objects.create(code="a", name="A")
    b = Agency.objects.create(code="b", name="B", parent=a)
    c = Agency.objects.create(code="c", name="C", parent=b)
    d = Agency.objects.create(code="d", name="D")
    b.parent = d
    b.save()
    c.refresh_from_db()
    assert c.path == f"/{d.pk}/{b.pk}/{c.pk}/"
    assert set(d.subtree()) == {d, b, c}


@pytest.mark.django_db
def test_add_warns_until_reconsideration_organ_and_court_are_named():
    # legal-review.md B12: answer letters cannot be issued without both names.
    out = io.StringIO()
    call_command("agencies", "add", "--code", "x", "--name", "X局", stdout=out)
    assert "尚未填写行政复议机关、管辖人民法院" in out.getvalue()
    assert Agency.objects.get(code="x").missing_remedy_fields() == ["行政复议机关", "管辖人民法院"]
    out = io.StringIO()
    call_command("agencies", "add", "--code", "y", "--name", "Y局", "--reconsideration-organ", "Y市人民政府",
                 "--court", "Y市某区人民法院", stdout=out)
    assert "尚未填写" not in out.getvalue()
    y = Agency.objects.get(code="y")
    assert (y.reconsideration_organ, y.court) == ("Y市人民政府", "Y市某区人民法院")
    assert y.missing_remedy_fields() == []
