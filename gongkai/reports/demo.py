"""Demo annual reports for the 示例市 demo world (called by ``load_demo`` after the applications and
documents demos).

- **2024** (before go-live on 2025-01-02): every organ published its report outside the platform.
  Its figures are entered as past-year figures (:func:`services.enter_past_report`), so that R5
  (上年结转 = last year's 结转下年度) and the year-over-year chart have a previous year, and the same
  report is published as a document in the organ's 政府信息公开年报 column: the full text with the
  six sections and tables 二, 三 and 四 of the 2021 format as tab-separated lines (as copied from a
  web page). 结转下年度 is 0 in every column: the platform started with no open applications.
  Two real-world errors are made on purpose, for the supervisor's audit to find: in
  示例市住房和城乡建设局's report the row （一）予以公开 has 0 in every applicant column but a non-zero
  总计 (R2 and R3 fail, as in 聊城市行政审批服务局's 2021 report, domain 5.10); in 示例县人民政府's the
  narrative says it received more applications than table 三's 一、本年新收 (text_vs_table). The
  past figures are the tables as published, error included (the numbers are never "fixed").
- **2025**: every organ compiles its report on the platform through :mod:`gongkai.reports.services`
  (create, manual figures of table 二 with their source, narrative, review, approval, publication),
  acted by the demo staff: departments publish between 15 and 30 January 2026 and governments in
  March, except 示例市生态环境局 (published late, 3 February) and 示例市市场监督管理局 (reviewed, never
  approved: the dashboard shows one unpublished, overdue organ). The supervisor starts the city's
  2025 roll-up (汇总) over the subtree and leaves it as a draft.

The services stamp "now" on events, timestamps and snapshots; like the applications demo, the
timestamps are then back-dated to the day of each act (the published date is the service's own
``on``). Steps dated after today are not performed. Deterministic (random.Random(2024)) and
idempotent: nothing happens when the city government already has report data.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.applications.models import EventKind, TimelineEvent
from gongkai.core.maintenance import maintenance
from gongkai.law import report_format as rf
from gongkai.law import today as law_today
from gongkai.publishing.demo import publish_document
from gongkai.publishing.models import CatalogueNode, DocType

from . import compute, services
from .models import AnnualReport, ManualFigure, PastReport, ReportEvent, ReportSnapshot, ReportStatus, Scope
from .narrative import OUTCOME_GROUPS, percent, propose_overview

PAST_YEAR = 2024
YEAR = 2025
FORMAT = rf.FORMAT_2021
MARKER_AGENCY = "shi"
CODES = ("shi", "zrzy", "zjj", "sthj", "scjg", "xian")
COLUMNS = rf.APPLICANT_COLUMNS  # the six applicant columns, without 总计
SUBJECT = "综合政务\\政务公开"
PAST_SOURCE_NOTE = f"{PAST_YEAR}年度报告（原网站发布）"
MANUAL_CELLS = (
    "proactive.licensing.decisions",
    "proactive.penalties.decisions",
    "proactive.enforcement.decisions",
    "proactive.fees.amount_10k_yuan",
)

# -- 2024: the reports as published outside the platform -----------------------------------------
# Outcome leaves per applicant column (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他);
# 一 is derived so that 一 + 二 = 三（七） and 四 = 0 in every column. Table 四: (维持, 纠正, 其他, 尚未审结).

PAST = {
    "shi": {
        "published": dt.date(2025, 3, 26),
        "carried_in": (5, 1, 0, 0, 0, 0),
        "outcomes": {
            "disclosed": (28, 5, 1, 0, 2, 1),
            "partially_disclosed": (6, 1, 0, 0, 1, 0),
            "withheld_state_secret": (1, 0, 0, 0, 0, 0),
            "withheld_third_party": (2, 1, 0, 0, 0, 0),
            "withheld_internal_affairs": (1, 0, 0, 0, 0, 0),
            "withheld_process_info": (3, 0, 0, 0, 1, 0),
            "unavailable_not_held": (22, 3, 0, 1, 2, 1),
            "unavailable_needs_creation": (5, 1, 0, 0, 0, 0),
            "unavailable_unclear": (2, 0, 0, 0, 0, 0),
            "not_processed_petition": (5, 0, 0, 0, 0, 0),
            "not_processed_duplicate": (3, 0, 0, 0, 0, 0),
            "not_processed_publication": (1, 0, 0, 0, 0, 0),
            "not_processed_confirmation": (2, 0, 0, 0, 0, 0),
            "other_no_correction": (4, 0, 0, 0, 1, 0),
            "other_other": (3, 0, 0, 0, 0, 0),
        },
        "review": {"review": (2, 1, 0, 0), "suit_direct": (1, 0, 1, 0), "suit_after_review": (1, 0, 0, 0)},
        "manual": (0, 0, 0, Decimal("0")),
    },
    "zrzy": {
        "published": dt.date(2025, 1, 17),
        "carried_in": (2, 0, 0, 0, 1, 0),
        "outcomes": {
            "disclosed": (10, 3, 0, 0, 1, 0),
            "partially_disclosed": (3, 1, 0, 0, 0, 0),
            "withheld_third_party": (1, 1, 0, 0, 0, 0),
            "withheld_process_info": (2, 0, 0, 0, 0, 0),
            "unavailable_not_held": (9, 1, 0, 0, 1, 0),
            "unavailable_needs_creation": (2, 0, 0, 0, 0, 0),
            "not_processed_petition": (2, 0, 0, 0, 0, 0),
            "not_processed_duplicate": (1, 0, 0, 0, 0, 0),
            "other_no_correction": (2, 0, 0, 0, 0, 0),
        },
        "review": {"review": (1, 1, 0, 0), "suit_direct": (1, 0, 0, 0), "suit_after_review": (0, 0, 0, 0)},
        "manual": (1268, 86, 3, Decimal("865.42")),
    },
    "zjj": {
        "published": dt.date(2025, 1, 20),
        "carried_in": (3, 0, 0, 0, 0, 0),
        "outcomes": {
            "disclosed": (14, 4, 0, 0, 2, 1),
            "partially_disclosed": (3, 1, 0, 0, 0, 0),
            "withheld_third_party": (2, 0, 0, 0, 0, 0),
            "withheld_process_info": (1, 0, 0, 0, 0, 0),
            "withheld_enforcement_file": (1, 0, 0, 0, 0, 0),
            "unavailable_not_held": (8, 1, 0, 0, 1, 0),
            "unavailable_needs_creation": (1, 1, 0, 0, 0, 0),
            "not_processed_petition": (3, 0, 0, 0, 0, 0),
            "not_processed_confirmation": (1, 0, 0, 0, 0, 0),
            "other_no_correction": (1, 0, 0, 0, 0, 0),
            "other_other": (1, 0, 0, 0, 0, 0),
        },
        "review": {"review": (2, 0, 1, 0), "suit_direct": (0, 0, 0, 0), "suit_after_review": (1, 0, 0, 0)},
        "manual": (2156, 142, 0, Decimal("0")),
        # As published: （一）予以公开 prints 0 under every applicant column and only the 总计.
        "error": "disclosed_total_only",
    },
    "sthj": {
        "published": dt.date(2025, 1, 22),
        "carried_in": (1, 0, 0, 0, 0, 0),
        "outcomes": {
            "disclosed": (6, 2, 1, 1, 0, 0),
            "partially_disclosed": (2, 1, 0, 0, 0, 0),
            "withheld_third_party": (0, 1, 0, 0, 0, 0),
            "withheld_enforcement_file": (1, 0, 0, 0, 0, 0),
            "unavailable_not_held": (4, 1, 0, 0, 0, 0),
            "unavailable_needs_creation": (1, 0, 0, 0, 0, 0),
            "not_processed_petition": (2, 0, 0, 0, 0, 0),
            "other_no_correction": (1, 0, 0, 0, 0, 0),
        },
        "review": {"review": (1, 0, 0, 0), "suit_direct": (0, 0, 0, 0), "suit_after_review": (0, 0, 0, 0)},
        "manual": (412, 96, 11, Decimal("0")),
    },
    "scjg": {
        "published": dt.date(2025, 1, 24),
        "carried_in": (1, 1, 0, 0, 0, 0),
        "outcomes": {
            "disclosed": (7, 3, 0, 0, 1, 0),
            "partially_disclosed": (2, 1, 0, 0, 0, 0),
            "withheld_third_party": (1, 2, 0, 0, 0, 0),
            "withheld_enforcement_file": (2, 0, 0, 0, 0, 0),
            "withheld_administrative_query": (1, 0, 0, 0, 0, 0),
            "unavailable_not_held": (5, 1, 0, 0, 0, 0),
            "not_processed_petition": (3, 0, 0, 0, 0, 0),
            "not_processed_excessive": (2, 0, 0, 0, 0, 0),
            "other_no_correction": (1, 0, 0, 0, 0, 0),
        },
        "review": {"review": (1, 1, 0, 0), "suit_direct": (0, 0, 1, 0), "suit_after_review": (0, 0, 0, 0)},
        "manual": (5623, 418, 37, Decimal("0")),
    },
    "xian": {
        "published": dt.date(2025, 3, 14),
        "carried_in": (2, 0, 0, 0, 0, 0),
        "outcomes": {
            "disclosed": (9, 1, 0, 0, 0, 1),
            "partially_disclosed": (3, 0, 0, 0, 0, 0),
            "withheld_third_party": (1, 0, 0, 0, 0, 0),
            "withheld_process_info": (1, 0, 0, 0, 0, 0),
            "unavailable_not_held": (10, 1, 0, 0, 1, 0),
            "unavailable_needs_creation": (2, 0, 0, 0, 0, 0),
            "not_processed_petition": (3, 0, 0, 0, 0, 0),
            "not_processed_duplicate": (1, 0, 0, 0, 0, 0),
            "other_no_correction": (1, 0, 0, 0, 0, 0),
            "other_other": (1, 0, 0, 0, 0, 0),
        },
        "review": {"review": (1, 0, 0, 0), "suit_direct": (1, 0, 0, 0), "suit_after_review": (0, 0, 0, 0)},
        "manual": (0, 0, 0, Decimal("0")),
        # As published: the narrative counts last year's carried-over applications as received.
        "error": "narrative_counts_carried_in",
    },
}

# -- 2025: manual figures of table 二 and the dates of each act --------------------------------

MANUAL = {
    # (行政许可, 行政处罚, 行政强制, 行政事业性收费（万元）, source)
    "shi": (
        0,
        0,
        0,
        Decimal("0"),
        "市政府办公室核实：本机关未直接作出行政许可、行政处罚、行政强制决定，未收取行政事业性收费",
    ),
    "zrzy": (
        1342,
        73,
        2,
        Decimal("812.60"),
        "示例市政务服务网行政审批系统导出（许可）；行政执法信息平台导出（处罚、强制）；财务系统不动产登记费统计",
    ),
    "zjj": (
        2310,
        158,
        1,
        Decimal("0"),
        "示例市政务服务网行政审批系统导出（许可）；行政执法信息平台导出（处罚、强制）",
    ),
    "sthj": (
        389,
        104,
        9,
        Decimal("0"),
        "示例市政务服务网行政审批系统导出（环评审批、排污许可）；生态环境执法系统导出",
    ),
    "scjg": (
        5980,
        452,
        41,
        Decimal("0"),
        "示例市政务服务网行政审批系统导出（许可）；市场监管综合执法系统导出（处罚、强制）",
    ),
    "xian": (
        0,
        0,
        0,
        Decimal("0"),
        "县政府办公室核实：本机关未直接作出行政许可、行政处罚、行政强制决定，未收取行政事业性收费",
    ),
}

D = dt.date
SCHEDULE = {
    # created, manual figures, narrative, reviewed, approved, published (None: not done)
    "zrzy": (D(2026, 1, 6), D(2026, 1, 7), D(2026, 1, 8), D(2026, 1, 12), D(2026, 1, 14), D(2026, 1, 15)),
    "zjj": (D(2026, 1, 8), D(2026, 1, 12), D(2026, 1, 14), D(2026, 1, 19), D(2026, 1, 21), D(2026, 1, 22)),
    "sthj": (D(2026, 1, 13), D(2026, 1, 19), D(2026, 1, 23), D(2026, 1, 28), D(2026, 2, 2), D(2026, 2, 3)),
    "scjg": (D(2026, 1, 12), D(2026, 1, 16), D(2026, 1, 21), D(2026, 1, 26), None, None),
    "xian": (D(2026, 3, 2), D(2026, 3, 4), D(2026, 3, 9), D(2026, 3, 16), D(2026, 3, 18), D(2026, 3, 20)),
    "shi": (D(2026, 3, 3), D(2026, 3, 5), D(2026, 3, 10), D(2026, 3, 19), D(2026, 3, 25), D(2026, 3, 27)),
}
ROLLUP_CREATED = D(2026, 4, 8)

# -- text -------------------------------------------------------------------------------------

DEPARTMENT_TEXT = {
    "management": {
        PAST_YEAR: "严格落实公文公开属性源头认定制度，拟公开信息实行经办科室初审、办公室复审、分管领导审签；"
        "完成本局现行有效行政规范性文件清理，清理结果已向社会公布。",
        YEAR: "依托平台政策文件库对本局行政规范性文件实行全生命周期管理，文件制发、修改、废止信息同步更新；"
        "公开前严格执行保密审查和个人信息去标识化处理。",
    },
    "platform": {
        PAST_YEAR: "按照市政府统一部署，完成门户网站政府信息公开专栏栏目规范调整，"
        "配合做好示例市政府信息公开平台上线前的数据迁移和人员培训准备。",
        YEAR: "示例市政府信息公开平台上线后，本局依申请公开全部在线登记、办理和答复，"
        "期限由系统自动计算和提醒，办理过程全程留痕。",
    },
    "supervision": {
        PAST_YEAR: "将政务公开工作纳入本局年度目标管理考核，组织全局政务公开业务培训1次，"
        "主动接受市政务公开办检查指导，对检查发现的问题逐项整改。",
        YEAR: "局政务公开领导小组每季度听取一次工作汇报，办公室按月通报申请办理情况；"
        "全年组织业务培训2次，未发生因政府信息公开工作被追责的情形。",
    },
}

GOVERNMENT_TEXT = {
    "shi": {
        "management": {
            PAST_YEAR: "全面开展现行有效规章和行政规范性文件清理，集中公布清理结果，对失效、废止文件在原文页面作出标注；"
            "严格落实公文公开属性源头认定，拟制公文时同步提出公开、依申请公开或不予公开意见。",
            YEAR: "依托平台政策文件库对现行有效规章和行政规范性文件实行动态管理，文件有效性变更后同步在原文页面标注；"
            "公文公开属性在拟制环节认定、审核环节复核。",
        },
        "platform": {
            PAST_YEAR: "按照全省政府网站集约化部署，完成政府信息公开专栏栏目规范调整；启动示例市政府信息公开平台建设，"
            "统一全市依申请公开受理、办理、答复流程，计划于2025年初上线运行。",
            YEAR: "2025年1月2日，示例市政府信息公开平台正式上线，全市各级行政机关依申请公开统一在平台受理、办理和答复，"
            "申请人可凭查询号在线查询办理进度。",
        },
        "supervision": {
            PAST_YEAR: "将政务公开工作纳入全市高质量发展综合绩效考核，组织全市政务公开业务培训2期，"
            "开展政府网站和政务新媒体季度检查4次并通报检查结果。",
            YEAR: "市政务公开办每月通报各单位申请办理期限情况，对临近期限和逾期事项督促办理；"
            "组织全市政务公开业务培训3期。",
        },
        "assessment": {
            PAST_YEAR: "2024年度全市政务公开工作考核结果已在市政府门户网站公布，未发生因政府信息公开工作不力被追究责任的情形。",
            YEAR: "2025年度全市政务公开工作考核结果纳入市级机关综合绩效考核，对考核排名靠后的单位进行了约谈，"
            "未发生因政府信息公开工作被追究责任的情形。",
        },
    },
    "xian": {
        "management": {
            PAST_YEAR: "县政府办公室统筹做好公文公开属性认定和发布前审查，县级行政规范性文件实行统一登记、统一编号、统一发布。",
            YEAR: "县乡两级基层政务公开标准目录全部对应到平台栏目，行政规范性文件制发、修改、废止情况在平台政策文件库同步更新。",
        },
        "platform": {
            PAST_YEAR: "县政府门户网站完成适老化和无障碍改造，乡镇政务公开栏目统一纳入县政府门户网站集约管理。",
            YEAR: "县政府及各乡镇依申请公开统一在示例市政府信息公开平台办理，乡镇便民服务中心可代为登记申请。",
        },
        "supervision": {
            PAST_YEAR: "县政务公开办对各乡镇和县直部门开展半年和年终检查，检查结果纳入年度综合考核。",
            YEAR: "县政务公开办按月通报各乡镇和县直部门申请办理情况，对检查发现的问题建立台账、限期整改。",
        },
        "assessment": {
            PAST_YEAR: "2024年县政府将政务公开纳入乡镇和县直部门年度综合考核，考核结果已在县政府门户网站公布，未发生责任追究情形。",
            YEAR: "2025年度政务公开考核结果已在平台公布，对考核靠后的乡镇进行了通报，未发生责任追究情形。",
        },
    },
}

PROFILES = {
    "shi": {
        "short": "市政府",
        "intro": {
            PAST_YEAR: "2024年，市政府认真贯彻落实《中华人民共和国政府信息公开条例》和上级政务公开工作部署，"
            "坚持以公开为常态、不公开为例外，围绕优化营商环境、重大建设项目、财政预决算和民生保障等重点领域加大公开力度。",
            YEAR: "2025年，市政府深入贯彻落实《中华人民共和国政府信息公开条例》，以示例市政府信息公开平台上线运行为契机，"
            "推进依申请公开全流程留痕、期限自动提醒，政务公开标准化规范化水平进一步提升。",
        },
        "focus": "重点公开了优化营商环境、重大建设项目批准和实施、财政预决算和民生保障等领域的政策文件和执行情况，",
        "problems": {
            PAST_YEAR: "一是部分部门政策解读形式较为单一，图解、视频等解读占比不高；二是依申请公开答复文书规范性有待提高，"
            "个别答复告知救济途径不够完整；三是基层政务公开标准化规范化建设进展不平衡。2025年，"
            "市政府将推动依申请公开全流程网上办理，统一答复文书格式，加大对区县和部门的业务指导和督促检查力度。",
            YEAR: "一是平台上线初期，部分工作人员对答复文书模板和期限计算规则掌握不够熟练；二是部分政策解读发布时间滞后于文件印发；"
            "三是区县和部门之间依申请公开办理质量仍有差距。下一步，市政府将加强平台操作培训，"
            "推行政策文件与解读材料同步审签、同步发布，并开展依申请公开答复质量抽查。",
        },
        "work_points": {
            PAST_YEAR: "对照省政府办公厅2024年政务公开工作要点，细化形成28项任务清单，均已完成。",
            YEAR: "对照省政府办公厅2025年政务公开工作要点，制定本市任务分工方案，明确31项具体任务，均已落实。",
        },
        "proposals": {
            PAST_YEAR: "市政府承办的人大代表建议和政协提案办理复文均已按规定在门户网站公开。",
            YEAR: "市政府承办的人大代表建议和政协提案办理复文，除涉及国家秘密等不宜公开的外，均已在平台公开。",
        },
        "innovation": {
            PAST_YEAR: "开设“政策问答”专栏，对高频咨询问题统一发布权威解答。",
            YEAR: "在全省率先实现依申请公开全流程线上办理和答复期限自动计算。",
        },
    },
    "zrzy": {
        "short": "本局",
        "intro": {
            PAST_YEAR: "2024年，本局认真贯彻落实《中华人民共和国政府信息公开条例》，围绕国土空间规划、建设用地审批、"
            "征地信息和不动产登记等群众关注的事项，持续做好政府信息公开工作。",
            YEAR: "2025年，本局坚持以公开促规范、以公开促服务，依托示例市政府信息公开平台规范依申请公开办理，"
            "自然资源领域信息公开的及时性和完整性进一步提高。",
        },
        "focus": "及时公开国土空间总体规划批前公示、建设项目用地预审和规划许可批前公示，"
        "征收土地预公告、征地补偿安置方案在征地所在地和门户网站同步公开，",
        "problems": {
            PAST_YEAR: "一是征地信息公开的时效性有待加强，个别项目补偿安置方案公开滞后；二是规划批前公示的图文说明不够通俗易懂。"
            "2025年，本局将建立征地信息公开台账，规划公示同步附简明图解。",
            YEAR: "一是涉及历史征地档案的申请较多，档案检索耗时较长；二是不动产登记相关政策解读的针对性不强。"
            "下一步，本局将推进历史征地档案数字化，围绕群众关注的登记问题编写问答式解读。",
        },
        "work_points": {
            PAST_YEAR: "对照市政府办公室2024年政务公开工作要点，本局制定任务分解表，明确12项任务，均已按期完成。",
            YEAR: "对照市政府办公室2025年政务公开工作要点，本局逐项明确责任科室和完成时限，14项任务均已完成。",
        },
        "proposals": {
            PAST_YEAR: "本局承办人大代表建议14件、政协提案11件，办理复文均已公开。",
            YEAR: "本局承办人大代表建议12件、政协提案9件，办理复文全部在平台公开。",
        },
        "innovation": {
            PAST_YEAR: "开通“规划公示”微信小程序，市民可在线查看批前公示并提出意见。",
            YEAR: "在平台提供征地信息按项目查询，征地批复、补偿安置方案可一站式查阅。",
        },
    },
    "zjj": {
        "short": "本局",
        "intro": {
            PAST_YEAR: "2024年，本局认真贯彻落实《中华人民共和国政府信息公开条例》，围绕住房保障、房屋征收、"
            "建筑市场监管和城市更新等重点工作，依法做好政府信息公开。",
            YEAR: "2025年，本局以示例市政府信息公开平台上线为契机，规范依申请公开办理流程，"
            "住房城乡建设领域重点信息公开更加及时、准确。",
        },
        "focus": "公开了保障性租赁住房筹集、分配和租金标准，国有土地上房屋征收决定、补偿方案和评估机构选定结果，",
        "problems": {
            PAST_YEAR: "一是房屋征收信息公开的完整性有待提高，部分项目分户补偿情况公开不及时；"
            "二是依申请公开答复中对申请内容的理解把握不够准确。2025年，本局将完善征收项目信息公开清单，"
            "加强与申请人的沟通。",
            YEAR: "一是房屋征收类申请集中、涉及历史资料多，个别申请需要延长答复期限；二是年度报告统计数据的核对机制不够健全。"
            "下一步，本局将建立征收项目资料电子化归档制度，年度报告数据由平台生成后再经双人核对。",
        },
        "work_points": {
            PAST_YEAR: "对照市政府办公室2024年政务公开工作要点，本局明确15项任务，均已完成。",
            YEAR: "对照市政府办公室2025年政务公开工作要点，本局将16项任务纳入年度重点工作台账，均已落实。",
        },
        "proposals": {
            PAST_YEAR: "本局承办人大代表建议18件、政协提案15件，办理复文均已公开。",
            YEAR: "本局承办人大代表建议16件、政协提案13件，办理复文全部在平台公开。",
        },
        "innovation": {
            PAST_YEAR: "在门户网站开设“城市更新”专题，集中公开片区更新方案和征求意见情况。",
            YEAR: "试行保障性住房分配结果“线上公示+现场公示”双公示。",
        },
    },
    "sthj": {
        "short": "本局",
        "intro": {
            PAST_YEAR: "2024年，本局认真贯彻落实《中华人民共和国政府信息公开条例》，围绕环境质量、环境影响评价、"
            "排污许可和环境执法等领域，主动回应社会关切。",
            YEAR: "2025年，本局依托示例市政府信息公开平台推进依申请公开规范化办理，"
            "生态环境领域信息公开的覆盖面和时效性进一步提升。",
        },
        "focus": "按月公开全市空气质量和地表水水质状况，环评文件受理、拟批准和审批决定信息依法公示，"
        "重点排污单位名录及时更新，",
        "problems": {
            PAST_YEAR: "一是对企业环境信息依法披露的指导服务不够；二是执法信息公开的及时性有待提升。"
            "2025年，本局将加强企业披露培训，执法信息在作出决定后及时公开。",
            YEAR: "一是涉及环境执法案卷的申请较多，区分处理工作量大；二是部分监测数据的解读不够通俗。"
            "下一步，本局将细化执法案卷公开审查要点，用图表方式解读环境质量数据。",
        },
        "work_points": {
            PAST_YEAR: "对照市政府办公室2024年政务公开工作要点，本局明确10项任务，均已完成。",
            YEAR: "对照市政府办公室2025年政务公开工作要点，本局细化11项任务，均已落实。",
        },
        "proposals": {
            PAST_YEAR: "本局承办人大代表建议9件、政协提案12件，办理复文均已公开。",
            YEAR: "本局承办人大代表建议8件、政协提案10件，办理复文全部在平台公开。",
        },
        "innovation": {
            PAST_YEAR: "开展“环保设施向公众开放”活动6场。",
            YEAR: "在平台发布企业环境信息依法披露查询指引，方便公众查阅企业年度环境信息。",
        },
    },
    "scjg": {
        "short": "本局",
        "intro": {
            PAST_YEAR: "2024年，本局认真贯彻落实《中华人民共和国政府信息公开条例》，围绕市场主体登记、食品药品安全、"
            "产品质量抽查和行政执法等事项，依法做好政府信息公开工作。",
            YEAR: "2025年，本局依托示例市政府信息公开平台规范依申请公开办理，"
            "市场监管领域执法信息和抽检信息公开更加规范。",
        },
        "focus": "按期公开食品安全监督抽检结果和不合格产品核查处置情况，行政处罚决定依法通过国家企业信用信息公示系统公示，",
        "problems": {
            PAST_YEAR: "一是涉及职业索赔的申请增多，甄别处理难度加大；二是行政执法信息公开的规范性有待提高。"
            "2025年，本局将完善申请甄别和执法信息公开审核机制。",
            YEAR: "一是部分以政府信息公开申请形式提出的投诉举报类诉求需要引导转入相应渠道；二是执法信息公开栏目分类不够清晰。"
            "下一步，本局将完善投诉举报与信息公开申请分流机制，优化执法信息公开栏目设置。",
        },
        "work_points": {
            PAST_YEAR: "对照市政府办公室2024年政务公开工作要点，本局明确13项任务，均已完成。",
            YEAR: "对照市政府办公室2025年政务公开工作要点，本局制定15项落实措施，均已完成。",
        },
        "proposals": {
            PAST_YEAR: "本局承办人大代表建议11件、政协提案13件，办理复文均已公开。",
            YEAR: "本局承办人大代表建议10件、政协提案12件，办理复文全部在平台公开。",
        },
        "innovation": {
            PAST_YEAR: "在门户网站开设“食品安全抽检”专栏，支持按企业名称查询抽检结果。",
            YEAR: "推行“阳光执法”，行政处罚决定公开信息同步推送至信用平台。",
        },
    },
    "xian": {
        "short": "县政府",
        "intro": {
            PAST_YEAR: "2024年，县政府认真贯彻落实《中华人民共和国政府信息公开条例》，围绕乡村振兴、惠农补贴、"
            "财政预决算和重大建设项目等群众关心的事项，扎实推进政务公开。",
            YEAR: "2025年，县政府按照全市统一部署接入示例市政府信息公开平台，推进基层政务公开标准化规范化，"
            "政务公开工作向乡镇和村（社区）延伸。",
        },
        "focus": "惠农补贴资金发放情况按乡镇公开，县级财政预决算和“三公”经费全部公开，重大建设项目批准和实施信息按规定发布，",
        "problems": {
            PAST_YEAR: "一是乡镇政务公开工作人员变动频繁，业务能力有待提高；二是部分乡镇公开栏目更新不及时。"
            "2025年，县政府将加强乡镇政务公开工作指导和检查。",
            YEAR: "一是乡镇依申请公开办理经验不足，个别申请需县政务公开办指导后办理；二是基层政务公开标准目录的动态调整不够及时。"
            "下一步，县政府将开展乡镇政务公开业务轮训，建立标准目录年度复核机制。",
        },
        "work_points": {
            PAST_YEAR: "对照市政府办公室2024年政务公开工作要点，县政府细化19项任务，均已完成。",
            YEAR: "对照市政府办公室2025年政务公开工作要点，县政府制定22项任务清单，均已落实。",
        },
        "proposals": {
            PAST_YEAR: "县政府承办县人大代表建议21件、县政协提案17件，办理复文均已公开。",
            YEAR: "县政府承办县人大代表建议19件、县政协提案16件，办理复文全部在平台公开。",
        },
        "innovation": {
            PAST_YEAR: "在县政务服务中心设立政府信息公开查阅点，提供政府公报和政策文件查阅服务。",
            YEAR: "在各乡镇便民服务中心设置政务公开专区，提供政策咨询和依申请公开代办服务。",
        },
    },
}


# -- helpers ------------------------------------------------------------------------------------


def _number(value) -> str:
    if isinstance(value, Decimal):
        text = format(value.quantize(Decimal("0.01")), "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)


def _cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _row(values) -> dict:
    return {**dict(zip(COLUMNS, values, strict=True)), rf.TOTAL: sum(values)}


def past_tables(code: str, agency: Agency) -> tuple[dict, dict]:
    """(true tables, tables as published) of an organ's 2024 report."""
    spec = PAST[code]
    schema = rf.schema_for(FORMAT)
    apps = schema.applications
    rows = {r.code: [0] * len(COLUMNS) for r in apps.rows}
    for row, values in spec["outcomes"].items():
        rows[row] = list(values)
    rows["carried_in"] = list(spec["carried_in"])
    rows["processed_total"] = [sum(rows[r.code][i] for r in apps.leaf_rows) for i in range(len(COLUMNS))]
    rows["carried_out"] = [0] * len(COLUMNS)  # the platform started with no open applications
    rows["new"] = [
        done - carried for done, carried in zip(rows["processed_total"], rows["carried_in"], strict=True)
    ]
    if min(rows["new"]) < 0:
        raise ValueError(f"演示数据错误：{code} 的本年新收为负数")

    docs = compute.compute_documents([agency.pk], PAST_YEAR, FORMAT)
    licensing, penalties, enforcement, fees = spec["manual"]
    proactive = {
        "rules": dict(docs["rules"]),
        "normative_documents": dict(docs["normative_documents"]),
        "licensing": {"decisions": licensing},
        "penalties": {"decisions": penalties},
        "enforcement": {"decisions": enforcement},
        "fees": {"amount_10k_yuan": fees},
    }
    review = {}
    for row, parts in spec["review"].items():
        review[row] = {
            **dict(zip(("upheld", "corrected", "other", "pending"), parts, strict=True)),
            rf.TOTAL: sum(parts),
        }
    true = {
        rf.TABLE_PROACTIVE: proactive,
        rf.TABLE_APPLICATIONS: {row: _row(values) for row, values in rows.items()},
        rf.TABLE_REVIEW_LITIGATION: review,
    }
    published = {t: {r: dict(c) for r, c in rows_.items()} for t, rows_ in true.items()}
    if spec.get("error") == "disclosed_total_only":
        disclosed = published[rf.TABLE_APPLICATIONS]["disclosed"]
        published[rf.TABLE_APPLICATIONS]["disclosed"] = {
            **dict.fromkeys(COLUMNS, 0),
            rf.TOTAL: disclosed[rf.TOTAL],
        }
    return true, published


