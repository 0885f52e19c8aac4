"""Demo owners (责任主体) and time limits (时限要求) of 示例市人民政府's catalogue (issue 17 item 4).

示例市人民政府's 主动公开基本目录 is imported the way an agency sends it (the layout of seed 002:
一级指标 … 四级指标, 维护内容及要求, 责任主体, 时限要求及方式, blank repeated cells), its columns get
their owners and time limits, and a few publications make the inspection dashboard's
「逾期事项（按责任主体）」 show something: a list published late, a notice not yet published past its
time limit, and an interpretation published after its document. Idempotent: nothing happens once the
government has units.
"""

from __future__ import annotations

import datetime as dt
import io

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.law import today as law_today
from gongkai.publishing.catalogue_import import import_standard_catalogue
from gongkai.publishing.models import CatalogueNode, DocStatus, Document, Interpretation, OrganUnit
from gongkai.publishing.owners import set_column_limits

HEADER = ["一级指标", "二级指标", "三级指标", "四级指标 具体指标", "维护内容及要求", "责任主体", "时限要求及方式"]
TEN_WD = "信息形成或变更之日起10个工作日内"
ROWS = [
    ["机构职能", "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名", "", "",
     "市政府职能、内设机构、办公地址、办公时间、联系方式、领导姓名及分工", "秘书科", "一次性公开并动态调整"],
    ["", "领导分工", "", "", "市政府领导分工调整情况", "", ""],
    ["政策文件", "行政法规、规章和规范性文件", "", "", "市政府规章、市政府及办公室行政规范性文件",
     "法制科牵头，各起草科室具体负责", TEN_WD],
    ["", "", "规范性文件", "", "市政府行政规范性文件（统一登记、统一编号、统一公布）", "法制科", "登记编号之日起2日内在网公布"],
    ["", "政策解读", "", "", "文件解读材料，与政策文件双向关联", "", "与所解读文件同步公开"],
    ["规划计划", "国民经济和社会发展规划、专项规划、区域规划及相关政策", "", "", "发展规划及相关政策",
     "综合科牵头，各科室配合", TEN_WD + "及时公开"],
    ["统计信息", "国民经济和社会发展统计信息", "", "", "统计公报、主要统计数据", "综合科", "及时公开"],
    ["财政信息", "财政预算、决算信息", "", "", "市本级预决算、部门预决算、“三公”经费", "综合科",
     "自该信息形成或者变更之日起20个工作日内"],
    ["人事信息", "公务员招考的职位、名额、报考条件等事项以及录用结果", "", "", "考试录用、公开遴选公告和拟录用人员名单",
     "人事科", TEN_WD],
    ["", "人事任免", "", "", "市政府任免工作人员信息", "", ""],
    ["重点领域", "突发公共事件的应急预案、预警信息及应对情况", "", "", "应急预案、预警信息", "秘书科牵头，各科室配合",
     "预警信息实时公开，应对情况信息形成之日起5个工作日内"],
    ["政务公开", "政府信息公开工作年度报告", "", "", "年度报告", "政务公开科", "每年1月31日前"],
]


def _workbook() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["示例市人民政府信息主动公开基本目录"])
    ws.append(HEADER)
    for row in ROWS:
        ws.append([cell or None for cell in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _examples(shi: Agency, column: CatalogueNode, policy_column: CatalogueNode | None, today: dt.date) -> None:
    """A list published late, a notice past its time limit still unpublished, a late interpretation."""
    from gongkai.demo.publishing import publish_document

    late = publish_document(
        shi, title=f"示例市{today.year}年度考试录用公务员拟录用人员名单公示", doc_type="公告",
        body="经笔试、面试、体检和考察，现将拟录用人员名单予以公示，公示期5个工作日。", published_at=_at(today - dt.timedelta(days=10)),
        subject="综合政务\\人事工作", keywords="公务员录用", summary="拟录用人员名单公示。", columns=[column])
    Document.objects.filter(pk=late.pk).update(formed_on=today - dt.timedelta(days=40))
    draft = Document.objects.create(
        agency=shi, title=f"示例市{today.year}年度公开遴选公务员公告", doc_type="公告", status=DocStatus.DRAFT,
        formed_on=today - dt.timedelta(days=35), subject="综合政务\\人事工作", disclosure_attribute="proactive",
        body="根据工作需要，市政府办公室面向全市公开遴选公务员，现将有关事项公告如下。")
    draft.columns.add(column)
    policy = publish_document(
        shi, title="示例市人民政府关于进一步优化营商环境的若干措施", doc_type="意见",
        body="一、压缩企业开办时间。二、推行“一件事一次办”。三、加强政务诚信建设。",
        published_at=_at(today - dt.timedelta(days=20)), subject="综合政务\\政务公开", keywords="营商环境",
        summary="优化营商环境的若干措施。", columns=[policy_column] if policy_column else ())
    interp = Interpretation.objects.create(
        agency=shi, title="《示例市人民政府关于进一步优化营商环境的若干措施》政策解读", form="文字",
        published_at=_at(today - dt.timedelta(days=16), 15),
        body="一、起草背景\n为持续优化营商环境，市政府起草了本措施。\n\n二、主要内容\n压缩企业开办时间、推行一件事一次办。")
    interp.documents.add(policy)


@transaction.atomic
def load(stdout=None) -> dict | None:
    """Owners and time limits for 示例市人民政府's catalogue; None when already there (or no government)."""
    shi = Agency.objects.filter(code="shi").first()
    if shi is None or OrganUnit.objects.filter(agency=shi).exists():
        return None
    today = law_today.today()
    result = import_standard_catalogue(shi, _workbook())
    nodes = CatalogueNode.objects.filter(agency=shi)
    statutory = nodes.filter(section=CatalogueNode.STATUTORY, parent__isnull=True).first()
    if statutory is not None:  # every column not set below: Art. 26 written out, by the 政务公开科
        set_column_limits(statutory, owner_name="政务公开科", time_limit="自该信息形成或者变更之日起20个工作日内")
    by_code = {n.item_code: n for n in nodes.filter(item_code__startswith="第二十条")}
    for code, owner, limit in (("第二十条（二）", "秘书科", "一次性公开并动态调整"),
                               ("第二十条（一）", "法制科", TEN_WD),
                               ("第二十条（十四）", "人事科", TEN_WD)):
        if code in by_code:
            set_column_limits(by_code[code], owner_name=owner, time_limit=limit)
    if "第二十条（十四）" in by_code:
        _examples(shi, by_code["第二十条（十四）"], by_code.get("第二十条（一）"), today)
    return {"items": result.created, "units": OrganUnit.objects.filter(agency=shi).count(),
            "notes": len(result.notes)}
