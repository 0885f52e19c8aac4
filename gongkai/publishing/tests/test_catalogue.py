"""Catalogue seeding, standard catalogue XLSX round trip, staff pages and the inspection dashboard."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from gongkai.agencies.models import Membership
from gongkai.publishing.catalogue import export_standard_catalogue, import_standard_catalogue
from gongkai.publishing.models import CatalogueNode, StandardCatalogueItem, Subject


def test_new_agency_gets_statutory_tree(tree):
    nodes = CatalogueNode.objects.filter(agency=tree["a"])
    sections = [n.title for n in nodes.filter(parent__isnull=True).order_by("position")]
    assert sections == ["政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报"]
    items = nodes.filter(item_code__startswith="第二十条")
    assert items.count() == 15
    assert items.get(item_code="第二十条（七）").title == "财政预算、决算信息"
    assert nodes.filter(item_code="第二十一条", title="房屋征收").exists()


def test_subjects_seeded(db):
    assert Subject.objects.filter(l2="").count() == 22
    assert Subject.objects.filter(path="民政、乡村振兴、救灾\\扶贫").exists()


@pytest.mark.django_db(transaction=True)
def test_subjects_come_back_after_a_flush():
    """A flush (a restore, or a transactional test before others on the same pytest-xdist worker) empties
    the table the data migration filled; post_migrate puts the taxonomy back."""
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)
    test_subjects_seeded(None)
    assert Subject.objects.count() == before_flush_count()


def before_flush_count() -> int:
    from gongkai.law.subjects import TAXONOMY

    return sum(1 + len(subs) for _l1, subs in TAXONOMY)


def test_standard_catalogue_xlsx_round_trip(tree):
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "过程", "一级事项", "二级事项", "事项代码", "公开内容（要素）", "公开依据", "公开时限", "公开主体",
               "公开渠道和载体", "公开对象", "公开方式", "公开层级"])
    ws.append([1, "结果", "户籍管理", "户口迁移", "010000", "办理条件、材料、流程", "《户口登记条例》",
               "自该信息形成或者变更之日起20个工作日内", "县公安局", "政府网站、政务服务中心、两微一端", "特定群众", "主动", "县级"])
    # A blank 一级事项 repeats the row above (issue 17: agencies leave repeated cells blank).
    ws.append([2, "", "", "户口登记", "", "", "", "", "", "", "", "", ""])
    ws.append([3, "", "社会救助", "最低生活保障", "", "", "", "", "", "飞鸽传书", "全社会", "主动", "县级"])
    buf = io.BytesIO()
    wb.save(buf)
    created, errors = import_standard_catalogue(tree["a"], buf.getvalue())
    assert created == 2 and len(errors) == 1 and errors[0].startswith("第4行")
    assert StandardCatalogueItem.objects.get(l2="户口登记").l1 == "户籍管理"
    item = StandardCatalogueItem.objects.get(l2="户口迁移")
    assert item.channels == ["政府网站", "两微一端", "政务服务中心"] and item.audience == "特定群体"
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(export_standard_catalogue(tree["a"]))).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][2] == "一级事项" and rows[1][2] == "户籍管理" and "两微一端" in rows[1][9]
    assert rows[0][13:] == ("三级事项", "四级事项")
    assert import_standard_catalogue(tree["a"], b"not xlsx")[1] == ["文件无法读取：请上传 XLSX 格式的标准目录"]


def test_staff_pages_and_dashboard(client, tree, make_user):
    editor = make_user("ed", tree["a"], Membership.EDITOR, Membership.REVIEWER)
    client.force_login(editor)
    resp = client.post(reverse("doc-new"), {"agency": tree["a"].pk, "title": "关于加强户籍管理的通知",
                                            "doc_no": "测甲发（2026）5号", "doc_type": "通知",
                                            "disclosure_attribute": "proactive", "validity": "in_force",
                                            "formed_on": "2026-09-01", "body": "联系电话13812341234"})
    assert resp.status_code == 302
    page = client.get(resp["Location"]).content.decode()
    assert "测甲发〔2026〕5号" in page and "138****1234" in page and "一键脱敏" in page
    dash = client.get(reverse("publishing-dashboard")).content.decode()
    assert "关于加强户籍管理的通知" in dash and "已超期" in dash
    assert "空白栏目" in dash
    other = make_user("edb", tree["b"], Membership.EDITOR)
    client.force_login(other)
    assert client.get(resp["Location"]).status_code == 404


def test_standard_catalogue_page_import_export(client, tree, make_user):
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "一级事项", "二级事项", "公开渠道和载体"])
    ws.append([1, "就业", "就业创业补贴", "政府网站、12345热线"])
    buf = io.BytesIO()
    wb.save(buf)
    buf.name = "cat.xlsx"
    buf.seek(0)
    client.force_login(make_user("ed", tree["a"], Membership.EDITOR))
    resp = client.post(reverse("standard-catalogue"), {"agency": "deptA", "file": buf}, follow=True)
    assert "已导入 1 项" in resp.content.decode() and "就业创业补贴" in resp.content.decode()
    resp = client.get(reverse("standard-catalogue") + "?agency=deptA&export=1")
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    client.force_login(make_user("edb", tree["b"], Membership.EDITOR))
    page = client.get(reverse("standard-catalogue") + "?agency=deptA").content.decode()
    assert "就业创业补贴" not in page and "测试市乙局" in page