def _tables_text(tables: dict) -> dict[str, list[str]]:
    """Tables 二, 三 and 四 as tab-separated lines with the official labels (a web page copied as text)."""
    schema = rf.schema_for(FORMAT)
    proactive = schema.proactive
    two = []
    for sub in proactive.subtables:
        two.append(sub.caption)
        two.append("\t".join(["信息内容", *(proactive.column(c).label for c in sub.columns)]))
        for row in sub.rows:
            values = tables[rf.TABLE_PROACTIVE][row]
            two.append("\t".join([proactive.row(row).label, *(_number(values[c]) for c in sub.columns)]))
    apps = schema.applications
    three = [
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况",
        "自然人\t法人或其他组织\t总计",
        "商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他",
    ]
    # Merged label cells copied from a web page: a group's label stands before its first row only.
    first_of = {g.rows[0]: g.label for g in apps.groups}
    for row in apps.rows:
        values = tables[rf.TABLE_APPLICATIONS][row.code]
        labels = [first_of[row.code], row.label] if row.code in first_of else [row.label]
        three.append("\t".join([*labels, *(_number(values[c]) for c in apps.column_codes)]))
    review = schema.review_litigation
    four = [
        "行政复议\t行政诉讼",
        "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉",
        "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
        "\t".join(
            _number(tables[rf.TABLE_REVIEW_LITIGATION][row.code][c])
            for row in review.rows
            for c in review.column_codes
        ),
    ]
    return {"proactive": two, "applications": three, "review_litigation": four}


