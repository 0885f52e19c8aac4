"""A complete statutory catalogue for the demo organs (issue 15): the 政府信息公开制度 column, 第二十条（二）
(职能、机构、地址、时间、电话、负责人) for every organ, each 第二十一条 column of the two governments, and a
statement in each column of a department that holds no such information."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.publishing.models import CatalogueNode

from .doc_topics import PLACES
from .world import HOURS

RULES = [
    ("政府信息公开申请办理工作规程", "依申请公开的登记、补正、征求意见、延期、答复和送达",
     ["申请由政府信息公开工作机构统一登记，登记之日起计算答复期限", "申请内容不明确的，在7个工作日内一次性告知补正",
      "答复书经审核人审核、负责人签发后出具，并告知救济途径", "办理材料一案一档，按年度归档"]),
    ("政府信息公开保密审查制度", "拟公开信息的保密审查和个人信息去标识化",
     ["拟公开的政府信息由承办科室初审、保密审查人员复审", "对不能确定是否可以公开的，依法报有关主管部门确定",
      "公开前对身份证号码、联系电话等个人信息作去标识化处理", "保密审查情况记录在案，随文件归档"]),
    ("政府信息主动公开工作制度", "主动公开的范围、时限和程序",
     ["属于主动公开范围的政府信息，自形成或者变更之日起20个工作日内公开", "公文拟制时同步确定公开属性",
      "政府信息公开专栏栏目由专人维护，定期检查更新情况", "行政规范性文件实行统一登记、统一编号、统一公布"]),
    ("政府信息公开工作考核和责任追究制度", "考核内容、评议方式和责任追究",
     ["政府信息公开工作纳入年度绩效考核，考核结果予以通报", "每年邀请公民、法人和其他组织对公开工作进行评议",
      "对不依法履行公开义务的，责令改正；情节严重的依法追究责任", "年度报告于每年1月31日前向社会公布"]),
    ("政务舆情回应和政策解读工作制度", "政策解读、舆情回应的责任分工和时限",
     ["坚持谁起草、谁解读，解读材料与政策文件同步组织、同步审签、同步部署", "对涉及重大政务舆情的，在5小时内发布权威信息",
      "通过新闻发布会、在线访谈、图表图解等形式解读政策", "舆情回应情况定期汇总分析"]),
]
LEADERS = [("局长", "主持全面工作"), ("副局长", "分管办公室、法规和政务公开工作"), ("副局长", "分管业务科室和执法工作"),
           ("党组成员、副局长", "分管计划财务、人事和机关党建工作")]
GOV_LEADERS = [("市长", "主持市政府全面工作"), ("常务副市长", "负责市政府常务工作，分管发展改革、财政、审计"),
               ("副市长", "分管自然资源、住房城乡建设、生态环境"), ("副市长", "分管教育、卫生健康、民政、人力资源社会保障")]
NAMES = ["何建明", "罗志远", "梁晓红", "宋国华", "唐文杰", "韩立新", "邓海燕", "曹振宇", "彭丽君", "曾凡", "田野", "董建平"]
DEPARTMENT_UNITS = ["办公室", "政策法规科", "计划财务科", "行政审批科", "执法监督科", "人事科"]
ART21 = {
    "市政建设": ["{region}{y}年城市基础设施建设项目计划", "关于{place}道路改造工程施工期间交通组织的公告"],
    "公共服务": ["{region}基本公共服务标准（{y}年版）", "{region}{y}年公共服务事项清单"],
    "公益事业": ["{region}{y}年度公益事业捐赠资金使用情况公示", "关于{region}{y}年度民生实事项目完成情况的公告"],
    "土地征收": ["{region}{y}年第{n}批次征收土地预公告", "{region}{y}年第{n}号征收土地补偿安置方案公告"],
    "房屋征收": ["关于{place}棚户区改造项目房屋征收决定的公告", "{place}旧城改造项目房屋征收补偿方案征求意见的公告"],
    "治安管理": ["{region}关于{y}年春节期间烟花爆竹禁放区域的通告", "{region}关于{y}年大型群众性活动安全管理的通告"],
    "社会救助": ["关于调整{region}城乡最低生活保障标准的通知（{y}年）", "{region}{y}年临时救助工作情况"],
}
ART21_BODY = {
    "市政建设": "{y}年计划实施城市道路、排水管网、公园绿地等基础设施项目{k}个，总投资{m}亿元。项目名称、建设内容、"
                "实施单位和计划工期见附表，项目进展情况按季度更新。",
    "公共服务": "本标准涵盖幼有所育、学有所教、劳有所得、病有所医、老有所养、住有所居、弱有所扶等{k}个方面、"
                "{m}个服务项目，逐项明确服务对象、服务内容、服务标准和牵头负责单位。",
    "公益事业": "{y}年度共接收社会捐赠资金{m}万元，已用于助学、助医、助残等公益项目{k}个。捐赠资金使用明细见附表，"
                "接受社会监督。",
    "土地征收": "因{place}建设需要，拟征收农民集体所有土地{m}公顷。自本公告发布之日起，在拟征收范围内暂停办理户口迁入、"
                "分户，不得抢栽抢建；违反规定抢栽抢建的，对抢栽抢建部分不予补偿。本次征收涉及{k}个村民小组。",
    "房屋征收": "为实施{place}改造项目，依照《国有土地上房屋征收与补偿条例》，决定对项目范围内的国有土地上房屋实施征收。"
                "征收范围内共有房屋{k}户，签约期限为{m}日。被征收人对本决定不服的，可以依法申请行政复议或者提起行政诉讼。",
    "治安管理": "为维护公共安全和社会秩序，依据《中华人民共和国治安管理处罚法》等规定，{place}等{k}个区域在规定期间"
                "禁止燃放烟花爆竹或举办未经许可的大型群众性活动。违反本通告的，由公安机关依法处理。举报电话：110。",
    "社会救助": "经{region}人民政府同意，城市最低生活保障标准调整为每人每月{m}元，农村最低生活保障标准调整为每人每年"
                "{k}元，自公布之日起执行。各地要确保调整后的保障金按时足额发放到户。",
}


def _day(rnd, today: dt.date, low: int = 30, high: int = 700) -> dt.date:
    return today - dt.timedelta(days=rnd.randint(low, high))


def _at(day: dt.date, rnd) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(rnd.randint(9, 16), rnd.choice((0, 20, 40)))))


def _articles(items: list[str]) -> str:
    numerals = "一二三四五六七八九十"
    return "\n\n".join(f"第{numerals[i]}条　{text}。" for i, text in enumerate(items))


def _rules(agency: Agency, node, publish, rnd, today: dt.date) -> int:
    for name, scope, items in RULES:
        day = _day(rnd, today)
        body = _articles([f"为规范{agency.name}{scope}，根据《中华人民共和国政府信息公开条例》，制定本制度", *items,
                          f"本制度由{agency.office_name or agency.name}负责解释，自{day.year}年{day.month}月{day.day}日起施行"])
        publish(agency, title=f"{agency.name}{name}", body=body, published_at=_at(day, rnd), doc_type="其他",
                subject="综合政务\\政务公开", keywords="政府信息公开制度", summary=f"规定{scope}。", signed_on=day,
                columns=[node])
    return len(RULES)


def _functions(agency: Agency, node, publish, rnd, today: dt.date) -> int:
    gov = agency.kind == Agency.GOVERNMENT
    leaders = GOV_LEADERS if gov else LEADERS
    names = rnd.sample(NAMES, len(leaders))
    day = _day(rnd, today, 20, 300)
    docs = [
        (f"{agency.name}机构职能", f"{agency.name}是{'本级人民政府' if gov else '市人民政府工作部门'}，"
         f"主要职责是：贯彻执行国家和省有关法律法规和方针政策；拟订并组织实施本{'行政区域' if gov else '领域'}的发展规划和政策措施；"
         "依法实施行政许可、行政处罚和行政检查；承办上级交办的其他事项。"),
        (f"{agency.name}领导信息", "\n\n".join(f"{n}　{title}：{duty}。" for n, (title, duty) in zip(names, leaders, strict=True))),
        (f"{agency.name}内设机构、办公地址、办公时间和联系方式",
         f"内设机构：{'、'.join(DEPARTMENT_UNITS if not gov else ['办公室', '研究室', '政务公开办公室', '督查室'])}。\n\n"
         f"办公地址：{agency.office_address}\n\n办公时间：{HOURS}（法定节假日除外）\n\n"
         f"联系电话：{agency.office_phone}　传真：{agency.office_fax}　邮政编码：{agency.postcode}"),
    ]
    for title, body in docs:
        publish(agency, title=title, body=body, published_at=_at(day, rnd), doc_type="其他",
                subject="综合政务\\政务公开", keywords="机构职能", summary=title, signed_on=day, columns=[node])
    return len(docs)


def _article21(agency: Agency, nodes: dict, publish, rnd, today: dt.date, seen: set) -> int:
    region = "示例县" if agency.code == "xian" else "示例市"
    made = 0
    for title_of, templates in ART21.items():
        node = nodes.get(title_of)
        if node is None:
            continue
        for template in templates:
            title = None
            while title is None or title in seen:  # places and batches vary until the title is new
                day = _day(rnd, today, 10, 600)
                values = dict(region=region, y=day.year, n=rnd.randint(1, 9), place=rnd.choice(PLACES),
                              k=rnd.randint(3, 60), m=rnd.randint(12, 980))
                title = template.format(**values)
            seen.add(title)
            publish(agency, title=title, body=ART21_BODY[title_of].format(**values),
                    published_at=_at(day, rnd), doc_type="公告" if "公告" in template else "其他",
                    subject="综合政务\\政务公开", keywords=title_of, summary=title, signed_on=day,
                    columns=[node])
            made += 1
    return made


def _statements(agency: Agency, publish, rnd, today: dt.date) -> int:
    """A department's columns outside its remit say so (as 专栏 do: 本机关无此类信息), rather than
    stand empty."""
    empty = (CatalogueNode.objects.filter(agency=agency, section=CatalogueNode.STATUTORY, parent__isnull=False)
             .annotate(n=Count("documents")).filter(n=0).order_by("position", "id"))
    made = 0
    for node in empty:
        day = _day(rnd, today, 10, 120)  # stated recently: within the inspection's update periods
        label = f"{node.item_code}“{node.title}”" if node.item_code == "第二十一条" else node.item_code
        publish(agency, title=f"{agency.name}关于{label}主动公开内容的说明",
                body=f"经梳理，{agency.name}不承担{node.title}方面的职责，未制作或获取此类政府信息。"
                     f"如有相关信息形成，将自形成之日起20个工作日内在本栏目公开。\n\n"
                     f"咨询电话：{agency.office_phone}",
                published_at=_at(day, rnd), doc_type="其他", subject="综合政务\\政务公开", keywords="栏目说明",
                summary=f"说明本机关无{node.title}方面的政府信息。", signed_on=day, columns=[node])
        made += 1
    return made


def complete_catalogue(publish, rnd, today: dt.date) -> int:
    """Fill the columns the topic documents leave empty; returns the number of documents made."""
    made, seen = 0, set()
    for agency in Agency.objects.filter(code__in=("shi", "zrzy", "zjj", "sthj", "scjg", "xian")).order_by("path"):
        nodes = CatalogueNode.objects.filter(agency=agency)
        rules = nodes.filter(section=CatalogueNode.RULES, parent=None).first()
        functions = nodes.filter(item_code="第二十条（二）").first()
        if rules is not None:
            made += _rules(agency, rules, publish, rnd, today)
        if functions is not None:
            made += _functions(agency, functions, publish, rnd, today)
        if agency.kind != Agency.GOVERNMENT:
            made += _statements(agency, publish, rnd, today)
        else:
            made += _article21(agency, {n.title: n for n in nodes.filter(item_code="第二十一条")}, publish, rnd, today,
                                seen)
    return made
