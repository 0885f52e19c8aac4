"""The demo world (python manage.py load_demo).

A fictional city 示例市: its people's government, four departments and one county, their staff, and
about 215 applications from 2025-01-02 to today, spread over every channel, every applicant column
and every one of the 21 outcomes, with corrections, consultations, extensions, fees, a deferral,
supplementary answers and remedy cases.

Everything is built THROUGH THE SERVICES (gongkai.applications.services), so timelines, letters,
letter numbers and clock caches are exactly what real use would produce. The cases are run by a
small discrete-event scheduler: every case is a generator that yields the date of its next act, and
the scheduler performs the acts of all cases in date order. Letter numbers and registration numbers
therefore follow the calendar, as they would in an office.

Every act date is a working day computed with the calendar in force and lies inside the statutory
windows (domain.md 3.3), except for the few answers that are deliberately late. The random choices
come from random.Random(2025); only today's date (gongkai.law.today) moves the picture, so the
open workload (overdue, due soon, awaiting correction, paused) always looks current.

Nothing here is real: names, identifiers, companies, addresses and URLs are invented. Resident ID
numbers and 统一社会信用代码 use the non-existent region code 99xxxx (the fictional 示例市) with
valid check characters, so they pass validation but can never belong to anyone; e-mail addresses
and web addresses use the reserved example domains.
"""

from __future__ import annotations

import datetime as dt
import heapq
import random
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.test.utils import override_settings
from django.utils import timezone

from gongkai.agencies.models import Agency, Counter, Membership, next_number
from gongkai.applications import services
from gongkai.applications.models import (
    Application,
    Channel,
    EventKind,
    OrgType,
    TimelineEvent,
)
from gongkai.core.maintenance import maintenance
from gongkai.holidays.services import current_calendar
from gongkai.law import today as law_today
from gongkai.law.calendar import CalendarMissing
from gongkai.law.clock import ClockError
from gongkai.law.identifiers import resident_id_check_char, uscc_check_char
from gongkai.letters.context import cn_date
from gongkai.letters.models import Letter
from gongkai.letters.services import issue_letter
from gongkai.remedies.models import RemedyCase

SEED = 2025
START = dt.date(2025, 1, 2)
PASSWORD = "demo12345"
MARKER_AGENCY = "shi"
SITE = "https://gk.shili.example"  # reserved TLD (RFC 2606): a fictional site

# -- organs -------------------------------------------------------------------------------------

HOURS = "工作日 上午9:00-12:00 下午13:30-17:30"

AGENCIES = [
    {
        "code": "shi", "name": "示例市人民政府", "kind": Agency.GOVERNMENT, "parent": None,
        "letter_prefix": "示政依复", "uscc17": "11990100001234567",
        "reconsideration_organ": "示例省人民政府",
        "reconsideration_address": "示例省人民政府行政复议办公室（示例省司法厅），示例省省府路1号",
        "court": "示例市中级人民法院",
        "office_name": "示例市人民政府办公室", "office_address": "示例市东城区人民大道1号市政府大楼2楼",
        "office_phone": "0999-8120001", "office_fax": "0999-8120002", "office_email": "gongkai@shi.shili.example",
        "postcode": "990100",
    },
    {
        "code": "zrzy", "name": "示例市自然资源和规划局", "kind": Agency.DEPARTMENT, "parent": "shi",
        "letter_prefix": "示自规依复", "uscc17": "11990100001234583",
        "reconsideration_organ": "示例市人民政府",
        "reconsideration_address": "示例市人民政府行政复议办公室（示例市司法局），示例市东城区人民大道9号",
        "court": "示例市南湖区人民法院",
        "office_name": "示例市自然资源和规划局办公室", "office_address": "示例市西城区建设路66号",
        "office_phone": "0999-8130001", "office_fax": "0999-8130002", "office_email": "gk@zrzy.shili.example",
        "postcode": "990101",
    },
    {
        "code": "zjj", "name": "示例市住房和城乡建设局", "kind": Agency.DEPARTMENT, "parent": "shi",
        "letter_prefix": "示住建依复", "uscc17": "11990100001234591",
        "reconsideration_organ": "示例市人民政府",
        "reconsideration_address": "示例市人民政府行政复议办公室（示例市司法局），示例市东城区人民大道9号",
        "court": "示例市南湖区人民法院",
        "office_name": "示例市住房和城乡建设局办公室", "office_address": "示例市东城区和平路18号",
        "office_phone": "0999-8140001", "office_fax": "0999-8140002", "office_email": "gk@zjj.shili.example",
        "postcode": "990100",
    },
    {
        "code": "sthj", "name": "示例市生态环境局", "kind": Agency.DEPARTMENT, "parent": "shi",
        "letter_prefix": "示环依复", "uscc17": "11990100001234605",
        "reconsideration_organ": "示例市人民政府",
        "reconsideration_address": "示例市人民政府行政复议办公室（示例市司法局），示例市东城区人民大道9号",
        "court": "示例市南湖区人民法院",
        "office_name": "示例市生态环境局办公室", "office_address": "示例市南湖区湖滨路120号",
        "office_phone": "0999-8150001", "office_fax": "0999-8150002", "office_email": "gk@sthj.shili.example",
        "postcode": "990104",
    },
    {
        "code": "scjg", "name": "示例市市场监督管理局", "kind": Agency.DEPARTMENT, "parent": "shi",
        "letter_prefix": "示市监依复", "uscc17": "11990100001234613",
        "reconsideration_organ": "示例市人民政府",
        "reconsideration_address": "示例市人民政府行政复议办公室（示例市司法局），示例市东城区人民大道9号",
        "court": "示例市南湖区人民法院",
        "office_name": "示例市市场监督管理局办公室", "office_address": "示例市北山区长江路200号",
        "office_phone": "0999-8160001", "office_fax": "0999-8160002", "office_email": "gk@scjg.shili.example",
        "postcode": "990105",
    },
    {
        "code": "xian", "name": "示例县人民政府", "kind": Agency.GOVERNMENT, "parent": "shi",
        "letter_prefix": "示县政依复", "uscc17": "11990121001234621",
        "reconsideration_organ": "示例市人民政府",
        "reconsideration_address": "示例市人民政府行政复议办公室（示例市司法局），示例市东城区人民大道9号",
        "court": "示例市中级人民法院",
        "office_name": "示例县人民政府办公室", "office_address": "示例县青山镇府前街1号",
        "office_phone": "0999-6210001", "office_fax": "0999-6210002", "office_email": "gk@xian.shili.example",
        "postcode": "990121",
    },
]
DEPARTMENT_CODES = ("zrzy", "zjj", "sthj", "scjg")

# -- people -------------------------------------------------------------------------------------

# The full Chinese name goes into first_name (last_name stays empty): get_full_name() is used for
# letters and lists and would otherwise print "明远 张".
STAFF = [
    # username, name, organ, roles, description
    ("admin", "周立新", None, (), "平台管理员（超级用户，可进入 /admin/ 配置管理）"),
    ("supervisor", "陈静文", "shi", (Membership.SUPERVISOR,), "政务公开办（示例市人民政府办公室），监督全市各机关"),
    ("shi_handler", "王思源", "shi", (Membership.HANDLER,), "示例市人民政府 经办人"),
    ("shi_reviewer", "刘建华", "shi", (Membership.HANDLER, Membership.REVIEWER), "示例市人民政府 审核人（公开工作机构负责人）"),
    ("zrzy_handler", "李晓芳", "zrzy", (Membership.HANDLER,), "示例市自然资源和规划局 经办人"),
    ("zrzy_reviewer", "赵国强", "zrzy", (Membership.HANDLER, Membership.REVIEWER), "示例市自然资源和规划局 审核人"),
    ("zjj_handler", "孙雅琴", "zjj", (Membership.HANDLER,), "示例市住房和城乡建设局 经办人"),
    ("zjj_reviewer", "钱振东", "zjj", (Membership.HANDLER, Membership.REVIEWER), "示例市住房和城乡建设局 审核人"),
    ("sthj_handler", "吴静怡", "sthj", (Membership.HANDLER,), "示例市生态环境局 经办人"),
    ("sthj_reviewer", "郑立军", "sthj", (Membership.HANDLER, Membership.REVIEWER), "示例市生态环境局 审核人"),
    ("scjg_handler", "冯春华", "scjg", (Membership.HANDLER,), "示例市市场监督管理局 经办人"),
    ("scjg_reviewer", "何德明", "scjg", (Membership.HANDLER, Membership.REVIEWER), "示例市市场监督管理局 审核人"),
    ("xian_handler", "林晓东", "xian", (Membership.HANDLER,), "示例县人民政府 经办人"),
    ("xian_reviewer", "高翠萍", "xian", (Membership.HANDLER, Membership.REVIEWER), "示例县人民政府 审核人"),
]

SURNAMES = {
    "张": "zhang", "王": "wang", "李": "li", "赵": "zhao", "刘": "liu", "陈": "chen", "杨": "yang",
    "黄": "huang", "周": "zhou", "吴": "wu", "徐": "xu", "孙": "sun", "马": "ma", "朱": "zhu", "胡": "hu",
    "郭": "guo", "何": "he", "林": "lin", "罗": "luo", "郑": "zheng", "梁": "liang", "谢": "xie",
    "宋": "song", "唐": "tang", "韩": "han", "冯": "feng", "邓": "deng", "曹": "cao", "彭": "peng",
    "曾": "zeng", "田": "tian", "董": "dong", "潘": "pan", "蒋": "jiang", "蔡": "cai", "余": "yu",
    "杜": "du", "叶": "ye", "程": "cheng", "魏": "wei", "苏": "su", "吕": "lv", "丁": "ding", "沈": "shen",
}
GIVEN_NAMES = [
    "明远", "晓芳", "建国", "海燕", "思远", "志强", "丽娟", "文斌", "雅琴", "国平", "静怡", "立军", "春华",
    "红梅", "振东", "秀兰", "家豪", "晓东", "翠萍", "德明", "子涵", "宇航", "欣怡", "俊杰", "淑珍", "桂英",
    "永刚", "玉兰", "建华", "晓燕", "少波", "慧敏", "浩然", "诗琪", "天佑", "梦瑶", "宏伟", "玉珍", "长青",
    "雪梅", "文涛", "佳怡", "志明", "秀英", "光辉", "丽华", "伟东", "晓明", "凤英", "海涛",
]
# Region codes of the fictional 示例市 (districts) and 示例县: 99 is no province (GB/T 2260).
DISTRICTS = [
    ("990102", "东城区", ["和平街道", "人民街道", "朝阳街道"]),
    ("990103", "西城区", ["建设街道", "文化街道"]),
    ("990104", "南湖区", ["湖滨街道", "滨湖街道", "南苑街道"]),
    ("990105", "北山区", ["长江街道", "北山街道"]),
    ("990121", "示例县", ["青山镇", "柳河乡"]),
]
STREETS = ["幸福里小区", "锦绣家园", "湖畔花园", "建设新村", "枫林苑", "翠湖园", "南苑小区", "长青花园"]
ROADS = ["人民大道", "建设路", "长江路", "和平路", "湖滨路", "工业园路", "文化路", "府前街"]