def _organ_text(code: str, key: str, year: int) -> str:
    if code in GOVERNMENT_TEXT:
        return GOVERNMENT_TEXT[code][key][year]
    return DEPARTMENT_TEXT[key][year]


def _past_narrative(code: str, agency: Agency, tables: dict) -> dict[str, str]:
    """Sections 一, 五 and 六 of the 2024 report (the figures quoted are table 三's, except in
    示例县人民政府's report, which counts the carried-over applications as received)."""
    profile = PROFILES[code]
    short = profile["short"]
    facts = services.overview_facts(
        AnnualReport(agency=agency, year=PAST_YEAR, scope=Scope.ORGAN, format_version=FORMAT)
    )
    interpretations = sum(facts["interpretations"].values())
    apps = tables[rf.TABLE_APPLICATIONS]
    total = {row: apps[row][rf.TOTAL] for row in apps}
    processed = total["processed_total"]

    schema = rf.schema_for(FORMAT).applications

    def group(code_: str) -> int:
        rows = [r.code for r in schema.rows if r.code == code_ or r.group == code_]
        return sum(total[r] for r in rows)

    proactive = (
        f"（一）主动公开。{PAST_YEAR}年，{short}在政府信息公开专栏主动公开政府信息{facts['published']}条，"
        f"{profile['focus']}发布政策解读{interpretations}篇。"
    )
    if PAST[code].get("error") == "narrative_counts_carried_in":
        received = (
            f"（二）依申请公开。{PAST_YEAR}年，{short}共收到政府信息公开申请{total['new'] + total['carried_in']}件，"
            f"办结{processed}件，结转下年度继续办理{total['carried_out']}件。"
        )
    else:
        received = (
            f"（二）依申请公开。{PAST_YEAR}年，{short}新收政府信息公开申请{total['new']}件，"
            f"上年结转{total['carried_in']}件，办结{processed}件，"
            f"结转下年度继续办理{total['carried_out']}件。"
        )
    shares = []
    for group_code, label in OUTCOME_GROUPS:
        n = group(group_code)
        shares.append(f"{label}{n}件，占{percent(n, processed)}")
    received += "办理结果中，" + "；".join(shares) + "。"
    review = tables[rf.TABLE_REVIEW_LITIGATION]
    received += (
        f"因政府信息公开被申请行政复议{review['review'][rf.TOTAL]}件，均已审结；"
        f"被提起行政诉讼{review['suit_direct'][rf.TOTAL] + review['suit_after_review'][rf.TOTAL]}件。"
    )
    overview = "\n".join(
        [
            profile["intro"][PAST_YEAR],
            proactive,
            received,
            "（三）政府信息管理。" + _organ_text(code, "management", PAST_YEAR),
            "（四）平台建设。" + _organ_text(code, "platform", PAST_YEAR),
            "（五）监督保障。" + _organ_text(code, "supervision", PAST_YEAR),
        ]
    )
    other = [
        f"（一）收取信息处理费情况。{PAST_YEAR}年，{short}未收取政府信息公开信息处理费。",
        "（二）落实上级年度政务公开工作要点情况。" + profile["work_points"][PAST_YEAR],
        "（三）人大代表建议和政协提案办理结果公开情况。" + profile["proposals"][PAST_YEAR],
        "（四）政务公开工作创新情况。" + profile["innovation"][PAST_YEAR],
    ]
    if code in GOVERNMENT_TEXT:
        other.append(
            "（五）工作考核、社会评议和责任追究结果情况。" + GOVERNMENT_TEXT[code]["assessment"][PAST_YEAR]
        )
    return {
        "overview": overview,
        "proactive": "",
        "applications": "",
        "review_litigation": "",
        "problems": profile["problems"][PAST_YEAR],
        "other_matters": "\n".join(other),
    }


