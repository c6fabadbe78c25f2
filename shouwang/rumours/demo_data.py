"""Rumours that went round in the 2020 epidemic, with their rebuttals and sources.

Read by the demo (`demo.py`) and by the matching bench (`bench/bench_rumour_matching.py`), whose
labelled messages name them by `key`.
"""

from dataclasses import dataclass

NHC = "国家卫生健康委员会"
CDC = "中国疾病预防控制中心《新型冠状病毒感染的肺炎公众防护指南》"
WHO = "世界卫生组织“流言终结者”（Mythbusters）"
PIYAO = "中国互联网联合辟谣平台"
PLAN = "国家卫生健康委员会《新型冠状病毒肺炎诊疗方案（试行第七版）》"
DISINFECT = "国家卫生健康委员会《消毒剂使用指南》"
COUNTY = "清河县新冠肺炎疫情防控指挥部"
MARKET = "清河县市场监督管理局"


@dataclass(frozen=True)
class DemoRumour:
    key: str
    claim: str
    rebuttal: str
    category: str
    sources: tuple[str, ...]
    evidence: str = ""


RUMOURS: tuple[DemoRumour, ...] = (
    DemoRumour(
        "methanol",
        "甲醇可以代替酒精消毒",
        "甲醇有毒！甲醇可经皮肤和呼吸道吸收，误用、误吸可导致失明甚至死亡，绝不能用于消毒。"
        "家庭消毒请使用75%医用酒精（乙醇）或84等含氯消毒剂。",
        "disinfection",
        (DISINFECT, PIYAO),
        "甲醇进入人体后代谢为甲醛和甲酸，损害视神经；工业甲醇不得用于人体和日常消毒。",
    ),
    DemoRumour(
        "smoking",
        "抽烟可以预防新冠病毒感染",
        "吸烟不能预防新冠病毒。吸烟损害呼吸道和肺功能，吸烟者感染后更容易发展为重症。",
        "remedy",
        (WHO, CDC),
    ),
    DemoRumour(
        "baijiu",
        "喝高度白酒能杀死体内的新冠病毒",
        "喝酒不能预防新冠病毒。75%酒精只能外用于皮肤和物体表面消毒，饮酒无法杀灭体内病毒，"
        "过量饮酒还会损伤肝脏、降低免疫力。",
        "remedy",
        (WHO, PIYAO),
    ),
    DemoRumour(
        "salt_gargle",
        "用淡盐水漱口可以杀灭新冠病毒",
        "盐水漱口不能预防新冠病毒感染。漱口只能清洁口腔和咽喉，病毒经呼吸道进入人体，"
        "盐水不能到达也不能杀灭。",
        "remedy",
        (CDC, PIYAO),
    ),
    DemoRumour(
        "vinegar",
        "在家熏醋可以杀死空气中的新冠病毒",
        "熏醋不能杀灭病毒。食醋中醋酸浓度很低，达不到消毒效果；长时间熏醋还会刺激呼吸道和眼睛。"
        "室内请多开窗通风。",
        "disinfection",
        (CDC, PIYAO),
    ),
    DemoRumour(
        "garlic",
        "多吃大蒜能预防新冠肺炎",
        "大蒜是健康食品，但没有证据表明吃大蒜能预防新冠病毒感染。",
        "remedy",
        (WHO,),
    ),
    DemoRumour(
        "banlangen",
        "喝板蓝根冲剂可以预防新型冠状病毒",
        "板蓝根不能预防新冠病毒感染，目前没有任何药物被证实可以预防新冠肺炎。"
        "不要盲目服药，更不要囤积抢购。",
        "medicine",
        (PLAN, PIYAO),
    ),
    DemoRumour(
        "shuanghuanglian",
        "双黄连口服液可以抑制和预防新冠病毒",
        "“可抑制”是实验室初步结果，不等于可以预防和治疗。双黄连是药品，健康人服用没有预防作用，"
        "还可能有不良反应，请勿抢购囤积。",
        "medicine",
        (PIYAO, NHC),
    ),
    DemoRumour(
        "hot_water",
        "多喝热水、洗热水澡就能杀死新冠病毒",
        "喝热水、洗热水澡不能杀灭体内的病毒，过热的水还会烫伤。预防请勤洗手、戴口罩、少聚集。",
        "remedy",
        (WHO,),
    ),
    DemoRumour(
        "hair_dryer",
        "用吹风机对着手和口罩吹热风能杀死病毒",
        "吹风机的热风温度和时间都达不到灭活病毒的条件。洗手请用流水和肥皂或洗手液，至少20秒。",
        "disinfection",
        (WHO, CDC),
    ),
    DemoRumour(
        "layered_masks",
        "戴三层口罩防病毒效果更好",
        "一个合格的医用外科口罩或N95口罩即可起到防护作用，叠戴多层口罩反而影响呼吸和密合性。",
        "remedy",
        (CDC,),
    ),
    DemoRumour(
        "microwave_masks",
        "口罩用微波炉加热消毒后可以重复使用",
        "微波炉加热会破坏口罩的过滤层，金属鼻夹还可能起火，不能用这种方法消毒。"
        "一次性口罩请按要求更换。",
        "supplies",
        (CDC, PIYAO),
    ),
    DemoRumour(
        "drink_84",
        "把84消毒液喷在身上或者喝一点能杀死病毒",
        "84消毒液有强腐蚀性，只能按比例稀释后用于物体表面，严禁口服、严禁喷洒人体，"
        "误服可导致消化道灼伤。",
        "disinfection",
        (DISINFECT,),
    ),
    DemoRumour(
        "mix_84_alcohol",
        "84消毒液和酒精混在一起消毒效果更好",
        "84消毒液与酒精混合会发生反应，产生氯气等有毒气体，严重时危及生命。两者务必分开使用。",
        "disinfection",
        (DISINFECT, PIYAO),
    ),
    DemoRumour(
        "summer_heat",
        "天气一热新冠病毒就会自己消失",
        "目前没有证据表明气温升高会让病毒消失，炎热地区同样出现了病例。防护措施不能放松。",
        "transmission",
        (WHO,),
    ),
    DemoRumour(
        "pets",
        "家里的猫狗会传染新冠病毒给人，要赶紧扔掉",
        "没有证据表明猫狗等宠物会把新冠病毒传染给人，请不要遗弃宠物。接触宠物后洗手即可。",
        "transmission",
        (WHO, CDC),
    ),
    DemoRumour(
        "parcels",
        "收快递和外卖会感染新冠病毒",
        "病毒在包裹表面存活时间有限，经过运输后传播风险很低。收件后洗手，不必拒收快递。",
        "transmission",
        (WHO, PIYAO),
    ),
    DemoRumour(
        "mosquitoes",
        "蚊子叮咬会传播新冠病毒",
        "新冠病毒主要通过呼吸道飞沫和密切接触传播，没有证据表明蚊子会传播新冠病毒。",
        "transmission",
        (WHO,),
    ),
    DemoRumour(
        "five_g",
        "新冠病毒是通过5G基站信号传播的",
        "病毒不能通过无线电波或移动网络传播。病毒经呼吸道飞沫和接触传播，没有5G网络的地方同样有病例。",
        "transmission",
        (WHO, PIYAO),
    ),
    DemoRumour(
        "vitamin_c",
        "每天吃维生素C片就不会感染新冠肺炎",
        "维生素C不能预防新冠病毒感染。均衡饮食、规律作息有益健康，但不能代替戴口罩、勤洗手。",
        "medicine",
        (PIYAO,),
    ),
    DemoRumour(
        "flu_vaccine",
        "打过流感疫苗和肺炎疫苗就不会得新冠",
        "流感疫苗、肺炎球菌疫苗对新冠病毒没有保护作用。新冠病毒是一种新的病毒，需要专门的防护。",
        "medicine",
        (WHO, CDC),
    ),
    DemoRumour(
        "antibiotics",
        "吃抗生素可以预防和治疗新冠肺炎",
        "抗生素只对细菌有效，对病毒无效。不要自行服用抗生素预防，滥用抗生素会产生耐药性。",
        "medicine",
        (WHO, PLAN),
    ),
    DemoRumour(
        "hospital_sealed",
        "县人民医院发现多例确诊病人，医院已经被封了",
        "经核实，县人民医院正常接诊，未被封闭。本县疫情信息以县卫生健康局和防控指挥部发布为准。",
        "cases",
        (COUNTY,),
        "县卫生健康局每日通报；县人民医院发热门诊正常运行。",
    ),
    DemoRumour(
        "lockdown_tonight",
        "今晚十二点全县封城，所有道路封闭，赶紧去超市囤菜",
        "县防控指挥部从未发布“封城”通知。交通管控以官方通告为准，生活物资供应充足，请不要恐慌抢购。",
        "measures",
        (COUNTY,),
    ),
    DemoRumour(
        "food_shortage",
        "县城超市蔬菜肉蛋马上断供，大米涨到二十元一斤",
        "全县主要超市货源充足、价格平稳。哄抬物价将依法查处，发现请拨打12315或110举报。",
        "supplies",
        (MARKET, COUNTY),
    ),
    DemoRumour(
        "night_spraying",
        "今晚有飞机在全城上空喷洒消毒药，晚上不要出门不要开窗",
        "没有飞机喷洒消毒药的安排，室外空气无需大面积喷洒消毒。请照常开窗通风。",
        "measures",
        (COUNTY, PIYAO),
    ),
    DemoRumour(
        "tea",
        "喝茶可以预防新冠病毒感染",
        "没有证据表明喝茶能预防新冠病毒感染，茶不能代替戴口罩、勤洗手等防护措施。",
        "remedy",
        (PIYAO,),
    ),
    DemoRumour(
        "saline_nose",
        "用生理盐水冲洗鼻子可以防止感染新冠病毒",
        "没有证据表明用生理盐水洗鼻能预防新冠病毒感染，频繁洗鼻还可能损伤鼻腔黏膜。",
        "remedy",
        (WHO,),
    ),
    DemoRumour(
        "firecrackers",
        "家里点硫磺、放鞭炮可以驱走病毒",
        "燃放鞭炮、熏硫磺不能杀灭病毒，反而污染空气、刺激呼吸道，还有火灾和中毒风险。",
        "remedy",
        (CDC, COUNTY),
    ),
    DemoRumour(
        "mask_co2",
        "口罩戴久了会二氧化碳中毒",
        "正确佩戴合格口罩不会导致二氧化碳中毒或缺氧，医务人员长时间佩戴也是安全的。"
        "感到不适时到通风处摘下休息即可。",
        "remedy",
        (WHO,),
    ),
    DemoRumour(
        "sesame_oil",
        "鼻孔里抹香油能挡住病毒",
        "在鼻孔涂抹香油不能阻挡病毒，没有任何预防作用。正确佩戴口罩才能阻挡飞沫。",
        "remedy",
        (PIYAO, CDC),
    ),
    DemoRumour(
        "air_kilometres",
        "新冠病毒能在空气里飘好几公里，开窗就会被传染",
        "新冠病毒主要经飞沫和密切接触传播，不会在室外空气中飘散几公里。室内应经常开窗通风。",
        "transmission",
        (PLAN, CDC),
    ),
    DemoRumour(
        "pass_fee",
        "办理车辆通行证要交两百元手续费",
        "通行证由公安机关免费办理，从未收取任何费用。以收费为名索要钱财的，请立即报警。",
        "measures",
        (COUNTY,),
    ),
    DemoRumour(
        "returnee_fine",
        "从外地回来的人不报告要罚款五千元还要拘留",
        "返乡人员请主动向社区和派出所报告、配合健康监测；是否处罚依法按情节认定，"
        "网传“一律罚款五千元”不实。",
        "measures",
        (COUNTY,),
    ),
    DemoRumour(
        "chilli",
        "多吃辣椒可以预防新冠病毒",
        "吃辣椒不能预防新冠病毒感染，没有任何科学依据。",
        "remedy",
        (WHO,),
    ),
)