ORGANISATIONS = [
    # name, org type, USCC head (registration authority + type + region), legal representative
    ("示例市宏达建材有限公司", OrgType.COMMERCIAL, "91990100", "陈国栋"),
    ("示例市恒信置业有限公司", OrgType.COMMERCIAL, "91990100", "许志成"),
    ("示例市绿源环保科技有限公司", OrgType.COMMERCIAL, "91990105", "邓海波"),
    ("示例市惠民食品有限公司", OrgType.COMMERCIAL, "91990104", "曹丽萍"),
    ("示例市安居物业服务有限公司", OrgType.COMMERCIAL, "91990102", "彭建军"),
    ("示例市博远工程咨询有限公司", OrgType.COMMERCIAL, "91990103", "田博远"),
    ("示例大学公共管理学院", OrgType.RESEARCH, "12990100", "蒋文华"),
    ("示例市社会科学院", OrgType.RESEARCH, "12990100", "程立新"),
    ("示例省环境科学研究院示例分院", OrgType.RESEARCH, "12990100", "魏清源"),
    ("示例市绿色家园环保公益服务中心", OrgType.SOCIAL_WELFARE, "52990100", "苏晓岚"),
    ("示例市阳光助残服务中心", OrgType.SOCIAL_WELFARE, "52990100", "吕永华"),
    ("示例市慈善总会", OrgType.SOCIAL_WELFARE, "51990100", "丁秀芬"),
    ("示例市正衡律师事务所", OrgType.LEGAL_SERVICE, "31990000", "沈正衡"),
    ("示例市明法律师事务所", OrgType.LEGAL_SERVICE, "31990000", "叶明法"),
    ("示例县法律援助中心", OrgType.LEGAL_SERVICE, "12990121", "杜海宁"),
    ("示例市建材行业协会", OrgType.OTHER_ORG, "51990100", "余建平"),
    ("示例县青禾农民专业合作社", OrgType.OTHER_ORG, "93990121", "潘青禾"),
    ("示例市个体劳动者协会", OrgType.OTHER_ORG, "51990100", "董卫民"),
]

# -- requests -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Req:
    """A request topic an organ typically receives, and the answer it typically gets."""

    agency: str
    codes: tuple
    title: str
    desc: str
    doc_no: str = ""
    reasons: str = ""
    published: str = ""  # column of the portal where the information is already published
    other_agency: str = ""
    other_contact: str = ""
    special_law: str = ""
    publication_where: str = ""
    third_party: str = ""
    co_maker: str = ""
    matters: str = ""
    tags: tuple = ()


def R(agency, codes, title, desc, doc_no="", **kw):
    return Req(agency, tuple(codes.split()), title, desc, doc_no, **kw)