def report_body(agency: Agency, year: int, tables: dict, text: dict[str, str], dated: dt.date) -> str:
    """The full text of a published report: title, the six sections with tables 二, 三, 四, signature."""
    lines = [f"{agency.name}{year}年政府信息公开工作年度报告"]
    if agency.kind == Agency.GOVERNMENT:
        lead = (
            f"本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发"
            f"〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制，"
            f"由{agency.office_name or agency.name}负责编制。"
        )
    else:
        lead = (
            "本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发"
            "〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。"
        )
    lines.append(
        lead + f"报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
        f"如对本报告有疑问，请与{agency.office_name or agency.name}联系"
        + (f"（电话：{agency.office_phone}）" if agency.office_phone else "")
        + "。"
    )
    grids = _tables_text(tables)
    for key, title in rf.SECTIONS:
        lines.append(title)
        if key in grids:
            lines.extend(grids[key])
        else:
            lines.extend(p for p in (text.get(key) or "无。").split("\n") if p.strip())
    lines += [agency.name, _cn_date(dated)]
    return "\n".join(lines)


def _fees(agency: Agency, year: int) -> tuple[int, int]:
    """(applications, yuan) of 信息处理费 paid to the organ in the year, from the fee records."""
    count = amount = 0
    paid = TimelineEvent.objects.filter(
        application__agency=agency,
        kind=EventKind.FEE_PAID,
        occurred_on__year=year,
        superseded_by__isnull=True,
    )
    for event in paid.select_related("application"):
        notice = (
            TimelineEvent.objects.filter(
                application=event.application,
                kind=EventKind.FEE_NOTICE_SENT,
                occurred_on__lte=event.occurred_on,
            )
            .order_by("-occurred_on", "-id")
            .first()
        )
        if notice is not None:
            count += 1
            amount += int(notice.data.get("amount") or 0)
    return count, amount


