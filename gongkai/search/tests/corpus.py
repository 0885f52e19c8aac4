"""A small labelled corpus of municipal policy documents and relevance judgements.

``AGENCIES``: code → name. ``DOCS``: one dict per document, keyed by a stable ``key``; fields
not given take the defaults of ``DEFAULTS``. ``RELEVANCE``: query → the keys of every document a
reader would want to see for it (judged by topic, not by string match).
"""

import datetime as dt

AGENCIES = {
    "gov": "测试市人民政府",
    "gaj": "测试市公安局",
    "ybj": "测试市医疗保障局",
    "rsj": "测试市人力资源和社会保障局",
    "gjj": "测试市住房公积金管理中心",
    "jyj": "测试市教育局",
    "zjj": "测试市住房和城乡建设局",
    "yjj": "测试市应急管理局",
    "zrj": "测试市自然资源和规划局",
    "mzj": "测试市民政局",
    "scj": "测试市市场监督管理局",
    "sthj": "测试市生态环境局",
}

DEFAULTS = {
    "agency": "gov",
    "doc_no": "",
    "issuers": "",
    "subject": "",
    "doc_type": "通知",
    "validity": "in_force",
    "keywords": "",
    "summary": "",
    "published": dt.date(2023, 6, 1),
    "signed": None,
    "status": "published",
    "disclosure_attribute": "proactive",
    "attachment": "",
}