REQUESTS = [
    # 示例市人民政府
    R("shi", "1 6.3", "示例市{y}年度城市更新项目立项批复文件",
      "申请公开示例市人民政府关于{y}年度城市更新项目的立项批复文件，包括批复的项目名称、实施范围和资金安排。",
      co_maker="示例市住房和城乡建设局",
      matters="《示例市{y}年度城市更新项目实施计划》由市政府与贵局联合印发，拟依申请公开全文"),
    R("shi", "1", "示例市{y}年国民经济和社会发展计划执行情况报告",
      "申请获取《示例市{y}年国民经济和社会发展计划执行情况与{y0}年计划草案的报告》全文。",
      published="规划信息"),
    R("shi", "1 6.3", "示例市人民政府关于进一步优化营商环境的若干措施",
      "申请公开《示例市人民政府关于进一步优化营商环境的若干措施》（示政发〔{y}〕12号）全文。",
      "示政发〔{y}〕12号", published="政策文件"),
    R("shi", "1", "东城区幸福里片区国有土地上房屋征收决定",
      "申请公开示例市人民政府作出的东城区幸福里片区国有土地上房屋征收决定及征收公告。",
      published="重大建设项目"),
    R("shi", "1 2", "示例市{y}年度市级政府投资项目计划",
      "申请公开示例市{y}年度市级政府投资项目计划表，包括项目名称、建设内容、总投资额和资金来源。",
      reasons="所申请的项目计划表中，3个涉及安全保卫设施的项目的具体建设地点和建设内容属于依法确定的国家秘密，"
              "依据《中华人民共和国政府信息公开条例》第十四条、第三十七条不予公开，其余部分予以公开。",
      co_maker="示例市发展和改革委员会", matters="《示例市{y}年度市级政府投资项目计划》由市政府与贵委共同制作，拟依申请公开"),
    R("shi", "2", "幸福里片区旧城改造项目批复及专题会议纪要",
      "申请公开市政府关于幸福里片区旧城改造项目的批复文件以及研究该项目的专题会议纪要。",
      reasons="项目批复文件予以公开；专题会议纪要属于行政机关在履行行政管理职能过程中形成的讨论记录，"
              "依据条例第十六条第二款、第三十七条不予公开。"),
    R("shi", "3.6", "示例市人民政府常务会议纪要（北山区产业园规划调整议题）",
      "申请公开示例市人民政府{y0}年第{n}次常务会议关于北山区产业园规划调整议题的讨论记录和会议纪要。",
      reasons="所申请的常务会议讨论记录和会议纪要属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿，"
              "依据条例第十六条第二款的规定不予公开。会议形成的正式决定已通过市政府门户网站公开。"),
    R("shi", "3.5", "示例市人民政府办公室工作人员年度考核材料",
      "申请公开示例市人民政府办公室{y}年度工作人员年度考核结果及考核材料。",
      reasons="所申请的年度考核材料属于本机关人事管理方面的内部事务信息，依据条例第十六条第一款的规定不予公开。"),
    R("shi", "3.1", "示例市人民防空工程建设规划",
      "申请公开示例市人民防空工程建设规划（{y}—{y5}年）中各人防工程的具体位置和布局图。",
      reasons="经审查，所申请的人防工程具体位置和布局图已依法确定为国家秘密，依据条例第十四条的规定不予公开。"),
    R("shi", "3.3", "南湖水库饮用水水源地安全防护设施分布图",
      "申请公开示例市南湖水库饮用水水源地安全防护设施、视频监控点位和应急处置物资储备点的具体分布图。",
      reasons="所申请信息涉及城市供水安全防护设施的具体布局，公开后可能危及公共安全，"
              "依据条例第十四条的规定不予公开。"),
    R("shi", "4.1", "示例省重点建设项目计划批复",
      "申请公开示例省人民政府关于下达{y}年度全省重点建设项目计划中涉及示例市项目的批复文件。",
      other_agency="示例省发展和改革委员会", other_contact="示例省省府路8号，联系电话0990-5550101"),
    R("shi", "4.1", "{y}年度征地补偿款发放明细",
      "申请公开示例市{y}年度各批次征收集体土地补偿款的发放明细。",
      other_agency="示例市自然资源和规划局", other_contact="示例市西城区建设路66号，联系电话0999-8130001"),
    R("shi", "4.2", "示例市各区企业财政补贴汇总统计",
      "申请提供示例市2020年至{y}年各区、各行业企业获得财政补贴金额的汇总统计表及分析。",
      reasons="本机关未制作您所要求的汇总统计表，提供该信息需要对现有资料进行汇总、加工、分析，"
              "依据条例第三十八条的规定，本机关不予另行制作。"),
    R("shi", "5.1", "关于东城区某小区违法建设问题的投诉",
      "来信反映东城区幸福里小区部分业主私搭乱建问题长期未得到处理，要求市政府督促相关部门依法拆除并答复处理结果。",
      reasons="您的申请实质上是对违法建设行为的投诉举报，不属于政府信息公开申请，依据条例第三十九条第一款，"
              "本机关不作为政府信息公开申请处理。您可通过示例市12345政务服务便民热线或信访渠道反映。"),
    R("shi", "5.3", "《示例市年鉴（{y}）》",
      "申请提供《示例市年鉴（{y}）》纸质版一册。",
      reasons="您申请获取的《示例市年鉴》属于公开出版物，依据条例第三十九条第二款，本机关不作为政府信息公开申请处理。",
      publication_where="《示例市年鉴》由示例市地方志办公室编纂、示例出版社出版，可在示例市图书馆、各区图书馆查阅，或通过新华书店购买"),
    R("shi", "5.5", "确认市政府答复书的真实性并重新出具",
      "申请示例市人民政府确认本人此前收到的《政府信息公开申请答复书》系市政府出具，并重新出具一份加盖公章的答复书。",
      reasons="您的申请系要求本机关确认或重新出具您已获取的信息，不属于条例规定的政府信息公开申请，"
              "本机关不作为政府信息公开申请处理。"),
    # 示例市自然资源和规划局
    R("zrzy", "1 6.3", "北山区B-12地块规划设计条件",
      "申请公开北山区B-12地块（{y}年挂牌出让）的规划设计条件通知书及附图。"),
    R("zrzy", "2", "北山区B-12地块国有建设用地使用权出让合同",
      "申请公开北山区B-12地块国有建设用地使用权出让合同及补充协议。",
      reasons="出让合同中受让人的银行账户、法定代表人身份证号码等信息属于第三方的商业秘密和个人隐私，"
              "依据条例第十五条、第三十七条作区分处理，其余部分予以公开。",
      third_party="示例市恒信置业有限公司", matters="北山区B-12地块国有建设用地使用权出让合同及补充协议"),
    R("zrzy", "1", "示例市国土空间总体规划（2021—2035年）",
      "申请获取经批准的《示例市国土空间总体规划（2021—2035年）》文本及主要图件。", published="规划信息"),
    R("zrzy", "1 2", "东城区幸福里片区控制性详细规划调整",
      "申请公开东城区幸福里片区控制性详细规划调整的批复文件、公示材料及公众意见处理情况。",
      reasons="公众意见处理情况中提出意见的公民姓名、联系电话等个人信息，公开会对其合法权益造成损害，"
              "依据条例第十五条、第三十七条作区分处理，其余部分予以公开。"),
    R("zrzy", "1", "湖畔花园项目建设工程规划许可证及附图",
      "申请公开南湖区湖畔花园项目建设工程规划许可证及总平面图。"),
    R("zrzy", "3.8", "滨湖路18号房屋不动产登记信息",
      "申请查询南湖区滨湖路18号房屋的不动产登记簿记载信息，包括权利人和抵押登记情况。",
      reasons="不动产登记资料由不动产登记机构依法提供查询，您可以持有效身份证件和相关证明材料，"
              "到示例市不动产登记中心（示例市西城区建设路68号）申请查询",
      special_law="《不动产登记暂行条例》第二十七条和《不动产登记资料查询暂行办法》"),
    R("zrzy", "3.7", "北山区某企业违法占地案件调查笔录",
      "申请公开本机关查处北山区某企业违法占用集体土地案件的调查询问笔录及现场勘验材料。",
      reasons="所申请的调查询问笔录和现场勘验材料属于行政执法案卷信息，依据条例第十六条第二款的规定不予公开。"),
    R("zrzy", "3.1", "东城区1:2000数字地形图",
      "申请提供示例市东城区1:2000比例尺数字地形图及高精度测绘成果数据。",
      reasons="依据《测绘地理信息管理工作国家秘密范围的规定》，所申请的测绘成果属于国家秘密，"
              "依据条例第十四条的规定不予公开。"),
    R("zrzy", "4.1", "{y}年度第3批次农用地转用和土地征收批复",
      "申请公开示例省人民政府关于批准示例市{y}年度第3批次农用地转用和土地征收的批复。",
      other_agency="示例省人民政府", other_contact="示例省人民政府办公厅，示例省省府路1号，联系电话0990-5550001"),
    R("zrzy", "4.2", "示例市耕地面积变化情况分析",
      "申请提供示例市2015年至{y}年逐年耕地面积变化情况及变化原因分析报告。",
      reasons="本机关未制作逐年变化原因分析报告，提供该信息需要对现有数据进行汇总、加工、分析，"
              "依据条例第三十八条的规定，本机关不予另行制作。"),
    R("zrzy", "2", "青山镇石灰岩矿采矿权出让收益评估报告",
      "申请公开示例县青山镇石灰岩矿采矿权出让收益评估报告。",
      reasons="评估报告中矿山企业的财务数据和开采技术参数属于第三方商业秘密，"
              "依据条例第十五条、第三十七条作区分处理，其余部分予以公开。",
      third_party="示例县青山矿业有限公司", matters="青山镇石灰岩矿采矿权出让收益评估报告中企业财务数据和开采技术参数"),
    R("zrzy", "1", "青山镇柳树村集体土地征收补偿安置方案公告",
      "申请公开示例县青山镇柳树村{y}年度集体土地征收补偿安置方案公告。", published="征地信息"),
    R("zrzy", "5.1", "举报北山区违法建设",
      "举报北山区长江路某企业未取得建设工程规划许可擅自建设厂房，要求依法查处并告知查处结果。",
      reasons="您的申请实质上是对违法建设行为的举报，依据条例第三十九条第一款，本机关不作为政府信息公开申请处理，"
              "已将举报线索转本机关执法监督科依法处理。"),
    # 示例市住房和城乡建设局
    R("zjj", "1 6.3", "东城区幸福里片区国有土地上房屋征收补偿方案",
      "申请公开东城区幸福里片区国有土地上房屋征收补偿方案，包括补偿标准、安置房源和奖励办法。",
      published="重大建设项目"),
    R("zjj", "1", "湖畔花园项目商品房预售许可证",
      "申请公开南湖区湖畔花园项目3号楼、5号楼的商品房预售许可证及附件。"),
    R("zjj", "1", "锦绣家园小区竣工验收备案表",
      "申请公开南湖区锦绣家园小区竣工验收备案表及备案证明。"),
    R("zjj", "2", "{y}年度公共租赁住房配租对象名单",
      "申请公开{y}年度示例市公共租赁住房配租对象名单，包括家庭人口和收入情况。",
      reasons="配租对象名单中的身份证号码、家庭收入明细属于个人隐私，依据条例第十五条、第三十七条作区分处理，"
              "其余部分予以公开。"),
    R("zjj", "2", "幸福里片区房屋征收整体评估报告",
      "申请公开东城区幸福里片区房屋征收项目的整体评估报告及评估机构选定程序材料。",
      reasons="评估报告中各被征收户的分户评估结果涉及他人个人隐私，依据条例第十五条、第三十七条作区分处理，"
              "其余部分予以公开。",
      third_party="示例市公正房地产评估有限公司", matters="幸福里片区房屋征收整体评估报告中评估方法和技术参数"),
    R("zjj", "4.1", "{y}年度住房公积金归集和贷款发放情况",
      "申请公开示例市{y}年度住房公积金归集、提取和个人住房贷款发放情况。",
      other_agency="示例市住房公积金管理中心", other_contact="示例市东城区和平路20号，联系电话0999-8140301"),
    R("zjj", "4.1", "示例市第三中学新校区建设工程招标文件",
      "申请公开示例市第三中学新校区建设工程的招标文件和中标通知书。",
      other_agency="示例市公共资源交易中心", other_contact="示例市东城区政务服务中心3楼，联系电话0999-8170001"),
    R("zjj", "3.7", "在建工地高处坠落事故调查询问笔录",
      "申请公开南湖区某在建工地高处坠落事故调查中形成的询问笔录和现场勘查记录。",
      reasons="所申请的询问笔录和现场勘查记录属于行政执法案卷信息，依据条例第十六条第二款的规定不予公开。"),
    R("zjj", "1", "锦绣家园小区住宅专项维修资金使用情况",
      "申请公开锦绣家园小区{y}年度住宅专项维修资金使用明细及审核意见。"),
    R("zjj", "5.1", "投诉物业服务企业",
      "反映锦绣家园小区物业服务企业收费不规范、服务不到位，要求住建局查处并答复处理结果。",
      reasons="您的申请实质上是对物业服务企业的投诉，依据条例第三十九条第一款，本机关不作为政府信息公开申请处理，"
              "已转本机关物业管理科依法处理。"),
    R("zjj", "4.2", "全市在建项目农民工工资发放统计",
      "申请提供示例市{y}年全部在建工程项目农民工工资按月发放情况的统计汇总表。",
      reasons="本机关未制作按月统计汇总表，提供该信息需要对各项目报送材料进行汇总、加工，"
              "依据条例第三十八条的规定，本机关不予另行制作。"),
    R("zjj", "3.6", "征收补偿标准调整请示及内部讨论稿",
      "申请公开市住房和城乡建设局就幸福里片区征收补偿标准调整向市政府报送的请示及内部讨论稿。",
      reasons="所申请的请示和内部讨论稿属于行政机关在履行行政管理职能过程中形成的请示报告、过程稿，"
              "依据条例第十六条第二款的规定不予公开。"),
    R("zjj", "5.5", "确认征收补偿方案文本与原件一致",
      "申请住建局在本人持有的征收补偿方案复印件上加盖公章，确认其内容与原件一致。",
      reasons="您的申请系要求本机关确认您已获取的信息，不属于条例规定的政府信息公开申请，本机关不作为政府信息公开申请处理。"),
    # 示例市生态环境局
    R("sthj", "2", "华晟化工年产5万吨精细化工项目环境影响报告书及批复",
      "申请公开示例市华晟化工有限公司年产5万吨精细化工项目的环境影响报告书全本及环评批复文件。",
      reasons="报告书中的生产工艺配方和主要设备参数属于第三方商业秘密，依据条例第十五条、第三十七条作区分处理，"
              "环评批复及报告书其余部分予以公开。",
      third_party="示例市华晟化工有限公司", matters="年产5万吨精细化工项目环境影响报告书中的生产工艺和设备参数"),
    R("sthj", "3.4", "绿源环保危险废物经营许可申请中的工艺技术资料",
      "申请公开示例市绿源环保科技有限公司申请危险废物经营许可证时提交的工艺技术方案和处置设施设计资料。",
      reasons="所申请的工艺技术方案和处置设施设计资料系第三方的核心技术信息，属于商业秘密，第三方不同意公开且理由成立；"
              "不公开不会对公共利益造成重大影响",
      third_party="示例市绿源环保科技有限公司", matters="危险废物经营许可申请材料中的工艺技术方案和处置设施设计资料"),
    R("sthj", "3.4", "华晟化工危险废物委托处置合同",
      "申请公开示例市华晟化工有限公司{y}年度危险废物委托处置合同。",
      reasons="处置合同中的价格条款和客户信息属于第三方的商业秘密，第三方不同意公开且理由成立；"
              "不公开不会对公共利益造成重大影响",
      third_party="示例市华晟化工有限公司", matters="{y}年度危险废物委托处置合同"),
    R("sthj", "1", "宏达建材排污许可证及年度执行报告",
      "申请公开示例市宏达建材有限公司排污许可证副本及{y}年度执行报告。", published="环境监管"),
    R("sthj", "1 6.3", "南湖国控断面逐月水质监测数据",
      "申请公开{y}年南湖国控断面逐月水质监测数据。", published="环境质量"),
    R("sthj", "1", "示环罚〔{y}〕23号行政处罚决定书",
      "申请公开示例市生态环境局对示例市宏达建材有限公司作出的行政处罚决定书（示环罚〔{y}〕23号）。",
      "示环罚〔{y}〕23号", published="行政执法公示"),
    R("sthj", "1", "示例市{y0}年环境监管重点单位名录",
      "申请公开示例市{y0}年环境监管重点单位名录。", published="环境监管"),
    R("sthj", "3.7", "示环罚〔{y}〕23号案件调查询问笔录",
      "申请公开示环罚〔{y}〕23号行政处罚案件的调查询问笔录和现场检查笔录。",
      reasons="所申请的调查询问笔录和现场检查笔录属于行政执法案卷信息，依据条例第十六条第二款的规定不予公开。"),
    R("sthj", "3.2", "北山区工业园企业环境统计报表原始数据",
      "申请提供北山区工业园内各企业{y}年度环境统计报表原始数据。",
      reasons="依据《中华人民共和国统计法》第三十九条的规定，统计调查中获得的能够识别或者推断单个统计调查对象身份的资料"
              "应当依法履行保密义务，依据条例第十四条的规定不予公开。"),
    R("sthj", "3.3", "辖区放射源存放位置及安保措施",
      "申请公开示例市辖区内各核技术利用单位放射源的具体存放位置及安保措施。",
      reasons="所申请信息涉及放射源的具体存放位置和安全保卫措施，公开后可能危及公共安全，依据条例第十四条的规定不予公开。"),
    R("sthj", "4.2", "各街道PM2.5浓度排名及对比分析",
      "申请提供示例市各街道{y}年PM2.5日均浓度排名及对比分析报告。",
      reasons="本机关按点位发布空气质量监测数据，未按街道制作排名和分析报告，提供该信息需要另行加工、分析，"
              "依据条例第三十八条的规定，本机关不予另行制作。"),
    R("sthj", "5.1", "投诉北山区工业园化工企业异味",
      "反映北山区工业园化工企业夜间排放刺激性气味，要求生态环境局立即查处并答复查处结果。",
      reasons="您的申请实质上是对环境违法行为的投诉，依据条例第三十九条第一款，本机关不作为政府信息公开申请处理，"
              "已转示例市生态环境保护综合行政执法支队处理；您也可拨打12369环保举报热线。"),
    R("sthj", "4.1", "机动车排放检验机构资质认定材料",
      "申请公开示例市各机动车排放检验机构的检验检测机构资质认定证书及评审材料。",
      other_agency="示例市市场监督管理局", other_contact="示例市北山区长江路200号，联系电话0999-8160001"),
    R("sthj", "3.6", "华晟化工项目环评技术评估会专家意见",
      "申请公开华晟化工项目环评技术评估会的专家个人评审意见和会议讨论记录。",
      reasons="所申请的专家个人评审意见和讨论记录属于行政机关在履行行政管理职能过程中形成的讨论记录，"
              "依据条例第十六条第二款的规定不予公开。"),
    # 示例市市场监督管理局
    R("scjg", "1 6.3", "{y}年食品安全监督抽检不合格产品名单",
      "申请公开示例市市场监督管理局{y}年食品安全监督抽检不合格产品信息及核查处置情况。", published="食品安全"),
    R("scjg", "3.8", "宏达建材公司登记档案",
      "申请查询示例市宏达建材有限公司的登记档案，包括公司章程、股东出资情况和历次变更材料。",
      reasons="市场主体登记档案依照市场主体登记管理的规定提供查询，您可以持有效证件到示例市政务服务中心"
              "市场主体登记窗口申请查询",
      special_law="《中华人民共和国市场主体登记管理条例》及其实施细则"),
    R("scjg", "1", "惠民食品公司行政处罚决定书",
      "申请公开本机关对示例市惠民食品有限公司作出的行政处罚决定书。", published="行政执法公示"),
    R("scjg", "4.1", "药品批发企业许可信息",
      "申请公开示例市辖区内药品批发企业的药品经营许可证核发材料。",
      other_agency="示例省药品监督管理局", other_contact="示例省省府路16号，联系电话0990-5550301"),
    R("scjg", "4.2", "12315平台消费者投诉分类统计",
      "申请提供{y}年示例市12315平台消费者投诉按行业、按被投诉企业分类的统计分析数据。",
      reasons="本机关未制作按被投诉企业分类的统计分析，提供该信息需要对投诉数据另行加工、分析，"
              "依据条例第三十八条的规定，本机关不予另行制作。"),
    R("scjg", "5.1", "举报超市销售过期食品",
      "举报东城区某超市销售过期食品，要求依法查处并对举报人予以奖励。",
      reasons="您的申请实质上是对违法经营行为的举报，依据条例第三十九条第一款，本机关不作为政府信息公开申请处理，"
              "已转东城区市场监督管理所依法核查。"),
    R("scjg", "2", "锦绣家园小区电梯定期检验报告",
      "申请公开锦绣家园小区电梯{y}年度定期检验报告及维护保养单位信息。",
      reasons="检验报告中维保人员的身份证号码和联系方式属于个人隐私，依据条例第十五条、第三十七条作区分处理，"
              "其余部分予以公开。"),
    R("scjg", "3.7", "举报餐饮店一案执法案卷",
      "申请公开本人举报东城区某餐饮店一案的全部执法案卷材料，包括询问笔录和现场检查记录。",
      reasons="所申请的询问笔录和现场检查记录属于行政执法案卷信息，依据条例第十六条第二款的规定不予公开。"
              "该案的行政处罚决定书已在行政执法公示栏目公开。"),
    R("scjg", "5.5", "确认营业执照复印件与登记信息一致",
      "申请市场监督管理局出具书面证明，确认示例市某商贸有限公司营业执照复印件与登记信息一致。",
      reasons="您的申请系要求本机关对有关材料予以确认，不属于条例规定的政府信息公开申请，本机关不作为政府信息公开申请处理。"),
    R("scjg", "4.1", "某商标注册信息",
      "申请公开“示例老字号”商标的注册申请材料和核准文件。",
      other_agency="国家知识产权局商标局", other_contact="可通过国家知识产权局商标局网站查询"),
    R("scjg", "5.4", "全部行政处罚案件案卷材料",
      "申请公开示例市市场监督管理局{y}年作出的全部行政处罚案件的案卷材料（第{n}批）。",
      reasons="您自{y0}年1月以来以相同或者类似内容向本机关提出政府信息公开申请共计{m}件，每件均要求提供全部行政处罚案件的"
              "案卷材料；本机关要求您说明理由后，您在期限内未说明理由"),
    # 示例县人民政府
    R("xian", "1 6.3", "柳树村集体土地征收补偿安置方案",
      "申请公开示例县人民政府{y}年青山镇柳树村集体土地征收补偿安置方案及征收公告。", published="征地信息"),
    R("xian", "1", "示例县{y}年预算执行情况和部门预算",
      "申请公开示例县{y}年一般公共预算执行情况和县直部门预算。", published="财政预决算"),
    R("xian", "1", "乡村振兴衔接资金项目安排",
      "申请公开示例县{y}年度衔接推进乡村振兴补助资金项目安排及公告公示情况。",
      co_maker="示例县财政局", matters="《示例县{y}年度衔接推进乡村振兴补助资金项目计划》由县政府与贵局联合下达，拟依申请公开"),
    R("xian", "2", "柳河乡城乡最低生活保障对象名单",
      "申请公开柳河乡{y}年城乡最低生活保障对象名单及保障金额。",
      reasons="名单中保障对象的身份证号码、家庭住址和致贫原因属于个人隐私，依据条例第十五条、第三十七条作区分处理，"
              "其余部分予以公开。"),
    R("xian", "3.6", "县政府常务会议关于工业园区扩区的讨论记录",
      "申请公开示例县人民政府常务会议关于青山镇工业园区扩区议题的讨论记录。",
      reasons="所申请的讨论记录属于行政机关在履行行政管理职能过程中形成的讨论记录，依据条例第十六条第二款的规定不予公开。"),
    R("xian", "4.1", "柳树村集体经济收支明细",
      "申请公开柳树村{y}年村集体经济收支明细。",
      reasons="村集体财务收支属于村务公开事项，依照《中华人民共和国村民委员会组织法》由村民委员会公布，"
              "本机关未制作、获取该信息。"),
    R("xian", "4.1", "柳树村宅基地审批材料",
      "申请公开柳树村3组村民宅基地审批材料。",
      other_agency="示例县青山镇人民政府", other_contact="示例县青山镇府前街8号，联系电话0999-6210101"),
    R("xian", "5.3", "《示例县志（1990—2020）》",
      "申请提供《示例县志（1990—2020）》一套。",
      reasons="您申请获取的《示例县志》属于公开出版物，依据条例第三十九条第二款，本机关不作为政府信息公开申请处理。",
      publication_where="《示例县志（1990—2020）》由示例出版社出版，可在示例县图书馆、县档案馆查阅或通过新华书店购买"),
    R("xian", "5.1", "反映征地补偿款分配问题",
      "反映柳树村征地补偿款分配不公，要求县政府调查处理并追究村干部责任。",
      reasons="您的申请实质上是信访诉求，依据条例第三十九条第一款，本机关不作为政府信息公开申请处理，"
              "您可向示例县信访局或通过网上信访渠道反映。"),
    R("xian", "3.5", "县政府办公室公务用车使用登记和值班安排",
      "申请公开示例县人民政府办公室{y}年公务用车使用登记表和内部值班安排表。",
      reasons="所申请信息属于本机关后勤管理和内部工作流程方面的内部事务信息，依据条例第十六条第一款的规定不予公开。"),
    R("xian", "3.2", "全县农业普查个体调查资料",
      "申请提供示例县第三次全国农业普查中各农户的普查表原始资料。",
      reasons="依据《中华人民共和国统计法》第三十九条及《全国农业普查条例》的规定，普查中获得的单个普查对象资料"
              "应当依法保密，依据条例第十四条的规定不予公开。"),
]