def _narrative(code: str, report: AnnualReport) -> dict[str, str]:
    """The sections of the 2025 report: typed prose around the figures the platform generates
    (tokens replaced by the frozen values at approval)."""
    profile = PROFILES[code]
    short = profile["short"]
    agency = report.agency
    overview = "\n\n".join(
        [
            profile["intro"][YEAR],
            propose_overview(services.overview_facts(report)),
            "（四）政府信息管理。" + _organ_text(code, "management", YEAR),
            "（五）平台建设。" + _organ_text(code, "platform", YEAR),
            "（六）监督保障。" + _organ_text(code, "supervision", YEAR),
        ]
    )
    paid, yuan = _fees(agency, YEAR)
    if paid:
        fees = (
            f"{YEAR}年，{short}依照《政府信息公开信息处理费管理办法》收取信息处理费{yuan}元"
            f"（涉及申请{paid}件），收费标准和计算过程已在收费通知中列明。"
        )
    else:
        fees = f"{YEAR}年，{short}未收取政府信息公开信息处理费。"
    other = [
        "（一）收取信息处理费情况。" + fees,
        "（二）落实上级年度政务公开工作要点情况。" + profile["work_points"][YEAR],
        "（三）人大代表建议和政协提案办理结果公开情况。" + profile["proposals"][YEAR],
        "（四）政务公开工作创新情况。" + profile["innovation"][YEAR],
    ]
    if code in GOVERNMENT_TEXT:
        other.append(
            "（五）工作考核、社会评议和责任追究结果情况。" + GOVERNMENT_TEXT[code]["assessment"][YEAR]
        )
    return {"overview": overview, "problems": profile["problems"][YEAR], "other_matters": "\n".join(other)}


