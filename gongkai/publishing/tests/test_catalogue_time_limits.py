"""Issue 17 item 4: the catalogue's owners (责任主体) and time limits (时限要求) — seed 002's 主动公开基本目录
imported as agencies write it, each publication checked against its item's time limit, overdue items
listed per unit on the inspection dashboard, late interpretations flagged."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from gongkai.agencies.models import Membership
from gongkai.law import time_limits as tl
from gongkai.publishing import timeliness
from gongkai.publishing.catalogue import import_standard_catalogue
from gongkai.publishing.models import (
    CatalogueNode,
    Document,
    Interpretation,
    OrganUnit,
    StandardCatalogueItem,
)
from gongkai.publishing.owners import column_rules, set_column_limits

D = dt.date.fromisoformat

# Seed 002 (淄博市行政审批服务局信息主动公开基本目录（2020版）), the table as printed: tab-separated, blank
# cells where the printed table repeats (or merges) the cell above.
SEED_002 = """一级指标	二级指标	三级指标	四级指标 具体指标	维护内容及要求	责任主体	时限要求及方式
机构职能	工作部门职能配置及内设机构			各单位机构设置信息（包括单位名称、邮政编码、联系方式、职位设置、领导姓名及分工、内设机构和联系方式、所属单位名称及联系方式等信息）	组织人事科	一次性公开并动态调整
	工作部门职责任务清单			各单位职责任务清单
市政府部门文件				按照“谁制作，谁公开”的原则公开淄博市政府部门、单位文件	政策法规科牵头，各发文科（室、组）具体负责，两个以上科室（室、组）共同制作的，由牵头制作的科室（室、组）负责	政策形成或变更之日起10个工作日内
	政策解读			文件解读材料，需与对应政策文件双向关联		与所解读文件同步公开
	文件修改废止			包含文件清理结果的文件	政策法规科	信息形成或变更之日起10个工作日内
	规范性文件	市政府部门规范性文件		市政府部门制定的规范性文件	政策法规科牵头，各发文科具体负责	登记编号之日起2日内在网公布
法规公文				针对当前社会热点、惠民政策等，整合梳理形成的政策解读等政策信息	政策法规科牵头，各制定政策科室（室、组）配合	信息形成或变更之日起10个工作日内
	政策库
	人事任免			重要人事任免信息	组织人事科	信息形成或变更之日起10个工作日内
	公示公告			公示公告信息	办公室牵头，各科（室、组）配合	信息形成或变更之日起10个工作日内