# Requests for special flows (no natural outcome of their own).
VAGUE_REQUESTS = [
    ("申请公开关于我家房子的所有相关文件和材料。", "关于本人房屋的文件"),
    ("申请公开你单位近年来所有与征收有关的文件、会议记录和其他材料。", "征收相关文件"),
    ("申请公开涉及本人的全部政府信息。", "涉及本人的信息"),
    ("申请公开幸福里那块地的相关手续。", "幸福里地块手续"),
]
CORRECTION_ITEMS = (
    "1.请明确所需政府信息的名称、文号或者便于本机关查询的其他特征性描述；"
    "2.“所有相关文件”“全部材料”表述不明确，请具体说明所需信息涉及的事项、地点和大致形成时间。"
)
FEE_REQUESTS = {
    "zrzy": ("{y0}年核发的建设工程规划许可证及附图",
             "申请公开示例市自然资源和规划局{y0}年1月至6月核发的全部建设工程规划许可证及附图（纸质复印件）。"),
    "zjj": ("{y}年度全部商品房预售许可证",
            "申请公开示例市住房和城乡建设局{y}年度核发的全部商品房预售许可证及附件。"),
    "sthj": ("{y}年建设项目环评批复文件汇编",
             "申请公开示例市生态环境局{y}年作出的全部建设项目环境影响评价审批文件（纸质复印件）。"),
    "scjg": ("{y}年行政处罚决定书",
             "申请公开示例市市场监督管理局{y}年作出的全部食品类行政处罚决定书。"),
}
FEE_REASON = ("申请人本月内已向本机关提出多件政府信息公开申请，本件申请所涉信息数量明显超过合理范围，"
              "依据条例第四十二条和《政府信息公开信息处理费管理办法》收取信息处理费。")