class _Stamper:
    """Back-dates what a service stamped "now" to the day of the act."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def at(self, day: dt.date, first_hour: int = 9, last_hour: int = 16) -> dt.datetime:
        return timezone.make_aware(
            dt.datetime.combine(
                day,
                dt.time(self.rng.randint(first_hour, last_hour), self.rng.choice((5, 15, 20, 30, 40, 50))),
            )
        )

    @staticmethod
    def mark() -> int:
        return ReportEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    @staticmethod
    def stamp(report: AnnualReport, since: int, when: dt.datetime, **fields) -> None:
        with maintenance("演示数据", who="reports.demo"):  # back-dating history: the one named switch
            ReportEvent.objects.filter(report=report, pk__gt=since).update(at=when)
        AnnualReport.objects.filter(pk=report.pk).update(updated_at=when, checked_at=when, **fields)


# -- the load -----------------------------------------------------------------------------------


def demo_exists() -> bool:
    return (
        PastReport.objects.filter(agency__code=MARKER_AGENCY, year=PAST_YEAR).exists()
        or AnnualReport.objects.filter(agency__code=MARKER_AGENCY).exists()
    )


def _annual_reports_column(agency: Agency) -> CatalogueNode:
    node = CatalogueNode.objects.filter(
        agency=agency, section=CatalogueNode.ANNUAL_REPORTS, parent=None
    ).first()
    if node is None:
        node = CatalogueNode.objects.create(
            agency=agency, section=CatalogueNode.ANNUAL_REPORTS, title="政府信息公开年报", position=4
        )
    return node


def load_past(agency: Agency, handler, stamper: _Stamper, today: dt.date) -> tuple[PastReport, object] | None:
    """The organ's 2024 report: the document in its 年报 column and the figures as past-year figures."""
    code = agency.code
    published_on = PAST[code]["published"]
    if published_on > today:
        return None
    true, published = past_tables(code, agency)
    text = _past_narrative(code, agency, true)
    title = f"{agency.name}{PAST_YEAR}年政府信息公开工作年度报告"
    doc = publish_document(
        agency,
        title=title,
        body=report_body(agency, PAST_YEAR, published, text, published_on),
        published_at=stamper.at(published_on, 9, 11),
        doc_type=DocType.REPORT,
        subject=SUBJECT,
        keywords="政府信息公开年报",
        signed_on=published_on,
        summary=f"{agency.name}{PAST_YEAR}年政府信息公开工作总体情况、主动公开、依申请公开、行政复议和行政诉讼、"
        "存在的主要问题及改进情况等。",
        columns=[_annual_reports_column(agency)],
    )
    past = services.enter_past_report(
        agency,
        PAST_YEAR,
        published,
        handler,
        source_note=PAST_SOURCE_NOTE,
        format_version=FORMAT,
        narrative_text=text,
    )
    PastReport.objects.filter(pk=past.pk).update(created_at=stamper.at(published_on, 14, 17))
    return past, doc