规划计划	市政府部门工作计划及完成情况			市政府部门、单位年度工作计划、其他计划及完成情况等相关信息	办公室牵头，各科（室、组）配合	信息形成或变更之日起10个工作日内及时公开
政府会议				市政府部门单位各类办公会议召开情况	办公室牵头，各科（室、组）配合	信息形成或变更之日起10个工作日内及时公开
	部门会议"""


def seed_002_xlsx(*, merge_first_group: bool = True) -> bytes:
    """The table in a workbook as an agency would send it: a title row first, and the first group's
    repeated cells merged (机构职能, 组织人事科, 一次性公开并动态调整 over two rows) instead of blank."""
    wb = Workbook()
    ws = wb.active
    ws.append(["淄博市行政审批服务局信息主动公开基本目录（2020版）"])
    for line in SEED_002.splitlines():
        ws.append([cell or None for cell in line.split("\t")])
    if merge_first_group:
        for col in "AFG":
            ws.merge_cells(f"{col}3:{col}4")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _item(agency, **kw) -> StandardCatalogueItem:
    return StandardCatalogueItem.objects.get(agency=agency, **kw)


def test_seed_002_table_imported_with_owners_and_time_limits(tree):
    result = import_standard_catalogue(tree["a"], seed_002_xlsx())
    created, errors = result
    assert errors == [] and created == 13
    assert sorted(OrganUnit.objects.filter(agency=tree["a"]).values_list("name", flat=True)) == [
        "办公室", "政策法规科", "组织人事科"]
    assert {n for n in result.notes if n.startswith("新建责任主体")} == {
        "新建责任主体“组织人事科”", "新建责任主体“政策法规科”", "新建责任主体“办公室”"}
    a = tree["a"]
    # Merged cells: the second row of 机构职能 has the group's owner and rule.
    for l2 in ("工作部门职能配置及内设机构", "工作部门职责任务清单"):
        item = _item(a, l2=l2)
        assert item.l1 == "机构职能" and item.owner.name == "组织人事科"
        assert item.time_rule["kind"] == tl.ONCE_DYNAMIC and item.time_limit == "一次性公开并动态调整"
    # The lead unit of a long 责任主体 text; the text itself is kept.
    item = _item(a, l1="市政府部门文件", l2="")
    assert item.owner.name == "政策法规科" and item.responsible.startswith("政策法规科牵头，各发文科")
    assert (item.time_rule["kind"], item.time_rule["days"], item.time_rule["working"]) == (tl.PERIOD, 10, True)
    # Blank repeated cells: 政策解读 is under 市政府部门文件, owned by its lead unit.
    item = _item(a, l2="政策解读")
    assert item.l1 == "市政府部门文件" and item.owner.name == "政策法规科"
    assert item.time_rule["kind"] == tl.WITH_INTERPRETED
    item = _item(a, l3="市政府部门规范性文件")
    assert (item.l1, item.l2) == ("市政府部门文件", "规范性文件")
    assert item.time_rule == tl.parse("登记编号之日起2日内在网公布").as_dict()
    assert item.time_rule["event"] == tl.REGISTERED and not item.time_rule["working"]
    assert _item(a, l2="政策库").l1 == "法规公文" and _item(a, l2="政策库").owner.name == "政策法规科"
    assert _item(a, l2="人事任免").owner.name == "组织人事科"
    assert _item(a, l2="部门会议").owner.name == "办公室" and _item(a, l2="部门会议").time_rule["days"] == 10
    assert _item(a, l2="市政府部门工作计划及完成情况").elements.startswith("市政府部门、单位年度工作计划")
    # No 序号 column: the items are numbered in the table's order.
    assert list(StandardCatalogueItem.objects.filter(agency=a).values_list("seq", flat=True)) == list(range(1, 14))


def test_blank_cells_instead_of_merged_give_the_same_items(tree):
    import_standard_catalogue(tree["a"], seed_002_xlsx(merge_first_group=False))
    item = _item(tree["a"], l2="工作部门职责任务清单")
    assert item.l1 == "机构职能" and item.owner.name == "组织人事科" and item.time_rule["kind"] == tl.ONCE_DYNAMIC


def test_unrecognised_time_limit_is_kept_and_noted(tree):
    wb = Workbook()
    wb.active.append(["一级事项", "二级事项", "责任科室", "公开时限"])
    wb.active.append(["财政预决算", "部门预算", "计划财务科", "按上级统一部署"])
    buf = io.BytesIO()
    wb.save(buf)
    result = import_standard_catalogue(tree["a"], buf.getvalue())
    assert result.created == 1 and result.errors == []
    assert "第2行：无法识别的时限要求“按上级统一部署”，已原样保存，请管理员核实" in result.notes
    item = _item(tree["a"], l2="部门预算")
    assert item.time_limit == "按上级统一部署" and item.time_rule["kind"] == tl.UNKNOWN


def test_import_links_columns_and_the_column_rule_applies(tree):
    a = tree["a"]
    statutory = CatalogueNode.objects.get(agency=a, section=CatalogueNode.STATUTORY, parent__isnull=True)
    col = CatalogueNode.objects.create(agency=a, parent=statutory, title="人事任免", position=500)
    import_standard_catalogue(a, seed_002_xlsx())
    assert _item(a, l2="人事任免").column == col
    rule = column_rules([a.pk])[col.pk]
    assert rule.owner.name == "组织人事科" and rule.rule.days == 10
    # The column's own setting wins over the standard item's.
    set_column_limits(col, owner_name="办公室", time_limit="实时公开")
    rule = column_rules([a.pk])[col.pk]
    assert rule.owner.name == "办公室" and rule.rule.kind == tl.REALTIME


def _aware(day: str, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(D(day), dt.time(hour)))


def _doc(agency, title, formed, published=None, *, column=None) -> Document:
    doc = Document.objects.create(agency=agency, title=title, formed_on=D(formed),
                                  status="published" if published else "draft",
                                  published_at=_aware(published) if published else None)
    if column:
        doc.columns.add(column)
    return doc


@pytest.fixture
def checked(tree, pin_today):
    """Organ A's 人事任免 column (组织人事科, 10 working days) with late, on-time and unpublished documents,
    and a document with a late and an on-time interpretation."""
    pin_today(D("2026-04-01"))
    a = tree["a"]
    statutory = CatalogueNode.objects.get(agency=a, section=CatalogueNode.STATUTORY, parent__isnull=True)
    col = CatalogueNode.objects.create(agency=a, parent=statutory, title="人事任免", position=500)
    import_standard_catalogue(a, seed_002_xlsx())
    # Formed Monday 2026-03-02: 10 working days end Monday 2026-03-16.
    late = _doc(a, "关于张三同志任职的通知", "2026-03-02", "2026-03-20", column=col)
    on_time = _doc(a, "关于李四同志任职的通知", "2026-03-02", "2026-03-16", column=col)
    unpublished = _doc(a, "关于王五同志免职的通知", "2026-03-02", column=col)
    not_yet_due = _doc(a, "关于赵六同志任职的通知", "2026-03-30", column=col)
    policy = _doc(a, "关于优化营商环境的若干措施", "2026-03-01", "2026-03-10")
    slow = Interpretation.objects.create(agency=a, title="《关于优化营商环境的若干措施》政策解读", body="背景……",
                                         published_at=_aware("2026-03-12"))
    slow.documents.add(policy)
    same_day = Interpretation.objects.create(agency=a, title="图解：优化营商环境若干措施", form="图解", body="……",
                                             published_at=_aware("2026-03-10", 18))
    same_day.documents.add(policy)
    return {"col": col, "late": late, "on_time": on_time, "unpublished": unpublished, "not_yet_due": not_yet_due,
            "slow": slow, "same_day": same_day}


def test_overdue_publication_found_and_listed_per_unit(tree, checked):
    section = timeliness.dashboard([tree["a"].pk], D("2026-04-01"))
    by_title = {f.title: f for f in section["findings"]}
    late = by_title["关于张三同志任职的通知"]
    assert (late.kind, late.unit, late.due, late.done_on) == ("late", "测试市甲局 · 组织人事科", D("2026-03-16"),
                                                            D("2026-03-20"))
    assert late.kind_label == "逾期公开" and late.rule == "信息形成或变更之日起10个工作日内"
    assert by_title["关于王五同志免职的通知"].kind == "overdue"
    assert "关于李四同志任职的通知" not in by_title and "关于赵六同志任职的通知" not in by_title
    units = {unit: counts for unit, counts, _total in section["units"]}
    assert units["测试市甲局 · 组织人事科"] == [1, 1, 0, 0]


def test_late_interpretation_flagged_same_day_not(tree, checked):
    section = timeliness.dashboard([tree["a"].pk], D("2026-04-01"))
    flagged = [f for f in section["findings"] if f.kind == "late_interpretation"]
    assert [f.title for f in flagged] == ["《关于优化营商环境的若干措施》政策解读"]
    assert (flagged[0].due, flagged[0].done_on) == (D("2026-03-10"), D("2026-03-12"))
    assert flagged[0].unit == "测试市甲局 · 未指定责任主体"  # its document is in no owned column


def test_once_dynamic_item_checked_for_staleness(tree, checked):
    a = tree["a"]
    statutory = CatalogueNode.objects.get(agency=a, section=CatalogueNode.STATUTORY, parent__isnull=True)
    col = CatalogueNode.objects.create(agency=a, parent=statutory, title="机构职能", position=501)
    set_column_limits(col, owner_name="组织人事科", time_limit="一次性公开并动态调整")
    section = timeliness.dashboard([a.pk], D("2026-04-01"))
    stale = [f for f in section["findings"] if f.kind == "stale"]
    assert [(f.column, f.title) for f in stale] == [("机构职能", "尚无公开信息")]
    _doc(a, "本局机构设置", "2026-01-05", "2026-01-06", column=col)
    assert not [f for f in timeliness.dashboard([a.pk], D("2026-04-01"))["findings"] if f.kind == "stale"]


def test_other_organs_findings_are_not_shown(tree, checked):
    assert timeliness.dashboard([tree["b"].pk], D("2026-04-01"))["findings"] == []


def test_dashboard_page_lists_overdue_items_per_unit(client, tree, checked, make_user):
    client.force_login(make_user("ed", tree["a"], Membership.EDITOR))
    page = client.get(reverse("publishing-dashboard")).content.decode()
    assert "逾期事项（按责任主体）" in page and "测试市甲局 · 组织人事科" in page
    assert "关于张三同志任职的通知" in page and "《关于优化营商环境的若干措施》政策解读" in page
    assert "图解：优化营商环境若干措施" not in page
    assert "关于李四同志任职的通知" not in page
    client.force_login(make_user("other", tree["b"], Membership.EDITOR))
    assert "关于张三同志任职的通知" not in client.get(reverse("publishing-dashboard")).content.decode()


def test_catalogue_page_shows_and_admin_edits_owner_and_time_limit(client, tree, checked, make_user):
    col = checked["col"]
    editor = make_user("ed", tree["a"], Membership.EDITOR)
    client.force_login(editor)
    page = client.get(reverse("standard-catalogue")).content.decode()
    assert "组织人事科" in page and "信息形成或变更之日起10个工作日内" in page and "登记编号之日起2日内在网公布" in page
    data = {"kind": "node", "pk": col.pk, "owner": "人事科", "time_limit": "形成之日起五个工作日内"}
    assert client.post(reverse("catalogue-limits"), data).status_code == 403
    client.force_login(make_user("admin", tree["a"], Membership.ADMIN))
    resp = client.post(reverse("catalogue-limits"), data)
    assert resp.status_code == 302
    col.refresh_from_db()
    assert col.owner.name == "人事科" and col.time_rule["days"] == 5 and col.time_limit == "形成之日起五个工作日内"
    resp = client.post(reverse("catalogue-limits"), {**data, "time_limit": "视情况而定"}, follow=True)
    assert "无法识别" in resp.content.decode()
    col.refresh_from_db()
    assert col.time_limit == "视情况而定" and col.time_rule["kind"] == tl.UNKNOWN
    assert "视情况而定" in client.get(reverse("publishing-dashboard")).content.decode()
    # Another organ's admin cannot touch organ A's column.
    client.force_login(make_user("admin_b", tree["b"], Membership.ADMIN))
    assert client.post(reverse("catalogue-limits"), data).status_code == 404


def test_admin_links_a_standard_item_to_a_column(client, tree, checked, make_user):
    client.force_login(make_user("admin", tree["a"], Membership.ADMIN))
    item = _item(tree["a"], l2="公示公告")
    client.post(reverse("catalogue-limits"), {"kind": "item", "pk": item.pk, "owner": "办公室",
                                              "time_limit": item.time_limit, "column": checked["col"].pk})
    item.refresh_from_db()
    assert item.column == checked["col"] and item.responsible.startswith("办公室牵头")  # same unit: text kept