DEFERRAL_REQUEST = ("zrzy", "2015年以来国有建设用地使用权出让合同",
                    "申请公开示例市2015年以来签订的全部国有建设用地使用权出让合同（约300份）及补充协议。")
WITHDRAW_REASONS = [
    "申请人书面申请撤回，称已通过门户网站获取所需信息",
    "申请人来电表示所需信息已从其他渠道获得，并提交书面撤回申请",
    "申请人到窗口当面提交撤回申请书",
]
EXTENSION_REASONS = [
    "所申请信息形成时间较早，需调阅档案并逐页核对，无法在20个工作日内答复",
    "所申请信息数量较多，涉及多个科室，需要逐项检索、审查",
    "所申请信息涉及多个项目，需进行保密审查和区分处理",
]

# Applicant's requested form: (carrier, delivery, weight).
FORMS = [
    ("email", "email", 40), ("paper", "post", 25), ("paper", "pickup", 10), ("paper", "express", 6),
    ("email", "online", 8), ("disc", "post", 4), ("paper", "on_site", 4), ("paper", "fax", 3),
]
DELIVERY = {
    # method recorded, calendar days after the letter (None: working days 1..4)
    "email": ("电子邮件", 0), "online": ("网上获取（申请查询页面）", 0), "fax": ("传真", 0),
    "post": ("邮寄（中国邮政EMS）", 3), "express": ("快递", 2),
    "pickup": ("申请人自行领取", None), "on_site": ("申请人到场签收", None),
}
CHANNEL_WEIGHTS = [
    (Channel.ONLINE, 40), (Channel.IN_PERSON, 20), (Channel.REGISTERED_POST, 14),
    (Channel.ORDINARY_LETTER, 8), (Channel.EMAIL, 9), (Channel.FAX, 4), (Channel.OTHER, 5),
]


@dataclass
class Spec:
    """The plan of one application."""

    key: int
    agency: str
    channel: str
    received: dt.date
    submitted: dt.date
    data: dict
    outcome: str | None = None  # None while open
    req: Req | None = None
    final: str = "closed"  # closed | pending | in_progress | decided | open_correction | open_consult | open_fee
    oral: bool = False
    correction: str | None = None  # corrected | lapsed | open
    consults: list = field(default_factory=list)  # (kind, party, matters, result)
    fee: tuple | None = None  # (scale, units, paid | lapsed | open)
    extension: int | None = None
    deferral: bool = False
    withdraw: bool = False
    late: bool = False
    supplementary: str | None = None
    reasons: str = ""  # overrides the request's usual reasons
    remedy: str | None = None
    duplicate_of: Spec | None = None
    at: dict = field(default_factory=dict)  # explicit act dates for the open workload
    app_id: int | None = None