def compile_report(
    agency: Agency, handler, reviewer, stamper: _Stamper, today: dt.date
) -> AnnualReport | None:
    """The organ's 2025 report through the services, each act on its day (none after today)."""
    code = agency.code
    created, figures, text, reviewed, approved, published = SCHEDULE[code]
    if created > today:
        return None
    since, when = stamper.mark(), stamper.at(created)
    report = services.create_report(agency, YEAR, handler)
    stamper.stamp(report, since, when, created_at=when)

    if figures <= today:
        licensing, penalties, enforcement, fees, source = MANUAL[code]
        since, when = stamper.mark(), stamper.at(figures)
        rows = list(zip(MANUAL_CELLS, (licensing, penalties, enforcement, fees), [source] * 4, strict=True))
        recorded = services.record_manual_figures(agency, YEAR, rows, handler)
        ManualFigure.objects.filter(pk__in=[f.pk for f in recorded]).update(created_at=when)
        stamper.stamp(report, since, when)
    if text <= today:
        since, when = stamper.mark(), stamper.at(text)
        services.save_narrative(report, handler, _narrative(code, report))
        stamper.stamp(report, since, when)
    if reviewed <= today:
        since, when = stamper.mark(), stamper.at(reviewed)
        services.mark_reviewed(report, handler, note="经办人自查：表格数据与平台记录一致，正文已按模板填写")
        stamper.stamp(report, since, when, reviewed_at=when)
    if approved and approved <= today:
        since, when = stamper.mark(), stamper.at(approved)
        snapshot = services.approve(report, reviewer, note="同意发布")
        ReportSnapshot.objects.filter(pk=snapshot.pk).update(frozen_at=when)
        stamper.stamp(report, since, when, approved_at=when)
    if published and published <= today:
        since, when = stamper.mark(), stamper.at(published, 9, 11)
        services.publish(report, reviewer, on=published)
        stamper.stamp(report, since, when, published_at=when)
    return AnnualReport.objects.get(pk=report.pk)


