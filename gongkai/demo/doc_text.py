"""Titles and bodies of the demo publications, built from templates per 文种 and the phrase banks of
doc_topics.py with a seeded random.Random: every document gets its own title and body (issue 15)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .doc_topics import PLACES, PROJECTS, REQUESTERS, SHORT, Topic

NUMERALS = "一二三四五六七八九十"

TITLES = {
    "规章": ["示例市{t}管理办法", "示例市{t}实施办法", "示例市{t}若干规定"],
    "行政规范性文件": ["关于印发《{region}{t}管理办法》的通知", "关于印发《{region}{t}实施细则》的通知",
                "关于印发《{region}{t}暂行办法》的通知", "关于调整{region}{t}有关标准的通知",
                "关于进一步规范{t}工作的若干措施", "关于印发《{t}操作规程（{y}年修订）》的通知"],
    "通知": ["关于做好{y}年{t}工作的通知", "关于开展{y}年{t}专项行动的通知", "关于印发{y}年{t}工作要点的通知",
           "关于进一步做好{t}有关工作的通知", "关于开展{y}年度{t}监督检查的通知", "关于{place}{t}试点工作的通知"],
    "意见": ["关于加快推进{t}的实施意见", "关于进一步加强{t}的意见", "关于深化{t}的若干意见",
           "关于推动{t}高质量发展的意见", "关于{place}{t}的指导意见"],
    "公告": ["关于{y}年第{n}批{t}有关事项的公告", "关于公布{y}年{t}结果的公告", "关于{place}{t}有关事项的公告"],
    "通告": ["关于{y}年第{n}期{t}情况的通告", "关于{place}{t}有关事项的通告"],
    "通报": ["关于{y}年第{q}季度{t}情况的通报", "关于{y}年{t}督查情况的通报", "关于{place}{t}工作情况的通报"],
    "批复": ["关于同意{place}{t}实施方案的批复", "关于{place}{t}有关事项的批复"],
    "报告": ["关于{y}年{t}工作情况的报告", "关于{t}工作进展情况的报告（{y}年{half}）"],
}
# Topics whose titles are fixed by practice.
SPECIAL = {
    "部门预算": "{org}{y}年部门预算",
    "部门决算": "{org}{py}年部门决算",
    "国民经济和社会发展统计公报": "{region}{py}年国民经济和社会发展统计公报",
}
OTHER_KINDS = ("通知", "通知", "通知", "意见", "通报", "公告", "行政规范性文件", "批复", "通告", "报告")

OPENINGS = [
    "为贯彻落实{basis}，{aim}，经{short}同意，现就{t}有关事项{verb}如下。",
    "根据{basis}和省有关工作部署，为进一步{aim}，结合本地实际，现就{t}有关事项{verb}如下。",
    "{py}年以来，{t}工作取得积极进展，但仍存在{problem}等问题。为{aim}，现就有关事项{verb}如下。",
    "{t}事关人民群众切身利益。为{aim}，依据{basis}，现就有关事项{verb}如下。",
]
PROBLEMS = ["工作进展不平衡", "部分政策落实不到位", "信息公开不够及时", "基层服务能力不足", "部门协同不够顺畅",
            "群众知晓率不高", "资金保障不够有力", "监督考核机制不健全"]
HEADINGS = [("总体要求", "工作目标"), ("主要任务", "重点工作", "工作措施"), ("保障措施", "工作要求", "组织实施")]
SUPPORT = [
    "各地各部门要把{t}工作列入重要议事日程，主要负责同志亲自部署、亲自推动",
    "财政部门要统筹安排工作经费，保障各项措施落地见效",
    "建立工作台账，实行清单化管理、项目化推进，每季度末将进展情况报送{lead}",
    "将{t}工作纳入年度绩效考核，对工作推进不力的予以通报",
    "加强政策宣传解读，通过政府网站、政务新媒体等渠道及时回应群众关切",
    "畅通监督举报渠道，主动接受人大、政协和社会各界监督",
    "加强部门协同，建立信息共享和联合会商机制，形成工作合力",
    "健全督查考核机制，对各项任务落实情况开展专项督查",
    "注重总结推广基层典型经验，以点带面推动工作整体提升",
    "严格落实保密审查和个人信息保护要求，依法依规公开相关信息",
]
PROJECT_TERMS = ["项目建设内容、规模和总投资按批复的可行性研究报告执行", "项目资金来源为财政资金和项目单位自筹",
                 "严格执行招标投标、工程监理和合同管理制度", "项目批准、招标、施工、竣工验收等信息依法向社会公开",
                 "落实安全生产和文明施工措施，减少施工对周边居民的影响", "项目建成后及时组织竣工验收并办理移交"]
CONTACTS = ["张明", "李华", "王芳", "刘洋", "陈静", "杨帆", "赵磊", "黄琳", "周婷", "吴刚", "徐慧", "孙涛"]


@dataclass
class Text:
    title: str
    body: str
    summary: str
    measures: list = field(default_factory=list)
    core: str = ""  # the name of the regulation a 印发 notice carries, for interpretations
    valid_years: int | None = None


class Writer:
    """Writes one document at a time; ``seen`` keeps titles and bodies unique across the load."""

    def __init__(self, rnd):
        self.rnd = rnd
        self.titles: set[str] = set()
        self.bodies: set[str] = set()

    # -- titles ---------------------------------------------------------------------------

    def title(self, topic: Topic, kind: str, agency, year: int) -> str | None:
        rnd = self.rnd
        region = "示例县" if agency.code == "xian" else "示例市"
        values = dict(t=topic.name, y=year, py=year - 1, org=agency.name, region=region, n=rnd.randint(1, 6),
                      q=NUMERALS[rnd.randint(0, 3)], place=rnd.choice(PLACES), project=rnd.choice(PROJECTS),
                      half=rnd.choice(("上半年", "下半年")))
        template = SPECIAL.get(topic.name) or rnd.choice(TITLES[kind])
        if kind == "批复" and topic.art21 == "市政建设" and rnd.random() < 0.7:
            template = "关于{place}{project}的批复"  # construction topics approve projects
        # A topic ending in 管理 before "管理办法": 《…单位管理办法》, not 《…单位管理管理办法》.
        title = template.format(**values).replace("管理管理", "管理")
        if title in self.titles:
            return None
        self.titles.add(title)
        return title

    # -- bodies ---------------------------------------------------------------------------

    def body(self, topic: Topic, kind: str, agency, title: str, signed: dt.date, issuers: str) -> Text:
        if topic.name in ("部门预算", "部门决算"):
            text = self._budget(topic, agency, title, signed)
        elif topic.name == "国民经济和社会发展统计公报":
            text = self._statistics(topic, agency, title, signed)
        elif kind in ("规章", "行政规范性文件"):
            text = self._regulation(topic, kind, agency, title, signed)
        elif kind == "批复":
            text = self._reply(topic, agency, title, signed)
        elif kind == "通报":
            text = self._bulletin(topic, agency, title, signed)
        elif kind == "报告":
            text = self._report(topic, agency, title, signed)
        else:
            text = self._notice(topic, kind, agency, title, signed)
        text.body += "\n\n" + self._signature(issuers, signed)
        while text.body in self.bodies:  # practically never: the combinations are many
            text.body += f"\n（联系电话：0999-{self.rnd.randint(8100000, 8199999)}）"
        self.bodies.add(text.body)
        return text

    def _values(self, topic: Topic, agency, signed: dt.date) -> dict:
        rnd = self.rnd
        return dict(t=topic.name, basis=topic.basis, aim=topic.aim, short=SHORT[agency.code],
                    lead=agency.name, py=signed.year - 1, y=signed.year, problem="、".join(rnd.sample(PROBLEMS, 2)))

    def _addressee(self, agency) -> str:
        if agency.code == "shi":
            return "各区县人民政府，市政府各部门、各直属机构："
        if agency.code == "xian":
            return "各乡镇人民政府，县政府各部门："
        return "各区县相关部门，局机关各处室、各直属单位："

    def _measures(self, topic: Topic, low: int = 3) -> list[str]:
        k = self.rnd.randint(min(low, len(topic.measures)), len(topic.measures))
        return self.rnd.sample(list(topic.measures), k)

    def _support(self, values: dict, k: int = 3) -> list[str]:
        return [s.format(**values) for s in self.rnd.sample(SUPPORT, k)]

    def _signature(self, issuers: str, signed: dt.date) -> str:
        contact = f"（联系人：{self.rnd.choice(CONTACTS)}，联系电话：0999-{self.rnd.randint(8100000, 8199999)}）"
        return f"{contact}\n\n{issuers.replace('、', '　')}\n{signed.year}年{signed.month}月{signed.day}日"

    def _notice(self, topic: Topic, kind: str, agency, title: str, signed: dt.date) -> Text:
        rnd = self.rnd
        values = self._values(topic, agency, signed)
        verb = {"意见": "提出如下意见", "公告": "公告", "通告": "通告"}.get(kind, "通知")
        opening = rnd.choice(OPENINGS).format(verb=verb if kind != "意见" else "提出意见", **values)
        target = rnd.randint(signed.year + 1, signed.year + 3)
        measures = self._measures(topic)
        head = [rnd.choice(h) for h in HEADINGS]
        lines = [] if kind in ("公告", "通告") else [self._addressee(agency)]
        lines.append(opening)
        lines.append(f"一、{head[0]}。坚持以人民为中心的发展思想，{topic.aim}。到{target}年底，"
                     f"{topic.name}相关制度机制更加完善，群众满意度达到{rnd.randint(88, 98)}%以上。")
        lines.append(f"二、{head[1]}。" + "".join(f"（{NUMERALS[i]}）{m}。" for i, m in enumerate(measures)))
        lines.append(f"三、{head[2]}。" + "。".join(self._support(values, rnd.randint(2, 3))) + "。")
        if kind in ("公告", "通告"):
            lines.append(f"四、本{kind}自发布之日起施行。" + f"特此{kind}。")
        elif kind == "意见":
            lines.append(f"四、各有关单位要结合实际制定具体落实措施，于{target}年{rnd.randint(1, 12)}月底前报送贯彻落实情况。")
        summary = f"围绕{topic.name}，提出{len(measures)}项具体措施和相应保障要求：{measures[0]}等。"
        return Text(title, "\n\n".join(lines), summary, measures)

    def _regulation(self, topic: Topic, kind: str, agency, title: str, signed: dt.date) -> Text:
        rnd = self.rnd
        core = title.split("《", 1)[1].split("》", 1)[0] if "《" in title else title.removeprefix("关于")
        word = "办法" if "办法" in core else "规定" if "规定" in core else "细则" if "细则" in core else "措施"
        measures = self._measures(topic, 4)
        articles = [f"为了{topic.aim}，根据{topic.basis}等有关规定，结合本地实际，制定本{word}。",
                    f"本{word}适用于本行政区域内{topic.name}及其监督管理活动。",
                    f"{agency.name}负责{topic.name}工作的统筹协调和监督管理；其他有关部门按照各自职责做好相关工作。"]
        articles += [m + "。" for m in measures]
        articles.append(rnd.choice(["违反本{w}规定的，由有关部门依法处理；构成犯罪的，依法追究刑事责任。",
                                    "有关部门及其工作人员在{t}工作中滥用职权、玩忽职守、徇私舞弊的，依法给予处分。"])
                        .format(w=word, t=topic.name))
        years = None if kind == "规章" else rnd.choice((2, 3, 5, 5))
        effective = signed + dt.timedelta(days=rnd.choice((0, 15, 30)))
        tail = f"，有效期{years}年" if years else ""
        articles.append(f"本{word}自{effective.year}年{effective.month}月{effective.day}日起施行{tail}。")
        numbered = [f"第{_cn_number(i + 1)}条　{a}" for i, a in enumerate(articles)]
        lines = []
        if "《" in title:
            lines = [self._addressee(agency), f"现将《{core}》印发给你们，请认真贯彻执行。", core]
        lines += numbered
        summary = f"《{core}》共{len(articles)}条，明确了{topic.name}的适用范围、职责分工和{measures[0]}等内容。"
        return Text(title, "\n\n".join(lines), summary, measures, core, years)

    def _reply(self, topic: Topic, agency, title: str, signed: dt.date) -> Text:
        rnd = self.rnd
        subject = title.removeprefix("关于").removesuffix("的批复")
        place = next((p for p in PLACES if subject.startswith(p) or subject.startswith("同意" + p)), "")
        requester = (f"{place}人民政府" if place.endswith(("城区", "湖区", "山区", "县")) else
                     f"示例县{place}人民政府" if place.endswith(("镇", "乡")) else rnd.choice(REQUESTERS))
        req_no = f"{rnd.choice(('示城投', '示交', '示水', '东政', '南政', '北政', '示教', '示卫'))}〔{signed.year}〕{rnd.randint(3, 90)}号"
        project = any(p in subject for p in PROJECTS)
        measures = rnd.sample(PROJECT_TERMS, 3) if project else self._measures(topic, 2)[:3]
        lines = [f"{requester}：", f"你单位《关于{subject.removeprefix('同意')}的请示》（{req_no}）收悉。经研究，现批复如下："]
        if project:
            invest = rnd.randint(800, 98000) / 10
            lines.append(f"一、原则同意{subject}。项目估算总投资{invest}万元。")
            summary = f"同意{subject}，估算总投资{invest}万元，并明确实施要求。"
        else:
            lines.append(f"一、原则同意{subject.removeprefix('同意')}。")
            summary = f"同意{subject.removeprefix('同意')}，并明确{measures[0]}等要求。"
        lines += [f"{NUMERALS[i + 1]}、{m}。" for i, m in enumerate(measures)]
        lines.append(f"{NUMERALS[len(measures) + 1]}、请你单位严格按照批复内容组织实施，"
                     f"实施中如有重大调整，须按程序另行报批。")
        lines.append("此复。")
        return Text(title, "\n\n".join(lines), summary, measures)

    def _report(self, topic: Topic, agency, title: str, signed: dt.date) -> Text:
        values = self._values(topic, agency, signed)
        upper = "示例省人民政府：" if agency.code == "shi" else "示例市人民政府："
        measures = self._measures(topic)
        lines = [upper, f"根据工作安排，现将{ {'shi': '我市', 'xian': '我县'}.get(agency.code, '本局')}{topic.name}工作情况报告如下。",
                 "一、工作开展情况。" + "".join(f"（{NUMERALS[i]}）{m}。" for i, m in enumerate(measures)),
                 f"二、存在的问题。工作中还存在{values['problem']}等问题。",
                 "三、下一步工作打算。" + "。".join(self._support(values, 2)) + "。", "特此报告。"]
        return Text(title, "\n\n".join(lines), f"报告{topic.name}工作开展情况、存在的问题和下一步打算。", measures)

    def _bulletin(self, topic: Topic, agency, title: str, signed: dt.date) -> Text:
        rnd = self.rnd
        values = self._values(topic, agency, signed)
        checked, found = rnd.randint(20, 260), rnd.randint(5, 80)
        fixed = rnd.randint(found // 2, found)
        measures = self._measures(topic, 2)
        lines = [self._addressee(agency),
                 f"根据工作安排，{SHORT[agency.code]}组织对{topic.name}工作落实情况进行了督查，现将有关情况通报如下。",
                 f"一、总体情况。本次共检查单位（项目）{checked}个，发现问题{found}个，已完成整改{fixed}个，"
                 f"整改率{fixed * 100 // found}%。",
                 "二、主要做法。" + "；".join(measures) + "。",
                 f"三、存在问题。部分单位存在{values['problem']}等问题。",
                 "四、下一步工作。" + "。".join(self._support(values, 2)) + "。"]
        return Text(title, "\n\n".join(lines), f"通报{topic.name}督查情况：检查{checked}个，发现问题{found}个。", measures)

    def _budget(self, topic: Topic, agency, title: str, signed: dt.date) -> Text:
        rnd = self.rnd
        total = rnd.randint(2000, 90000) / 10
        basic = round(total * rnd.uniform(0.35, 0.7), 1)
        three = rnd.randint(50, 900) / 10
        year = signed.year if topic.name == "部门预算" else signed.year - 1
        word = "预算" if topic.name == "部门预算" else "决算"
        lines = ["第一部分　部门概况",
                 f"一、主要职能。{agency.name}负责{rnd.choice(('本部门职责范围内', '本级'))}的政策制定、组织实施和监督管理工作。",
                 f"二、部门{word}单位构成。纳入本部门{year}年{word}编制范围的单位共{rnd.randint(1, 9)}个。",
                 f"第二部分　{year}年部门{word}情况说明",
                 f"一、收支总体情况。{year}年收支总{word}{total}万元，其中基本支出{basic}万元，"
                 f"项目支出{round(total - basic, 1)}万元。",
                 f"二、“三公”经费{word}情况。{year}年“三公”经费{word}{three}万元，"
                 f"比上年{rnd.choice(('下降', '持平', '下降'))}，主要是严格落实过紧日子要求。",
                 f"三、政府采购情况。{year}年政府采购{word}{rnd.randint(50, 3000) / 10}万元。",
                 "四、" + "；".join(self._measures(topic, 2)) + "。"]
        return Text(title, "\n\n".join(lines), f"{agency.name}{year}年收支总{word}{total}万元及“三公”经费等情况。")

    def _statistics(self, topic: Topic, agency, title: str, signed: dt.date) -> Text:
        rnd = self.rnd
        region = "示例县" if agency.code == "xian" else "示例市"
        gdp = rnd.randint(800, 6000) / 10 if agency.code == "xian" else rnd.randint(30000, 60000) / 10
        growth = rnd.randint(38, 72) / 10
        income = rnd.randint(28000, 52000)
        lines = [f"{region}统计局", f"{signed.year}年{signed.month}月",
                 f"一、综合。{signed.year - 1}年全{region[-1]}地区生产总值{gdp}亿元，按不变价格计算比上年增长{growth}%。",
                 f"二、人民生活。全体居民人均可支配收入{income}元，比上年增长{rnd.randint(40, 75) / 10}%。",
                 f"三、就业。全年城镇新增就业{rnd.randint(3000, 60000)}人，城镇调查失业率{rnd.randint(45, 56) / 10}%。",
                 "注：本公报中部分数据为初步统计数，各项数据均未包括港澳台地区。"]
        return Text(title, "\n\n".join(lines), f"{region}{signed.year - 1}年地区生产总值{gdp}亿元，增长{growth}%。")


def _cn_number(n: int) -> str:
    if n <= 10:
        return NUMERALS[n - 1]
    if n < 20:
        return "十" + NUMERALS[n - 11]
    return NUMERALS[n // 10 - 1] + "十" + (NUMERALS[n % 10 - 1] if n % 10 else "")