DOCS = [
    # 户籍
    dict(key="hj1", agency="gov", title="测试市人民政府关于深化户籍制度改革的实施意见", doc_no="测政发〔2021〕12号",
         issuers="测试市人民政府", subject="公安、安全、司法\\公安", doc_type="意见", keywords="户籍 落户 改革",
         published=dt.date(2021, 5, 10), signed=dt.date(2021, 5, 6),
         body="全面放开城镇落户限制，推进农业转移人口市民化。建立城乡统一的户口登记制度，"
              "取消农业户口与非农业户口性质区分，完善居住证制度，保障持证人享有基本公共服务。"),
    dict(key="hj2", agency="gaj", title="测试市户籍管理若干规定", doc_no="测公发〔2022〕5号", issuers="测试市公安局",
         subject="公安、安全、司法\\公安", doc_type="行政规范性文件", published=dt.date(2022, 3, 15),
         signed=dt.date(2022, 3, 1),
         body="本规定所称户籍管理，包括户口登记、户口迁移、身份证件办理等事项。公民迁移户口，"
              "应当向迁入地公安派出所提出申请，符合条件的当场办理。"),
    dict(key="hj3", agency="gaj", title="关于进一步简化户口迁移手续的通知", doc_no="测公发〔2023〕8号",
         issuers="测试市公安局", subject="公安、安全、司法\\公安", published=dt.date(2023, 4, 20),
         body="推行户口迁移“一站式”办理，群众可在迁入地直接申请办理迁移手续，"
              "无需往返迁出地。高校毕业生凭毕业证即可申请落户。"),
    dict(key="hj4", agency="gov", title="测试市户籍管理暂行办法", doc_no="测政发〔2015〕30号", issuers="测试市人民政府",
         subject="公安、安全、司法\\公安", doc_type="规章", validity="repealed", published=dt.date(2015, 8, 1),
         signed=dt.date(2015, 7, 20),
         body="为加强户籍管理，维护社会秩序，根据有关法律法规，结合本市实际，制定本办法。"
              "本办法已由测政发〔2021〕12号文件废止。"),
    # 医保
    dict(key="yb1", agency="ybj", title="关于做好2024年城乡居民基本医疗保险参保缴费工作的通知",
         doc_no="测医保发〔2023〕21号", issuers="测试市医疗保障局、测试市税务局", subject="劳动、人事、监察\\社会保障",
         keywords="医保 参保缴费", published=dt.date(2023, 9, 5), signed=dt.date(2023, 9, 1),
         body="2024年度城乡居民医保个人缴费标准为每人每年380元，集中缴费期为2023年9月1日至12月31日。"
              "各地要做好困难群众参保资助工作。"),
    dict(key="yb2", agency="ybj", title="测试市职工基本医疗保险门诊共济保障实施办法", doc_no="测医保规〔2023〕2号",
         issuers="测试市医疗保障局", subject="劳动、人事、监察\\社会保障", doc_type="行政规范性文件",
         published=dt.date(2023, 2, 28),
         body="建立职工医保普通门诊费用统筹保障机制，改革个人账户计入办法，"
              "参保人员在定点医疗机构发生的普通门诊费用纳入统筹基金支付范围。"),
    dict(key="yb3", agency="ybj", title="关于异地就医直接结算有关问题的通知", doc_no="测医保发〔2022〕15号",
         issuers="测试市医疗保障局", subject="劳动、人事、监察\\社会保障", published=dt.date(2022, 7, 12),
         body="参保人员跨省异地就医住院费用直接结算，执行就医地支付范围及有关规定。"
              "医疗保障经办机构应当简化备案手续，推行线上备案。"),
    dict(key="yb4", agency="ybj", title="测试市医疗救助办法", issuers="测试市医疗保障局、测试市民政局",
         subject="民政、乡村振兴、救灾\\社会福利", doc_type="行政规范性文件", published=dt.date(2022, 11, 3),
         body="对低保对象、特困人员经基本医疗保险、大病保险报销后的个人自付费用给予医疗救助，"
              "年度救助限额为3万元。"),
    # 养老
    dict(key="yl1", agency="mzj", title="测试市关于加快发展养老服务业的实施意见", doc_no="测政办发〔2022〕18号",
         issuers="测试市人民政府办公室", subject="民政、乡村振兴、救灾\\社会福利", doc_type="意见",
         published=dt.date(2022, 6, 8),
         body="到2025年，全市每千名老年人拥有养老床位不少于35张。支持社会力量举办养老机构，"
              "发展社区居家养老服务，推进医养结合。"),
    dict(key="yl2", agency="rsj", title="关于调整退休人员基本养老金的通知", doc_no="测人社发〔2023〕19号",
         issuers="测试市人力资源和社会保障局、测试市财政局", subject="劳动、人事、监察\\社会保障",
         published=dt.date(2023, 7, 20),
         body="自2023年1月1日起，为2022年底前已按规定办理退休手续并按月领取基本养老金的退休人员"
              "提高基本养老金水平，总体调整水平为3.8%。"),
    dict(key="yl3", agency="rsj", title="测试市城乡居民基本养老保险实施办法", doc_no="测政发〔2020〕7号",
         issuers="测试市人民政府", subject="劳动、人事、监察\\社会保障", doc_type="行政规范性文件",
         published=dt.date(2020, 4, 2),
         body="年满16周岁、不在国家机关和事业单位工作且未参加职工基本养老保险的城乡居民，"
              "可以在户籍地参加城乡居民养老保险。缴费档次分为每年200元至5000元共十二个档次。"),
    dict(key="yl4", agency="mzj", title="测试市社区居家养老服务设施建设补助办法", issuers="测试市民政局、测试市财政局",
         subject="民政、乡村振兴、救灾\\社会福利", published=dt.date(2024, 1, 18),
         body="对新建的社区养老服务综合体给予一次性建设补助，对运营良好的居家养老服务站给予运营补贴。"),
    # 住房公积金
    dict(key="gjj1", agency="gjj", title="测试市住房公积金提取管理办法", doc_no="测公积金〔2022〕3号",
         issuers="测试市住房公积金管理委员会", subject="城乡建设、环境保护\\城乡建设(含住房)", doc_type="行政规范性文件",
         published=dt.date(2022, 5, 5),
         body="职工购买、建造、翻建、大修自住住房的，可以提取本人住房公积金账户内的存储余额。"
              "租房提取每年不超过1.8万元。"),
    dict(key="gjj2", agency="gjj", title="关于调整住房公积金个人住房贷款政策的通知", doc_no="测公积金〔2023〕6号",
         issuers="测试市住房公积金管理委员会", subject="城乡建设、环境保护\\城乡建设(含住房)",
         published=dt.date(2023, 10, 9),
         body="首套住房公积金贷款最低首付款比例调整为20%，单缴存职工最高贷款额度提高至60万元，"
              "双缴存职工最高贷款额度提高至80万元。"),
    dict(key="gjj3", agency="gjj", title="关于2024年度住房公积金缴存基数调整的通知", issuers="测试市住房公积金管理中心",
         subject="城乡建设、环境保护\\城乡建设(含住房)", published=dt.date(2024, 6, 25),
         body="2024年度职工住房公积金缴存基数为职工本人2023年月平均工资，缴存比例为5%至12%。"),
    # 营商环境
    dict(key="ys1", agency="gov", title="测试市优化营商环境条例实施细则", doc_no="测政发〔2021〕25号",
         issuers="测试市人民政府", subject="综合政务\\其他", doc_type="规章", published=dt.date(2021, 11, 1),
         body="持续优化营商环境，保护市场主体合法权益。推行企业开办全程网上办理，"
              "企业开办时间压缩至1个工作日以内。"),
    dict(key="ys2", agency="gov", title="关于印发测试市进一步优化营商环境若干措施的通知",
         doc_no="测政办发〔2023〕9号", issuers="测试市人民政府办公室", subject="综合政务\\其他",
         published=dt.date(2023, 3, 3),
         body="聚焦市场主体关切，在市场准入、工程建设项目审批、获得电力、纳税、跨境贸易等方面"
              "推出30项改革举措，打造市场化法治化国际化营商环境。"),
    dict(key="ys3", agency="scj", title="测试市市场主体登记确认制实施办法", issuers="测试市市场监督管理局",
         subject="市场监管、安全生产监管\\工商", doc_type="行政规范性文件", published=dt.date(2022, 9, 9),
         body="推行市场主体登记确认制，申请人对申请材料的真实性负责，登记机关进行形式审查，"
              "持续优化营商环境，激发市场主体活力。"),
    # 安全生产
    dict(key="aq1", agency="yjj", title="测试市安全生产责任制规定", doc_no="测政发〔2022〕4号", issuers="测试市人民政府",
         subject="市场监管、安全生产监管\\安全生产监管", doc_type="规章", published=dt.date(2022, 1, 20),
         body="生产经营单位是安全生产的责任主体，主要负责人对本单位安全生产工作全面负责。"
              "各级人民政府实行安全生产党政同责、一岗双责。"),
    dict(key="aq2", agency="yjj", title="关于开展安全生产大检查的通知", doc_no="测应急〔2023〕11号",
         issuers="测试市安全生产委员会", subject="市场监管、安全生产监管\\安全生产监管", published=dt.date(2023, 5, 16),
         body="全面排查整治矿山、危险化学品、消防、道路交通、建筑施工等重点行业领域重大事故隐患，"
              "严防重特大安全事故发生。"),
    dict(key="aq3", agency="yjj", title="测试市危险化学品安全管理办法", issuers="测试市应急管理局",
         subject="市场监管、安全生产监管\\安全生产监管", doc_type="行政规范性文件", published=dt.date(2021, 8, 30),
         body="危险化学品生产、储存、使用、经营和运输单位应当落实安全生产主体责任，"
              "建立危险化学品安全管理制度。"),
    # 义务教育
    dict(key="jy1", agency="jyj", title="关于做好2024年义务教育学校招生入学工作的通知", doc_no="测教发〔2024〕6号",
         issuers="测试市教育局", subject="科技、教育\\教育", published=dt.date(2024, 4, 28),
         body="坚持免试就近入学原则，公办民办学校同步招生。适龄儿童少年凭户口簿和房产证明"
              "在学区内报名，随迁子女按积分入学。"),
    dict(key="jy2", agency="jyj", title="测试市推进义务教育优质均衡发展实施方案", issuers="测试市人民政府办公室",
         subject="科技、教育\\教育", doc_type="意见", published=dt.date(2022, 12, 1),
         body="推进集团化办学，推行校长教师交流轮岗，缩小城乡、校际办学差距，"
              "到2027年全市所有县区通过义务教育优质均衡发展国家督导评估。"),
    dict(key="jy3", agency="jyj", title="关于进一步减轻义务教育阶段学生作业负担和校外培训负担的实施意见",
         issuers="测试市教育局", subject="科技、教育\\教育", doc_type="意见", published=dt.date(2021, 10, 15),
         body="全面压减作业总量和时长，提升课后服务水平，严格规范校外培训机构，"
              "切实减轻学生过重作业负担和校外培训负担。"),
    dict(key="jy4", agency="jyj", title="测试市学前教育发展提升行动计划", issuers="测试市教育局",
         subject="科技、教育\\教育", published=dt.date(2023, 8, 8),
         body="扩大普惠性学前教育资源，到2025年公办幼儿园在园幼儿占比达到55%以上。"),
    # 垃圾分类
    dict(key="lj1", agency="gov", title="测试市生活垃圾分类管理办法", doc_no="测政发〔2020〕16号", issuers="测试市人民政府",
         subject="城乡建设、环境保护\\环境监测、保护与治理", doc_type="规章", published=dt.date(2020, 9, 1),
         body="本市生活垃圾分为可回收物、有害垃圾、厨余垃圾和其他垃圾四类。"
              "单位和个人应当按照规定分类投放生活垃圾。"),
    dict(key="lj2", agency="zjj", title="关于推进农村生活垃圾分类和资源化利用的通知", issuers="测试市住房和城乡建设局",
         subject="城乡建设、环境保护\\环境监测、保护与治理", published=dt.date(2022, 4, 11),
         body="因地制宜推进农村生活垃圾分类，完善收运处置体系，易腐垃圾就地就近资源化利用。"),
    dict(key="lj3", agency="zjj", title="测试市建筑垃圾管理规定", issuers="测试市住房和城乡建设局",
         subject="城乡建设、环境保护\\城乡建设(含住房)", doc_type="行政规范性文件", published=dt.date(2021, 6, 6),
         body="建筑垃圾实行减量化、资源化、无害化处理，运输单位应当取得建筑垃圾处置核准。"),
    # 征地补偿
    dict(key="zd1", agency="zrj", title="关于公布测试市征收农用地区片综合地价的通知", doc_no="测政发〔2020〕22号",
         issuers="测试市人民政府", subject="国土资源、能源\\土地", published=dt.date(2020, 12, 20),
         body="区片综合地价是征收农用地的土地补偿费和安置补助费标准，不包括地上附着物和青苗补偿费。"
              "本市区片综合地价分为三类区片。"),
    dict(key="zd2", agency="zrj", title="测试市征地补偿安置办法", doc_no="测政发〔2021〕3号", issuers="测试市人民政府",
         subject="国土资源、能源\\土地", doc_type="规章", published=dt.date(2021, 2, 26),
         body="征收土地应当依法及时足额支付土地补偿费、安置补助费以及农村村民住宅、其他地上附着物和青苗等的补偿费用，"
              "并安排被征地农民的社会保障费用。"),
    dict(key="zd3", agency="zrj", title="关于调整征收土地地上附着物和青苗补偿标准的通知", issuers="测试市自然资源和规划局",
         subject="国土资源、能源\\土地", published=dt.date(2023, 11, 2),
         body="对征地范围内的青苗、林木、地上附着物按新标准给予补偿，补偿款直接支付给所有权人。"),
    # 低保 / 社会救助
    dict(key="db1", agency="mzj", title="关于提高城乡最低生活保障标准的通知", doc_no="测民发〔2023〕4号",
         issuers="测试市民政局、测试市财政局", subject="民政、乡村振兴、救灾\\社会福利", published=dt.date(2023, 6, 30),
         body="城市最低生活保障标准提高到每人每月900元，农村低保标准提高到每人每年8400元。"),
    dict(key="db2", agency="mzj", title="测试市最低生活保障审核确认办法", issuers="测试市民政局",
         subject="民政、乡村振兴、救灾\\社会福利", doc_type="行政规范性文件", published=dt.date(2022, 2, 14),
         body="申请最低生活保障以家庭为单位，由共同生活的家庭成员向户籍所在地乡镇人民政府提出书面申请。"),
    # 就业创业
    dict(key="jye1", agency="rsj", title="关于进一步做好高校毕业生等青年就业创业工作的通知", issuers="测试市人力资源和社会保障局",
         subject="劳动、人事、监察\\劳动就业", published=dt.date(2023, 5, 5),
         body="对吸纳高校毕业生就业的小微企业给予一次性吸纳就业补贴，每人1500元。"
              "落实创业担保贷款及贴息政策。"),
    dict(key="jye2", agency="rsj", title="测试市创业担保贷款实施办法", issuers="测试市人力资源和社会保障局、测试市财政局",
         subject="劳动、人事、监察\\劳动就业", doc_type="行政规范性文件", published=dt.date(2021, 12, 12),
         body="符合条件的个人创业者可申请最高30万元的创业担保贷款，小微企业最高可申请400万元，按规定给予贴息。"),
    dict(key="jye3", agency="rsj", title="关于实施职业技能提升行动的通知", issuers="测试市人力资源和社会保障局",
         subject="劳动、人事、监察\\劳动就业", published=dt.date(2020, 7, 7),
         body="面向企业职工、就业重点群体开展职业技能培训，对取得职业资格证书的给予职业培训补贴。"),
    # 食品安全
    dict(key="sp1", agency="scj", title="测试市食品安全监督抽检工作实施方案", issuers="测试市市场监督管理局",
         subject="市场监管、安全生产监管\\食品药品监管", published=dt.date(2023, 3, 21),
         body="全年完成食品安全监督抽检不少于4批次每千人，重点抽检校园食品、农贸市场食用农产品。"),
    dict(key="sp2", agency="scj", title="关于加强校园食品安全管理工作的通知", issuers="测试市市场监督管理局、测试市教育局",
         subject="市场监管、安全生产监管\\食品药品监管", published=dt.date(2024, 2, 27),
         body="学校食堂应当落实食品安全校长（园长）负责制，建立集中用餐陪餐制度。"),
    # 防汛
    dict(key="fx1", agency="yjj", title="关于做好2023年防汛抗旱工作的通知", doc_no="测防指〔2023〕1号",
         issuers="测试市防汛抗旱指挥部", subject="综合政务\\应急管理", published=dt.date(2023, 4, 25),
         body="各地要立足防大汛、抗大旱、抢大险，全面落实防汛责任制，加强水库、河道堤防巡查。"),
    dict(key="fx2", agency="yjj", title="测试市防汛应急预案", issuers="测试市人民政府办公室",
         subject="综合政务\\应急管理", published=dt.date(2022, 5, 30),
         body="本预案适用于本市行政区域内洪涝灾害的预防和应急处置。根据汛情严重程度，应急响应分为四级。"),
    # 网约车
    dict(key="wy1", agency="gov", title="测试市网络预约出租汽车经营服务管理实施细则", doc_no="测政办发〔2019〕40号",
         issuers="测试市人民政府办公室", subject="工业、交通\\公路", doc_type="行政规范性文件", published=dt.date(2019, 11, 20),
         body="从事网约车经营的平台公司应当取得网络预约出租汽车经营许可证，"
              "车辆应当取得网络预约出租汽车运输证。"),
    # 不动产登记
    dict(key="bdc1", agency="zrj", title="关于推进不动产登记一窗受理集成服务的通知", issuers="测试市自然资源和规划局",
         subject="国土资源、能源\\土地", published=dt.date(2022, 8, 18),
         body="实现不动产登记、交易和缴税一窗受理、并行办理，一般登记业务5个工作日内办结。"),
    dict(key="bdc2", agency="zrj", title="测试市不动产登记信息查询办法", issuers="测试市自然资源和规划局",
         subject="国土资源、能源\\土地", doc_type="行政规范性文件", published=dt.date(2023, 1, 6),
         body="权利人、利害关系人可以依法查询、复制不动产登记资料。"),
    # 政务公开
    dict(key="zw1", agency="gov", title="测试市2024年政务公开工作要点", doc_no="测政办发〔2024〕2号",
         issuers="测试市人民政府办公室", subject="综合政务\\政务公开", published=dt.date(2024, 3, 12),
         body="全面推进基层政务公开标准化规范化建设，加强政策解读，做好政府信息依申请公开工作。"),
    dict(key="zw2", agency="gov", title="测试市人民政府2023年政府信息公开工作年度报告", issuers="测试市人民政府",
         subject="综合政务\\政务公开", doc_type="报告", published=dt.date(2024, 1, 25),
         body="本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等部分组成。"),
    # 河长制 / 生态环境
    dict(key="hz1", agency="sthj", title="关于全面推行河长制的实施方案", issuers="测试市人民政府办公室",
         subject="城乡建设、环境保护\\环境监测、保护与治理", published=dt.date(2019, 6, 3),
         body="建立市、县、乡、村四级河长体系，各级河长负责组织领导相应河湖的管理和保护工作。"),
    dict(key="dq1", agency="sthj", title="测试市大气污染防治行动计划", issuers="测试市人民政府",
         subject="城乡建设、环境保护\\环境监测、保护与治理", published=dt.date(2021, 3, 30),
         body="深入打好蓝天保卫战，加强工业企业大气污染综合治理，严格控制扬尘污染和机动车尾气排放。"),
    dict(key="dq2", agency="zjj", title="关于加强建筑工地扬尘污染防治的通知", issuers="测试市住房和城乡建设局",
         subject="城乡建设、环境保护\\环境监测、保护与治理", published=dt.date(2023, 10, 30),
         body="施工工地严格落实围挡、覆盖、路面硬化、冲洗、湿法作业、渣土车辆密闭运输六个百分之百。"),
    # 人才
    dict(key="rc1", agency="rsj", title="测试市高层次人才引进培养办法", doc_no="测政办发〔2022〕11号",
         issuers="测试市人民政府办公室", subject="劳动、人事、监察\\人事工作", doc_type="行政规范性文件",
         published=dt.date(2022, 4, 1),
         body="对引进的顶尖人才给予最高500万元安家补贴，人才子女入学、配偶就业给予优先保障，"
              "人才落户不受社保缴纳年限限制。"),
    # 退役军人
    dict(key="ty1", agency="gov", title="关于做好退役士兵安置工作的通知", issuers="测试市退役军人事务局",
         subject="劳动、人事、监察\\军转安置", published=dt.date(2023, 9, 20),
         body="对符合安排工作条件的退役士兵，按照公开、公平、公正原则安排工作岗位，"
              "自主就业的退役士兵发放一次性经济补助。"),
    # 燃气 / 消防
    dict(key="rq1", agency="zjj", title="关于开展城镇燃气安全专项整治的通知", issuers="测试市住房和城乡建设局",
         subject="市场监管、安全生产监管\\安全生产监管", published=dt.date(2023, 7, 1),
         body="全面排查餐饮企业、老旧小区燃气管道和用气设施隐患，推广安装燃气泄漏报警装置。"),
    dict(key="xf1", agency="yjj", title="测试市消防安全责任制实施办法", issuers="测试市人民政府",
         subject="市场监管、安全生产监管\\安全生产监管", doc_type="行政规范性文件", published=dt.date(2020, 11, 9),
         body="机关、团体、企业、事业等单位是消防安全的责任主体，法定代表人是本单位的消防安全责任人。"),
    # 残疾人
    dict(key="cj1", agency="mzj", title="关于调整困难残疾人生活补贴和重度残疾人护理补贴标准的通知",
         issuers="测试市民政局、测试市残疾人联合会", subject="民政、乡村振兴、救灾\\社会福利", published=dt.date(2023, 12, 5),
         body="困难残疾人生活补贴标准提高到每人每月90元，重度残疾人护理补贴标准提高到每人每月100元。"),
    # 疫情防控
    dict(key="yq1", agency="gov", title="关于优化新型冠状病毒感染疫情防控措施的通知", issuers="测试市人民政府办公室",
         subject="卫生、体育\\卫生", published=dt.date(2022, 12, 8), validity="expired",
         body="进一步优化新冠疫情防控措施，科学精准划分风险区域，不再开展全员核酸检测。"),
    # 卫生 / 医药
    dict(key="wsyy1", agency="gov", title="测试市药品集中带量采购实施方案", issuers="测试市医疗保障局",
         subject="卫生、体育\\医药管理", published=dt.date(2021, 7, 15),
         body="公立医疗机构应当优先使用集中带量采购中选药品，医保基金按规定预付。"),
    dict(key="ws1", agency="gov", title="关于推进紧密型县域医疗卫生共同体建设的实施意见", issuers="测试市卫生健康委员会",
         subject="卫生、体育\\卫生", doc_type="意见", published=dt.date(2022, 10, 10),
         body="以县级医院为龙头，整合县乡医疗卫生资源，推进分级诊疗，提升基层医疗卫生服务能力。"),
    # 体育
    dict(key="ty2", agency="gov", title="测试市全民健身实施计划（2021—2025年）", issuers="测试市人民政府",
         subject="卫生、体育\\体育", published=dt.date(2021, 9, 1),
         body="完善全民健身公共服务体系，新建改建一批体育公园、健身步道，经常参加体育锻炼人数比例达到38.5%。"),
    # 文物
    dict(key="ww1", agency="gov", title="测试市文物保护管理办法", issuers="测试市人民政府",
         subject="文化、广电、新闻出版\\文物", doc_type="规章", published=dt.date(2019, 12, 2),
         body="在文物保护单位的保护范围内不得进行其他建设工程或者爆破、钻探、挖掘等作业。"),
    # 乡村振兴
    dict(key="xc1", agency="gov", title="关于全面推进乡村振兴加快农业农村现代化的实施意见", doc_no="测发〔2021〕1号",
         issuers="中共测试市委、测试市人民政府", subject="农业、林业、水利\\农业、畜牧业、渔业", doc_type="意见",
         published=dt.date(2021, 3, 1),
         body="巩固拓展脱贫攻坚成果同乡村振兴有效衔接，实施农村人居环境整治提升行动，推进农村厕所革命。"),
    dict(key="xc2", agency="zjj", title="测试市农村危房改造补助资金管理办法", issuers="测试市住房和城乡建设局、测试市财政局",
         subject="城乡建设、环境保护\\城乡建设(含住房)", doc_type="行政规范性文件", published=dt.date(2020, 5, 18),
         body="农村低收入群体等重点对象住房安全问题通过农村危房改造予以解决，户均补助标准不低于2万元。"),
    # 交通
    dict(key="jt1", agency="gov", title="关于加强电动自行车管理的通告", issuers="测试市公安局、测试市市场监督管理局",
         subject="公安、安全、司法\\公安", doc_type="通告", published=dt.date(2023, 11, 15),
         body="电动自行车应当依法登记并悬挂号牌，驾驶人应当佩戴安全头盔。禁止在楼道、安全出口停放电动自行车或为其充电。"),
    # 税收 / 财政
    dict(key="cs1", agency="gov", title="关于进一步落实小微企业税费优惠政策的通知", issuers="测试市财政局、国家税务总局测试市税务局",
         subject="财政、金融、审计\\税务", published=dt.date(2023, 8, 2),
         body="对月销售额10万元以下的增值税小规模纳税人免征增值税，小型微利企业减按25%计入应纳税所得额。"),
    dict(key="cz1", agency="gov", title="测试市市级财政专项资金管理办法", issuers="测试市财政局",
         subject="财政、金融、审计\\财政", doc_type="行政规范性文件", published=dt.date(2020, 3, 3),
         body="专项资金实行预算管理、绩效评价和信息公开，严禁截留、挤占、挪用。"),
    # 物业 / 住房
    dict(key="zf1", agency="zjj", title="测试市住宅专项维修资金管理办法", issuers="测试市住房和城乡建设局",
         subject="城乡建设、环境保护\\城乡建设(含住房)", doc_type="行政规范性文件", published=dt.date(2021, 4, 22),
         body="住宅专项维修资金专项用于住宅共用部位、共用设施设备保修期满后的维修和更新、改造。"),
    dict(key="zf2", agency="zjj", title="关于加快发展保障性租赁住房的实施意见", issuers="测试市人民政府办公室",
         subject="城乡建设、环境保护\\城乡建设(含住房)", doc_type="意见", published=dt.date(2022, 1, 5),
         body="以建筑面积不超过70平方米的小户型为主，租金低于同地段同品质市场租赁住房租金，"
              "重点解决新市民、青年人住房困难问题。"),
    # Amended document, and an attachment-only hit
    dict(key="yb5", agency="ybj", title="测试市长期护理保险试点实施方案", issuers="测试市医疗保障局",
         subject="劳动、人事、监察\\社会保障", validity="amended", published=dt.date(2020, 10, 10),
         body="以职工基本医疗保险参保人员为参保对象，为长期失能人员提供基本生活照料和医疗护理服务。",
         attachment="附件：长期护理保险待遇标准表。居家护理每人每天定额支付50元，机构护理每人每天定额支付70元。"),
    # A title with markup (must be escaped)
    dict(key="xss", agency="gov", title="关于<script>alert('x')</script>网站安全检查的通知", issuers="测试市人民政府办公室",
         subject="综合政务\\电子政务", published=dt.date(2023, 1, 1),
         body="对政府网站开展安全检查，防止跨站脚本<script>等攻击。"),
    # Date boundary: published at 00:30 Shanghai time on 1 March 2024 (29 February UTC).
    dict(key="edge", agency="gov", title="关于做好2024年春季植树造林工作的通知", issuers="测试市林业局",
         subject="农业、林业、水利\\林业", published=dt.datetime(2024, 3, 1, 0, 30),
         body="各地要抓住春季有利时机，科学开展国土绿化和植树造林。"),
    # Never returned
    dict(key="draft", agency="gaj", title="户籍窗口服务规范（草稿）", status="draft", published=None,
         body="户籍窗口工作人员应当文明服务。户籍 户籍管理。"),
    dict(key="withdrawn", agency="gaj", title="关于户籍业务暂停办理的通知", status="withdrawn",
         body="因系统升级，户籍业务暂停办理。"),
    dict(key="onrequest", agency="gaj", title="户籍信息内部核查情况", disclosure_attribute="on_request",
         body="户籍信息核查的内部情况。"),
    dict(key="withheld", agency="gaj", title="户籍档案涉密目录", disclosure_attribute="withheld",
         body="户籍档案涉密目录。"),
]