class Demo:
    def __init__(self, stdout=None):
        self.out = stdout
        self.rng = random.Random(SEED)
        self.today = law_today.today()
        self.cal = current_calendar()
        self.warnings: list[str] = []
        self.heap: list = []
        self.seq = 0
        self.specs: list[Spec] = []
        self.case_no: dict[str, int] = {}

    # -- output and calendar helpers --------------------------------------------------------

    def say(self, text):
        if self.out is not None:
            self.out.write(text)

    def warn(self, text):
        self.warnings.append(text)
        self.say(f"警告：{text}")

    def wd(self, d, n):
        return self.cal.wd_after(d, n)

    def wd_back(self, d, n):
        """The working day x with wd_after(x, n) == d (for a working day d)."""
        x, count = d, 0
        while count < n:
            x -= dt.timedelta(days=1)
            if self.cal.is_working_day(x):
                count += 1
        return x

    def workday_on_or_after(self, d):
        return d if self.cal.is_working_day(d) else self.wd(d, 1)

    def random_workday(self, first, last):
        first = self.workday_on_or_after(first)
        days = (last - first).days
        for _ in range(50):
            d = first + dt.timedelta(days=self.rng.randint(0, max(days, 0)))
            if self.cal.is_working_day(d):
                return d
        return first

    def pick(self, weighted):
        items = [w[:-1] if len(w) > 2 else w[0] for w in weighted]
        return self.rng.choices(items, weights=[w[-1] for w in weighted])[0]

    # -- organs and staff -------------------------------------------------------------------

    def build_organs(self):
        self.agencies = {}
        for row in AGENCIES:
            row = dict(row)
            parent = self.agencies.get(row.pop("parent"))
            uscc17 = row.pop("uscc17")
            code = row.pop("code")
            defaults = dict(row, parent=parent, uscc=uscc17 + uscc_check_char(uscc17), office_hours=HOURS)
            agency, created = Agency.objects.get_or_create(code=code, defaults=defaults)
            if not created:
                for k, v in defaults.items():
                    setattr(agency, k, v)
            agency.full_clean()
            agency.save()
            self.agencies[code] = agency

    def build_staff(self):
        User = get_user_model()
        self.users = {}
        for username, name, organ, roles, _ in STAFF:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(username=username)
            user.first_name, user.last_name = name, ""
            user.email = f"{username}@shili.example"
            user.is_superuser = user.is_staff = username == "admin"
            user.set_password(PASSWORD)
            user.save()
            for role in roles:
                Membership.objects.get_or_create(user=user, agency=self.agencies[organ], role=role)
            self.users[username] = user

    def handler(self, code):
        return self.users[f"{code}_handler"]

    def reviewer(self, code):
        return self.users[f"{code}_reviewer"]

    # -- applicants -------------------------------------------------------------------------

    def resident_id(self, region):
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=self.rng.randint(0, 52 * 365))
        first17 = f"{region}{birth:%Y%m%d}{self.rng.randint(0, 999):03d}"
        return first17 + resident_id_check_char(first17)

    def mobile(self):
        return "1" + self.rng.choice("3578") + "".join(str(self.rng.randint(0, 9)) for _ in range(9))

    def address(self, district=None):
        region, name, streets = district or self.rng.choice(DISTRICTS)
        prefix = "示例县" if region == "990121" else f"示例市{name}"
        return region, (f"{prefix}{self.rng.choice(streets)}{self.rng.choice(STREETS)}"
                        f"{self.rng.randint(1, 30)}栋{self.rng.randint(1, 4)}单元"
                        f"{self.rng.randint(1, 18)}0{self.rng.randint(1, 4)}室")

    def make_people(self, n):
        people, used = [], set()
        surnames = list(SURNAMES)
        while len(people) < n:
            name = self.rng.choice(surnames) + self.rng.choice(GIVEN_NAMES)
            if name in used:
                continue
            used.add(name)
            district = self.rng.choice(DISTRICTS)
            region, addr = self.address(district)
            person = {
                "applicant_kind": "natural_person", "org_type": "", "name": name, "id_type": "resident_id",
                "id_number": self.resident_id(region), "phone": self.mobile(), "address": addr,
                "postcode": region, "email": "",
            }
            if self.rng.random() < 0.75:
                person["email"] = f"{SURNAMES[name[0]]}{len(people) + 101}@example.com"
            if self.rng.random() < 0.2:
                person["employer"] = self.rng.choice(["示例市第一中学", "示例市人民医院", "示例市宏达建材有限公司",
                                                      "示例大学", "个体经营", "退休"])
            people.append(person)
        # Two applicants with other identity documents.
        people[5].update(id_type="hk_macao", id_number="H" + "".join(str(self.rng.randint(0, 9)) for _ in range(8)))
        people[9].update(id_type="passport", id_number="E" + "".join(str(self.rng.randint(0, 9)) for _ in range(8)))
        return people

    def make_orgs(self):
        orgs = []
        for i, (name, org_type, head, rep) in enumerate(ORGANISATIONS):
            body = "".join(self.rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
            first17 = head + body
            region = head[2:8] if head[2:8] != "990000" else "990102"
            district = next((d for d in DISTRICTS if d[0] == region), DISTRICTS[0])
            prefix = "示例县" if region == "990121" else f"示例市{district[1]}"
            addr = f"{prefix}{self.rng.choice(ROADS)}{self.rng.randint(1, 300)}号"
            contact = self.rng.choice(list(SURNAMES)) + self.rng.choice(GIVEN_NAMES)
            orgs.append({
                "applicant_kind": "organisation", "org_type": str(org_type), "name": name, "id_type": "",
                "id_number": first17 + uscc_check_char(first17), "legal_representative": rep,
                "contact_name": contact, "phone": self.mobile(), "address": addr, "postcode": region,
                "email": f"office{i + 1:02d}@org.example.com",
            })
        return orgs

    def applicant(self, kind=None):
        """A natural person (about 60 %) or an organisation; a few heavy users file often."""
        if kind is None:
            kind = "natural_person" if self.rng.random() < 0.6 else self.pick(
                [(OrgType.COMMERCIAL, 30), (OrgType.LEGAL_SERVICE, 25), (OrgType.RESEARCH, 15),
                 (OrgType.SOCIAL_WELFARE, 15), (OrgType.OTHER_ORG, 15)])
        if kind == "natural_person":
            pool = self.people
            person = pool[min(int(self.rng.paretovariate(1.2)) - 1, len(pool) - 1)] if self.rng.random() < 0.3 \
                else self.rng.choice(pool)
            data = dict(person)
            if self.rng.random() < 0.06:
                lawyer = self.rng.choice(["沈正衡", "叶明法", "丁若水"])
                data.update(is_proxy=True, agent_name=lawyer, agent_id_number=self.resident_id("990102"),
                            agent_phone=self.mobile())
            return data
        return dict(self.rng.choice([o for o in self.orgs if o["org_type"] == str(kind)]))

    def request_fields(self, req_title, desc, doc_no=""):
        carrier, delivery = self.pick(FORMS)
        data = {"info_title": req_title, "info_doc_no": doc_no, "description": desc, "carrier": carrier,
                "delivery": delivery, "accept_other_delivery": self.rng.random() < 0.85}
        if self.rng.random() < 0.25:
            data["purpose"] = self.rng.choice(["了解本人房屋征收补偿情况", "学术研究", "作为诉讼证据使用", "了解政策",
                                               "企业经营决策参考", "监督环境保护工作"])
        return data

    # -- planning ---------------------------------------------------------------------------

    def fill(self, text, year):
        return text.format(y=year - 1, y0=year, y5=year + 4, n=self.rng.randint(3, 28), m=self.rng.randint(60, 180))

    def requests_for(self, code, need=None, agency=None):
        out = [r for r in REQUESTS if code in r.codes and (agency is None or r.agency == agency)]
        if need:
            out = [r for r in out if getattr(r, need)]
        return out

    def new_spec(self, *, outcome, received, req=None, agency=None, channel=None, applicant=None,
                 title=None, desc=None, doc_no="", **kw):
        if req is not None:
            agency = req.agency
            title, desc, doc_no = req.title, req.desc, req.doc_no
        year = received.year
        data = dict(applicant or self.applicant())
        data.update(self.request_fields(self.fill(title, year), self.fill(desc, year), self.fill(doc_no, year)))
        channel = channel or self.pick(CHANNEL_WEIGHTS)
        submitted = self.submission_date(channel, received)
        spec = Spec(key=len(self.specs) + 1, agency=agency, channel=channel, received=received,
                    submitted=submitted, data=data, outcome=outcome, req=req, **kw)
        if channel == Channel.IN_PERSON and self.rng.random() < 0.15:
            spec.oral = True
        if channel in (Channel.FAX,) and data.get("applicant_kind") == "natural_person":
            data["fax"] = f"0999-{self.rng.randint(6000000, 8999999)}"
        self.specs.append(spec)
        return spec

    def submission_date(self, channel, received):
        if channel in (Channel.IN_PERSON, Channel.OTHER):
            return received
        if channel in (Channel.REGISTERED_POST, Channel.ORDINARY_LETTER):
            return max(START, received - dt.timedelta(days=self.rng.randint(2, 4)))
        lag = self.rng.choice([0, 0, 0, 1, 2])
        return max(START, received - dt.timedelta(days=lag))

    def window(self, extra_wd):
        """Receipt dates for concluded cases: the act chain must end before today."""
        return self.wd(START, 3), self.wd_back(self.workday_on_or_after(self.today), 30 + extra_wd)

    def plan_concluded(self):
        plan = [
            # outcome, count, features
            ("1", 52, {}),
            ("1", 3, {"correction": "corrected"}),
            ("1", 2, {"consult": ("co_maker", "agree")}),
            ("1", 1, {"consult": ("co_maker", "lapsed")}),
            ("1", 4, {"extension": 20}),
            ("1", 2, {"late": True}),
            ("2", 13, {}),
            ("2", 2, {"consult": ("third_party", "object")}),
            ("2", 1, {"consult": ("third_party", "lapsed")}),
            ("2", 2, {"extension": 15}),
            ("3.1", 2, {}), ("3.2", 2, {}), ("3.3", 2, {}),
            ("3.4", 4, {"consult": ("third_party", "object")}),
            ("3.5", 3, {}), ("3.6", 4, {}), ("3.7", 3, {}), ("3.8", 5, {}),
            ("4.1", 23, {}),
            ("4.1", 2, {"correction": "corrected"}),
            ("4.1", 2, {"extension": 10}),
            ("4.1", 1, {"late": True}),
            ("4.2", 5, {}), ("4.2", 1, {"extension": 20}),
            ("5.1", 7, {}), ("5.3", 3, {}), ("5.5", 3, {}),
            ("6.3", 8, {"withdraw": True}),
        ]
        for code, count, feat in plan:
            for _ in range(count):
                need = None
                if "consult" in feat:
                    need = "third_party" if feat["consult"][0] == "third_party" else "co_maker"
                req = self.rng.choice(self.requests_for("1" if code == "6.3" else code, need))
                extra = 20 if feat.get("correction") or feat.get("consult") or feat.get("extension") else 0
                received = self.random_workday(*self.window(extra))
                kw = {}
                if "consult" in feat:
                    kind, result = feat["consult"]
                    party = req.third_party if kind == "third_party" else req.co_maker
                    kw["consults"] = [(kind, party, self.fill(req.matters, received.year), result)]
                for k in ("correction", "extension", "late", "withdraw"):
                    if k in feat:
                        kw[k] = feat[k]
                self.new_spec(outcome=code, received=received, req=req, **kw)

        # 4.3: still unclear after correction; 6.1: no correction in time.
        for code, count in (("4.3", 2), ("6.1", 5)):
            for _ in range(count):
                desc, title = self.rng.choice(VAGUE_REQUESTS)
                self.new_spec(outcome=code, received=self.random_workday(*self.window(25)),
                              agency=self.rng.choice(list(self.agencies)), title=title, desc=desc,
                              correction="corrected" if code == "4.3" else "lapsed")

        # 5.4: one heavy applicant at the market regulator.
        heavy = dict(self.people[0])
        req = self.requests_for("5.4")[0]
        for _ in range(3):
            self.new_spec(outcome="5.4", received=self.random_workday(*self.window(0)), req=req,
                          applicant=heavy, channel=Channel.ONLINE)

        # Fees: two paid (per piece, per volume), two lapsed (6.2).
        firm = next(o for o in self.orgs if o["org_type"] == OrgType.LEGAL_SERVICE)
        for agency, scale, units, result in (("zrzy", "per_piece", 15, "paid"), ("sthj", "per_volume", 180, "paid"),
                                             ("zjj", "per_volume", 260, "lapsed"), ("scjg", "per_piece", 25, "lapsed")):
            title, desc = FEE_REQUESTS[agency]
            self.new_spec(outcome="1" if result == "paid" else "6.2", received=self.random_workday(*self.window(40)),
                          agency=agency, title=title, desc=desc, applicant=firm if scale == "per_piece" else None,
                          fee=(scale, units, result))

        # Art. 35 deferral of a large but reasonable request.
        agency, title, desc = DEFERRAL_REQUEST
        self.new_spec(outcome="1", received=self.random_workday(dt.date(2025, 4, 1), dt.date(2025, 6, 30)),
                      agency=agency, title=title, desc=desc, deferral=True, channel=Channel.REGISTERED_POST)

        # One case consulting a third party and a co-maker at once (the pauses merge).
        req = next(r for r in REQUESTS if r.agency == "shi" and "2" in r.codes and r.co_maker)
        received = self.random_workday(dt.date(2025, 9, 1), dt.date(2025, 10, 31))
        self.new_spec(outcome="2", received=received, req=req, consults=[
            ("third_party", "示例市恒信置业有限公司", "项目计划表中该公司承建项目的合同价款和融资安排", "object"),
            ("co_maker", req.co_maker, self.fill(req.matters, received.year), "agree")],
            reasons="第三方书面答复认为其承建项目的合同价款和融资安排属于商业秘密，不同意公开；共同制作机关同意公开。"
                    "经审查，依据条例第十五条、第三十七条对上述内容作区分处理，项目计划表其余部分予以公开。")

        # Duplicates (5.2) of earlier answered requests by the same applicants.
        originals = [s for s in self.specs if s.outcome in ("1", "4.1") and not s.consults and not s.extension
                     and not s.late and not s.correction and s.received < self.today - dt.timedelta(days=200)]
        for orig in self.rng.sample(originals, 4):
            received = self.workday_on_or_after(orig.received + dt.timedelta(days=self.rng.randint(70, 110)))
            spec = self.new_spec(outcome="5.2", received=received, agency=orig.agency, applicant=orig.data,
                                 title=orig.data["info_title"], desc=orig.data["description"],
                                 doc_no=orig.data["info_doc_no"], duplicate_of=orig)
            spec.data.update({k: orig.data[k] for k in ("info_title", "description", "info_doc_no")})

        # Remedies and supplementary answers.
        def remedy(code, agency, first, last, kind):
            req = self.requests_for(code, agency=agency)[0]
            return self.new_spec(outcome=code, received=self.random_workday(first, last), req=req, remedy=kind)

        remedy("3.6", "shi", dt.date(2025, 3, 3), dt.date(2025, 4, 30), "recon_upheld_then_suit")
        remedy("4.1", "zjj", dt.date(2025, 4, 1), dt.date(2025, 5, 30), "recon_corrected")
        days = dt.timedelta(days=1)
        remedy("4.1", "zrzy", self.today - 230 * days, self.today - 170 * days, "suit_direct_pending")
        remedy("2", "sthj", self.today - 120 * days, self.today - 80 * days, "recon_pending")
        remedy("3.7", "scjg", dt.date(2025, 8, 1), dt.date(2025, 9, 19), "recon_other")
        req = next(r for r in self.requests_for("1", agency="xian") if "预算" in r.title)
        self.new_spec(outcome="1", received=self.random_workday(dt.date(2025, 6, 2), dt.date(2025, 7, 31)),
                      req=req, supplementary="原答复书所附《示例县2024年一般公共预算执行情况》缺少第3页至第5页，"
                                             "现予补充提供，请查收。")

    def plan_open(self):
        """The workload open today: pending confirmations, overdue, due soon, paused cases."""
        T = self.today
        L = T if self.cal.is_working_day(T) else self.wd_back(T, 1)

        def plain(outcome=None):
            return self.rng.choice(self.requests_for(outcome or self.rng.choice(["1", "1", "2", "4.1"])))

        # Online, not yet confirmed: two past the 1-WD confirmation limit, two within it.
        for submitted in (self.wd_back(L, 3), self.wd_back(L, 2), L, T):
            spec = self.new_spec(outcome=None, received=submitted, req=plain(), channel=Channel.ONLINE,
                                 final="pending")
            spec.submitted = submitted
        # In progress: overdue, due soon (at most 3 WD left), due later — the last two received
        # today and yesterday, so from December their dates are provisional (暂定) until next year's
        # holiday arrangement is entered (domain.md 3.1).
        dues = [self.wd_back(L, 6), self.wd_back(L, 3), self.wd_back(L, 1)]
        for k in (1, 2, 3, 3, 5, 8, 11, 14, 17, 19, 20):
            try:
                dues.append(self.wd(T, k))
            except CalendarMissing as e:  # next year's holidays not entered yet: the engine refuses
                self.warn(f"未能安排{k}个工作日后到期的演示案件：{e}\n")
        for due in dues:
            self.new_spec(outcome=None, received=self.wd_back(due, 20), req=plain(), final="in_progress")
        # Awaiting correction.
        for back in (4, 7, 10):
            desc, title = self.rng.choice(VAGUE_REQUESTS)
            received = self.wd_back(L, back)
            self.new_spec(outcome=None, received=received, agency=self.rng.choice(list(self.agencies)), title=title,
                          desc=desc, correction="open", final="open_correction",
                          at={"correction": self.wd(received, 2)})
        # Paused for consultation (third party, co-maker, assistance).
        for back, kind in ((12, "third_party"), (9, "co_maker"), (6, "assistance")):
            received = self.wd_back(L, back)
            if kind == "assistance":
                req = plain("4.2")
                party, matters = "示例市财政局", "请协助提供所申请信息中由贵局保存的资金拨付部分"
            else:
                req = self.rng.choice(self.requests_for("2" if kind == "third_party" else "1",
                                                        "third_party" if kind == "third_party" else "co_maker"))
                party = req.third_party if kind == "third_party" else req.co_maker
                matters = self.fill(req.matters, received.year)
            self.new_spec(outcome=None, received=received, req=req, final="open_consult",
                          consults=[(kind, party, matters, "open")], at={"consult": self.wd(received, 3)})
        # Paused for the fee.
        for back, agency, scale, units in ((14, "zrzy", "per_volume", 120), (6, "scjg", "per_piece", 12)):
            title, desc = FEE_REQUESTS[agency]
            received = self.wd_back(L, back)
            self.new_spec(outcome=None, received=received, agency=agency, title=title, desc=desc,
                          fee=(scale, units, "open"), final="open_fee", at={"fee": self.wd(received, 4)})
        # Extended, deferred, and decided awaiting the reviewer's signature.
        received = self.wd_back(L, 24)
        self.new_spec(outcome=None, received=received, req=plain("1"), extension=20, final="in_progress",
                      at={"extension": self.wd_back(L, 6)})
        agency, title, desc = DEFERRAL_REQUEST
        self.new_spec(outcome=None, received=self.wd_back(L, 15), agency=agency, title=title, desc=desc,
                      deferral=True, final="in_progress", at={"deferral": self.wd_back(L, 5)})
        received = self.wd_back(L, 16)
        self.new_spec(outcome="1", received=received, req=plain("1"), final="decided", at={"decide": L})
        # Answered in the last days, the letter still in the post (status 已答复, not yet 已办结).
        for back in (0, 1):
            code = self.rng.choice(["1", "4.1"])
            spec = self.new_spec(outcome=code, received=self.wd_back(L, 17 + back),
                                 req=self.rng.choice(self.requests_for(code)), at={"decide": self.wd_back(L, back)})
            spec.data["carrier"] = "paper"
            spec.data["delivery"] = "post"

    # -- the scheduler ----------------------------------------------------------------------

    def schedule(self, spec):
        gen = self.run_case(spec)
        try:
            first = next(gen)
        except StopIteration:
            return
        self.push(first, spec, gen)

    def push(self, when, spec, gen):
        self.seq += 1
        heapq.heappush(self.heap, (when, self.seq, spec.key, gen))

    def run(self):
        by_key = {s.key: s for s in self.specs}
        while self.heap:
            when, _, key, gen = heapq.heappop(self.heap)
            spec = by_key[key]
            try:
                nxt = gen.send(None)
            except StopIteration:
                continue
            except (services.ActionError, CalendarMissing, ClockError) as e:
                self.warn(f"第{key}件（{spec.agency}，{when}）未能按计划办理：{e}\n")
                continue
            if nxt < when:
                self.warn(f"第{key}件的计划日期倒退（{when} → {nxt}）\n")
                nxt = when
            if nxt > self.today:
                self.warn(f"第{key}件的计划日期{nxt}晚于今天，已停止\n")
                continue
            self.push(nxt, spec, gen)

    # -- one case ---------------------------------------------------------------------------

    def reload(self, app):
        return Application.objects.get(pk=app.pk)

    def due(self, app, as_of):
        result = services.compute_clock(self.reload(app), as_of=as_of)
        if result.due is None:
            raise services.ActionError(f"计划错误：{as_of}时没有答复期限（{result.state}）")
        return result.due

    def submit_online(self, spec):
        agency = self.agencies[spec.agency]
        app = services.submit_online(agency, spec.data, [])
        if spec.submitted != app.submitted_on:
            # Back-date the submission made on spec.submitted (submit_online stamps "now").
            at = timezone.make_aware(dt.datetime.combine(
                spec.submitted, dt.time(self.rng.randint(7, 22), self.rng.randint(0, 59))))
            update = {"submitted_at": at, "submitted_on": spec.submitted}
            if spec.submitted.year != app.submitted_on.year:
                # Give back the serial drawn from this year's sequence and draw one from the right year.
                Counter.objects.filter(agency=agency, name="application", year=app.submitted_on.year).update(
                    value=F("value") - 1)
                year = spec.submitted.year
                update["reference"] = f"{year}-{next_number(agency, 'application', year):05d}"
            Application.objects.filter(pk=app.pk).update(**update)
            with maintenance("演示数据", who="portal.demo"):  # back-dating history: the one named switch
                TimelineEvent.objects.filter(application=app, kind=EventKind.SUBMITTED).update(
                    occurred_on=spec.submitted)
            app = self.reload(app)
        return app

    def run_case(self, s):
        agency = self.agencies[s.agency]
        h, rv = self.handler(s.agency), self.reviewer(s.agency)
        rng = self.rng
        # Intake (Art. 31).
        if s.channel == Channel.ONLINE:
            yield s.submitted
            app = self.submit_online(s)
            s.app_id = app.pk
            if s.final == "pending":
                return
            yield s.received
            services.confirm_receipt(app, h, s.received)
        else:
            yield s.received
            app = services.register(
                agency, s.data, [], actor=h, channel=s.channel, submitted_on=s.submitted,
                received_on=None if s.channel == Channel.IN_PERSON else s.received, is_oral=s.oral)
            s.app_id = app.pk
        now = s.received

        # Correction (Art. 30; 3.3 c).
        if s.correction:
            now = s.at.get("correction") or self.wd(now, rng.randint(1, 5))
            yield now
            services.request_correction(app, h, now, items=CORRECTION_ITEMS)
            if s.correction == "open":
                return
            if s.correction == "lapsed":
                now = self.wd(self.wd(now, settings.GONGKAI["CORRECTION_PERIOD_DAYS"]), 1)
                yield now
                services.close_lapsed(app, h, now)
                yield from self.deliver(app, s, now)
                return
            now = self.wd(now, rng.randint(3, 12))
            yield now
            services.record_correction(app, h, now, note="申请人提交补正后的申请表，补充了所需信息的名称和形成时间")

        # Art. 35: a request clearly beyond a reasonable range; the applicant is asked for reasons.
        if s.outcome == "5.4":
            now = self.wd(now, rng.randint(1, 3))
            yield now
            reply_by = self.wd(now, 10)
            issue_letter(self.reload(app), "explanation_request", actor=h, on=now,
                         extra={"reply_by": reply_by, "reason": "您近期以相同或者类似内容连续提出大量申请"})
            now = self.wd(reply_by, 1)

        if s.withdraw:
            now = self.wd(now, rng.randint(2, 9))
            yield now
            services.withdraw(app, h, now, reason=rng.choice(WITHDRAW_REASONS))
            return

        # Fee (Art. 42; 3.3 f).
        if s.fee:
            scale, units, result = s.fee
            now = s.at.get("fee") or self.wd(now, rng.randint(3, 7))
            yield now
            served = now if s.data["delivery"] in ("email", "online") else now + dt.timedelta(days=2)
            served = min(served, self.today)
            services.issue_fee_notice(app, h, now, scale=scale, units=units, reason=FEE_REASON, served_on=served)
            if result == "open":
                return
            notice = app.events.get(kind=EventKind.FEE_NOTICE_SENT)
            payment_due = dt.date.fromisoformat(notice.data["payment_due"])
            if result == "lapsed":
                now = self.wd(payment_due, 1)
                yield now
                services.close_lapsed(app, h, now)
                yield from self.deliver(app, s, now)
                return
            now = self.wd(now, rng.randint(3, 12))
            yield now
            services.record_payment(app, h, now, note="申请人已通过非税收入缴款系统缴纳信息处理费，已核对缴款凭证")

        # Consultations (Arts. 32, 34; 3.3 d).
        if s.consults:
            now = s.at.get("consult") or self.wd(now, rng.randint(2, 6))
            yield now
            replies = []
            for kind, party, matters, result in s.consults:
                served = now if kind == "co_maker" else self.wd(now, rng.randint(0, 2))
                served = min(served, self.today)
                services.consult(app, h, now, party=party, kind=kind, matters=matters, served_on=served)
                sent = app.events.filter(kind=EventKind.CONSULTATION_SENT).order_by("-id").first()
                if result == "open":
                    continue
                window = self.wd(served, 15)
                if result == "lapsed":
                    note = ("被征求意见方在15个工作日内未答复，视为同意公开（条例第三十四条）" if kind == "co_maker"
                            else "第三方在15个工作日内未提出意见，本机关依照条例规定决定")
                    replies.append((self.wd(window, rng.randint(1, 2)), sent.id, "none", note))
                elif result == "object":
                    replies.append((self.wd(served, rng.randint(5, 14)), sent.id, "object",
                                    f"{party}书面答复不同意公开，认为涉及其商业秘密"))
                else:
                    replies.append((self.wd(served, rng.randint(4, 12)), sent.id, "agree", f"{party}书面答复同意公开"))
            if s.final == "open_consult":
                return
            for on, sent_id, opinion, note in sorted(replies):
                now = max(now, on)
                yield now
                services.record_consultation_reply(app, h, now, consultation_id=sent_id, opinion=opinion, note=note)

        # Extension (Art. 33; 3.3 e), approved by the head of the disclosure unit.
        if s.extension:
            due = self.due(app, now)
            now = s.at.get("extension") or max(self.wd(now, 1), self.wd_back(due, rng.randint(1, 3)))
            yield now
            services.extend(app, rv, now, days=s.extension, reason=rng.choice(EXTENSION_REASONS))

        # Art. 35 deferral of a large request.
        if s.deferral:
            due = self.due(app, now)
            now = s.at.get("deferral") or self.wd(now, 3)
            yield now
            fixed = self.workday_on_or_after(due + dt.timedelta(days=28))
            services.defer(app, rv, now, due=fixed, reason="所申请的出让合同约300份，需逐份调档、审查并对涉及商业秘密和个人信息的内容作区分处理，"
                           "无法在法定期限内答复，依据条例第三十五条确定合理的答复期限")

        if s.final == "in_progress":
            return

        # Decision and answer (Art. 36).
        due = self.due(app, now)
        if s.at.get("decide"):
            decide_on = s.at["decide"]
        elif s.late:
            decide_on = self.wd(due, rng.randint(1, 3))
        else:
            decide_on = max(self.wd(now, 1 if s.consults or s.fee else rng.randint(2, 6)),
                            self.wd_back(due, rng.randint(0, 10)))
            decide_on = min(decide_on, due)
        now = max(now, decide_on)
        yield now
        reasons, details = self.decision(s, app)
        services.decide(app, h, now, outcome=s.outcome, reasons=reasons, details=details)
        if s.final == "decided":
            return
        if rng.random() < 0.4 and self.wd(now, 1) <= min(due, self.today):
            now = self.wd(now, 1)
            yield now
        services.issue_answer(app, rv, now)
        delivered = yield from self.deliver(app, s, now)

        if s.supplementary and delivered:
            now = self.wd(delivered, rng.randint(3, 8))
            yield now
            services.supplementary_answer(app, rv, now, text=s.supplementary)
        if s.remedy and delivered:
            yield from self.remedies(app, s, delivered)

    def deliver(self, app, s, issued_on):
        """Record the delivery of the answer letter or closure notice; returns the date or None."""
        method, lag = DELIVERY[s.data["delivery"]]
        if lag is None:
            on = self.wd(issued_on, self.rng.randint(1, 4))
        else:
            on = issued_on + dt.timedelta(days=lag)
        if on > self.today:
            return None  # still in the post
        yield on
        services.record_delivery(app, self.handler(s.agency), on, method=method)
        return on

    def decision(self, s, app):
        """Reasons and the outcome-specific details of the answer (domain.md 2.11 item 6)."""
        app = self.reload(app)
        agency = self.agencies[s.agency]
        req = s.req
        code = s.outcome
        reasons = s.reasons or (req.reasons if req and req.reasons else "")
        details = {}
        rng = self.rng
        if code in ("1", "2"):
            if code == "1" and req and req.published and rng.random() < 0.8:
                published = app.received_on - dt.timedelta(days=rng.randint(20, 300))
                serial = rng.randint(10, 480)
                details["published_where"] = (
                    f"该信息已于{cn_date(published)}在{agency.name}政府信息公开专栏“法定主动公开内容—{req.published}”栏目公开，"
                    f"网址：{SITE}/{agency.code}/zdgk/{published:%Y%m}/t{published:%Y%m%d}_{serial}.html，"
                    f"索引号：{agency.uscc}/{published.year}-{serial:05d}")
            else:
                details["how_to_obtain"] = self.how_to_obtain(s, agency)
            if code == "1" and not reasons:
                reasons = "经审查，您申请获取的信息属于可以公开的政府信息。"
            if code == "2" and s.consults:
                party = s.consults[0][1]
                reasons = (f"本机关依据条例第三十二条书面征求了{party}的意见。" + (reasons or "")
                           if s.consults[0][0] == "third_party" else reasons)
        elif code == "4.1":
            if req and req.other_agency:
                details["other_agency"] = req.other_agency
                details["other_agency_contact"] = req.other_contact
                reasons = reasons or f"经核查，您申请获取的信息不是本机关制作或保存的政府信息，应由{req.other_agency}负责公开。"
            else:
                reasons = reasons or "本机关在文书档案和业务系统中均未检索到您所申请的信息，本机关没有制作或者获取该政府信息"
        elif code == "3.8":
            details["special_law"] = req.special_law
        elif code == "5.3":
            details["publication_where"] = req.publication_where
        elif code == "5.2":
            orig = Letter.objects.filter(application_id=s.duplicate_of.app_id, kind="answer_letter").first()
            if orig is not None:
                details["earlier_letter"] = f"{orig.number}，{cn_date(orig.issued_on)}"
            else:
                details["earlier_letter"] = f"对您{cn_date(s.duplicate_of.received)}提出的申请的答复"
            reasons = (f"您本次申请的内容与您于{cn_date(s.duplicate_of.received)}提出的申请完全一致，"
                       "本机关此前的答复已送达您本人")
        elif code == "4.3":
            reasons = ("您提交的补正材料仍仅表述为“与本人有关的全部文件”，未写明所需信息的名称、文号或者其他可供检索的"
                       "特征性描述，也未说明所需信息涉及的事项和形成时间")
        if "{" in reasons:
            reasons = self.fill(reasons, app.received_on.year)
        return reasons, details

    def how_to_obtain(self, s, agency):
        delivery = s.data["delivery"]
        if delivery == "email":
            return "本机关已将所申请信息的电子文档作为本答复书附件，一并发送至您在申请表中填写的电子邮箱。"
        if delivery in ("post", "express"):
            return f"所申请信息的复制件共{self.rng.randint(2, 40)}页，随本答复书一并邮寄至您在申请表中填写的通信地址。"
        if delivery == "pickup":
            return (f"请您自收到本答复书之日起15个工作日内，于工作日办公时间（{HOURS}）携带有效身份证件到"
                    f"{agency.office_address}{agency.office_name}领取所申请信息的复制件。")
        if delivery == "on_site":
            return (f"请您自收到本答复书之日起15个工作日内，于工作日办公时间到{agency.office_name}"
                    f"（{agency.office_address}）查阅、抄录所申请信息。")
        if delivery == "online":
            return "所申请信息的电子文档已上传至申请查询页面，您可凭申请人姓名（名称）和查询号登录下载。"
        return "所申请信息已通过传真发送至您在申请表中填写的传真号码。"

    # -- remedies (domain.md 2.9) -------------------------------------------------------------

    def remedy_no(self, body, year):
        key = f"{body}{year}"
        self.case_no[key] = self.case_no.get(key, 0) + self.rng.randint(3, 20)
        n = self.case_no[key]
        if body == "示例省人民政府":
            return f"示省政复〔{year}〕第{n}号"
        if body == "示例市人民政府":
            return f"示政复〔{year}〕第{n}号"
        if body == "示例市中级人民法院":
            return f"（{year}）示01行初{n}号"
        return f"（{year}）示0104行初{n}号"

    def remedies(self, app, s, delivered):
        agency = self.agencies[s.agency]
        rv = self.reviewer(s.agency)
        rng = self.rng
        kind = s.remedy

        def clamp(d):
            return min(self.workday_on_or_after(d), self.today)

        if kind in ("suit_direct_pending",):
            filed = clamp(delivered + dt.timedelta(days=rng.randint(40, 110)))
            yield filed
            RemedyCase.objects.create(
                agency=agency, application=app, kind=RemedyCase.LITIGATION, litigation_path=RemedyCase.DIRECT,
                case_no=self.remedy_no(agency.court, filed.year), body=agency.court, filed_on=filed,
                notes="原告诉请确认被告答复违法并判令重新答复。", created_by=rv)
            return
        filed = clamp(delivered + dt.timedelta(days=rng.randint(20, 45)))
        yield filed
        organ = agency.reconsideration_organ
        case = RemedyCase.objects.create(
            agency=agency, application=app, kind=RemedyCase.RECONSIDERATION,
            case_no=self.remedy_no(organ, filed.year),
            body=organ, filed_on=filed, created_by=rv,
            notes="适用简易程序审理（行政复议法第五十三条）。" if kind != "recon_pending" else "")
        if kind == "recon_pending":
            return
        concluded = self.workday_on_or_after(filed + dt.timedelta(days=rng.randint(25, 55)))
        if concluded > self.today:
            return
        yield concluded
        result, detail = {
            "recon_upheld_then_suit": (RemedyCase.UPHELD, "维持"),
            "recon_corrected": (RemedyCase.CORRECTED, "责令重新答复"),
            "recon_other": (RemedyCase.OTHER, "终止（申请人撤回行政复议申请）"),
        }[kind]
        RemedyCase.objects.filter(pk=case.pk).update(result=result, result_detail=detail, concluded_on=concluded)
        if kind == "recon_corrected":
            now = self.wd(concluded, rng.randint(5, 10))
            if now > self.today:
                return
            yield now
            services.supplementary_answer(
                app, rv, now, text=(f"根据{organ}行政复议决定书（{case.case_no}），本机关对您申请的信息重新进行了检索。"
                                    "经在本机关档案室和业务系统中扩大检索范围，找到了相关信息的部分内容，现随本补充答复书一并提供。"))
        if kind == "recon_upheld_then_suit":
            filed = self.workday_on_or_after(concluded + dt.timedelta(days=rng.randint(7, 13)))
            if filed > self.today:
                return
            yield filed
            suit = RemedyCase(
                agency=agency, application=app, kind=RemedyCase.LITIGATION,
                litigation_path=RemedyCase.AFTER_RECONSIDERATION, prior=case,
                case_no=self.remedy_no(agency.court, filed.year), body=agency.court, filed_on=filed, created_by=rv,
                notes=f"原告不服{organ}行政复议决定提起诉讼。")
            ended = self.workday_on_or_after(filed + dt.timedelta(days=rng.randint(80, 120)))
            if ended <= self.today:
                suit.result, suit.result_detail, suit.concluded_on = RemedyCase.UPHELD, "驳回诉讼请求", ended
            suit.save()

    # -- the whole load -----------------------------------------------------------------------

    def build(self):
        self.build_organs()
        self.build_staff()
        self.people = self.make_people(95)
        self.orgs = self.make_orgs()
        self.plan_concluded()
        self.plan_open()
        for spec in self.specs:
            self.schedule(spec)
        self.run()


def demo_exists() -> bool:
    return Application.objects.filter(agency__code=MARKER_AGENCY).exists()


def load(stdout=None) -> dict | None:
    """Build the demo world; None (and no change) if it is already there."""
    if demo_exists():
        return None
    started = time.monotonic()
    demo = Demo(stdout)
    # The applicants are fictional: never mail them, whatever backend is configured.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"), transaction.atomic():
        demo.build()
    return summary(demo, time.monotonic() - started)


def summary(demo, seconds) -> dict:
    from django.db.models import Count

    apps = Application.objects.all()

    def counted(field):
        return dict(apps.values_list(field).annotate(n=Count("id")).order_by(field))

    columns = {}
    for app in apps.only("applicant_kind", "org_type"):
        columns[app.report_column_label] = columns.get(app.report_column_label, 0) + 1
    return {
        "applications": apps.count(),
        "events": TimelineEvent.objects.count(),
        "letters": Letter.objects.count(),
        "remedy_cases": RemedyCase.objects.count(),
        "by_status": counted("status"),
        "by_outcome": {k: v for k, v in counted("outcome").items() if k},
        "by_channel": counted("channel"),
        "by_column": columns,
        "warnings": demo.warnings,
        "seconds": round(seconds, 1),
    }


def logins() -> list[tuple[str, str, str]]:
    """(username, name, role) of the demo accounts, for demo_info."""
    return [(username, name, role) for username, name, _, _, role in STAFF]

