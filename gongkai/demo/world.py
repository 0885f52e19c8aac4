"""The 示例市 demo world: its organs, staff, invented applicants' names, places and organisations."""

from __future__ import annotations

import datetime as dt

from gongkai.agencies.models import Agency, Membership
from gongkai.applications.models import (
    OrgType,
)

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