def load(stdout=None) -> dict | None:
    """Load the demo annual reports; None (and no change) if they are already there or the demo
    organs are missing."""
    if demo_exists():
        return None
    agencies = {a.code: a for a in Agency.objects.filter(code__in=CODES)}
    User = get_user_model()
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=[f"{c}_{role}" for c in CODES for role in ("handler", "reviewer")] + ["supervisor"]
        )
    }
    if len(agencies) != len(CODES) or len(users) != 2 * len(CODES) + 1:
        return None
    started = time.monotonic()
    today = law_today.today()
    stamper = _Stamper(random.Random(2024))
    order = sorted(CODES, key=lambda c: agencies[c].path)
    past, documents, reports, rollups = [], [], [], []
    with transaction.atomic():
        for code in order:
            got = load_past(agencies[code], users[f"{code}_handler"], stamper, today)
            if got:
                past.append(got[0])
                documents.append(got[1])
        if today.year > YEAR:
            for code in sorted(CODES, key=lambda c: SCHEDULE[c][0]):
                report = compile_report(
                    agencies[code], users[f"{code}_handler"], users[f"{code}_reviewer"], stamper, today
                )
                if report is not None:
                    reports.append(report)
            if ROLLUP_CREATED <= today:
                since, when = stamper.mark(), stamper.at(ROLLUP_CREATED)
                rollup = services.create_report(
                    agencies[MARKER_AGENCY], YEAR, users["supervisor"], scope=Scope.ROLLUP
                )
                stamper.stamp(rollup, since, when, created_at=when)
                rollups.append(rollup)
        from gongkai.search import index

        for doc in documents:
            transaction.on_commit(lambda pk=doc.pk: index.update_document(pk))
    published = [r for r in reports if r.status == ReportStatus.PUBLISHED]
    return {
        "past_year": PAST_YEAR,
        "year": YEAR,
        "past_reports": len(past),
        "documents": len(documents),
        "reports": len(reports),
        "published": len(published),
        "late": [r.agency.name for r in published if services.is_late(r)],
        "unpublished": [
            f"{r.agency.name}（{r.get_status_display()}）"
            for r in reports
            if r.status != ReportStatus.PUBLISHED
        ],
        "rollups": len(rollups),
        "seconds": round(time.monotonic() - started, 1),
    }