HIDDEN = {"draft", "withdrawn", "onrequest", "withheld"}

# query → keys of the relevant documents (by topic).
RELEVANCE = {
    "户籍": ["hj1", "hj2", "hj3", "hj4"],
    "户籍管理": ["hj2", "hj4"],
    "户口迁移": ["hj2", "hj3"],
    "落户": ["hj1", "hj3", "rc1"],
    "医保": ["yb1", "yb2", "yb3", "yb4", "yb5", "wsyy1"],
    "医疗保险": ["yb1", "yb2", "yb4", "yb5"],
    "异地就医": ["yb3"],
    "医疗救助": ["yb4"],
    "养老服务": ["yl1", "yl4"],
    "养老保险": ["yl3"],
    "基本养老金": ["yl2"],
    "养老": ["yl1", "yl2", "yl3", "yl4"],
    "住房公积金": ["gjj1", "gjj2", "gjj3"],
    "公积金提取": ["gjj1"],
    "公积金贷款": ["gjj2"],
    "营商环境": ["ys1", "ys2", "ys3"],
    "安全生产": ["aq1", "aq2", "aq3"],
    "危险化学品": ["aq2", "aq3"],
    "义务教育": ["jy1", "jy2", "jy3"],
    "招生入学": ["jy1"],
    "校外培训": ["jy3"],
    "垃圾分类": ["lj1", "lj2"],
    "生活垃圾": ["lj1", "lj2"],
    "征地补偿": ["zd1", "zd2", "zd3"],
    "青苗补偿": ["zd1", "zd2", "zd3"],
    "低保": ["db1", "db2", "yb4"],
    "最低生活保障": ["db1", "db2", "yb4"],
    "创业担保贷款": ["jye1", "jye2"],
    "就业补贴": ["jye1"],
    "食品安全": ["sp1", "sp2"],
    "防汛": ["fx1", "fx2"],
    "网约车": ["wy1"],
    "不动产登记": ["bdc1", "bdc2"],
    "政务公开": ["zw1", "zw2"],
    "河长制": ["hz1"],
    "大气污染防治": ["dq1"],
    "扬尘污染": ["dq1", "dq2"],
    "人才引进": ["rc1"],
    "退役士兵": ["ty1"],
    "燃气安全": ["rq1"],
    "消防安全": ["aq2", "xf1"],
    "残疾人补贴": ["cj1"],
    "新冠疫情": ["yq1"],
    "带量采购": ["wsyy1"],
    "全民健身": ["ty2"],
    "文物保护": ["ww1"],
    "乡村振兴": ["xc1"],
    "农村危房改造": ["xc2"],
    "电动自行车": ["jt1"],
    "小微企业税费优惠": ["cs1"],
    "保障性租赁住房": ["zf2"],
    "长期护理保险": ["yb5"],
    "居家护理": ["yb5"],
    "如何办理户口迁移": ["hj2", "hj3"],
    "住房公积金 租房提取": ["gjj1"],
    "城乡居民 医保 缴费": ["yb1"],
}
