"""Scenario 1 in the demo bureau: 城关 runs three resident groups of 500 (1,421 members), posts
over 300 guidance messages in them in a fortnight, and drafts, approves and publishes a few
dozen bulletins (some waiting for the chief, one withdrawn when a measure changed).

Idempotent: nothing is made when 城关's first group already exists.
"""

from datetime import timedelta

from django.utils import timezone

from shouwang.accounts.models import User
from shouwang.units.models import Unit

from .models import Bulletin, BulletinKind, BulletinTransition, ResidentGroup
from .services import (
    bulletin_create,
    bulletin_transition,
    group_create,
    group_members_record,
    group_post_record,
)

DAYS = 14
# name, unit, platform, members a fortnight ago → today
GROUPS = [
    ("城关警民联系1群", "城关派出所", "wechat", 388, 496),
    ("北门社区平安群", "北门社区", "wechat", 341, 478),
    ("南关社区防疫群", "南关社区", "qq", 302, 447),
]
# Messages each group carries a day beside the bulletins: 3 groups × 14 days × 7 = 294.
DAILY_POSTS = 7
K = BulletinKind
# title, kind, body; the first 22 are published, then 3 approved, 4 drafts, 1 withdrawn.
BULLETINS = [
    (
        "关于暂停健身房、活动中心、棋牌室营业的通告",
        K.NOTICE,
        "即日起，辖区健身房、老年活动中心、棋牌室一律暂停营业，恢复时间另行通知。违反者依法处理。",
    ),
    (
        "甲醇不能代替酒精消毒",
        K.REBUTTAL,
        "网传“甲醇可以代替酒精消毒”是谣言。甲醇有毒，吸入或接触可致失明甚至死亡。请使用75%医用酒精或含氯消毒剂。",
    ),
    (
        "从武汉返回人员请主动报备",
        K.GUIDANCE,
        "近14天内从武汉及湖北其他地区返回的人员，请主动向社区或派出所报备，居家隔离14天，每日测量体温。",
    ),
    (
        "出门请佩戴口罩",
        K.GUIDANCE,
        "外出、乘车、进入超市等公共场所请全程佩戴口罩，与他人保持一米以上距离。",
    ),
    (
        "户政窗口改为预约办理",
        K.SERVICE,
        "户籍、身份证业务暂停现场排队，请通过预约页面选择时段，凭预约码到窗口办理，非急事缓办。",
    ),
    (
        "交管业务网上办",
        K.SERVICE,
        "驾驶证期满换证、车辆年检等业务可延期办理，期间不予处罚；可网上办理的请网上办理。",
    ),
    (
        "出入境证件延期办理说明",
        K.SERVICE,
        "出入境证件在疫情期间到期的，可延期办理；急需出境者请预约后到窗口办理。",
    ),
    (
        "不聚集、不串门、不聚餐",
        K.GUIDANCE,
        "春节期间请取消走亲访友和聚餐，红白喜事从简，不扎堆、不聚集。",
    ),
    (
        "发热病人请到发热门诊就诊",
        K.GUIDANCE,
        "如出现发热、干咳、乏力等症状，请佩戴口罩到县医院发热门诊就诊，切勿乘坐公共交通工具。",
    ),
    (
        "盐水漱口不能预防新型冠状病毒",
        K.REBUTTAL,
        "网传“淡盐水漱口可以杀死病毒”不实。预防请勤洗手、戴口罩、少出门。",
    ),
    (
        "吸烟不能预防新型冠状病毒",
        K.REBUTTAL,
        "网传“吸烟可以预防病毒感染”没有科学依据，吸烟有害健康。",
    ),
    (
        "封闭小区出入管理规定",
        K.NOTICE,
        "小区实行封闭管理，只留一个出入口，出入人员须登记、测温，外来车辆和人员一律不得进入。",
    ),
    (
        "哄抬口罩价格将被依法查处",
        K.NOTICE,
        "药店、超市哄抬口罩、消毒液价格的，一经查实依法从严处罚。发现请拨打110或在群众服务页面举报。",
    ),
    (
        "供暖问题请通过正规渠道反映",
        K.GUIDANCE,
        "对室温不达标等问题，请通过群众服务页面或社区反映，派出所将协调供暖单位处理，请勿聚集上访。",
    ),
    (
        "油田车辆特别通行证办理指南",
        K.SERVICE,
        "运送油田生产物资的车辆，由企业统一向派出所申请特别通行证，凭证经卡点核验通行。",
    ),
    (
        "酒精使用注意防火",
        K.GUIDANCE,
        "酒精易燃，请勿大面积喷洒，远离明火，存放在阴凉处，儿童勿触。",
    ),
    (
        "双黄连口服液不能预防新冠",
        K.REBUTTAL,
        "网传“双黄连口服液可以预防新型冠状病毒”不实，请勿抢购囤积。",
    ),
    (
        "谣言止于智者",
        K.REBUTTAL,
        "请以官方发布为准，不信谣、不传谣。编造、故意传播虚假疫情信息的，依法追究责任。",
    ),
    (
        "居家隔离人员须知",
        K.GUIDANCE,
        "居家隔离期间请勿外出，每日两次测量体温并报告社区，生活物资由社区代购配送。",
    ),
    ("志愿者招募", K.NOTICE, "平安协会招募卡点登记志愿者，每班4小时，请联系所在社区报名。"),
    ("快递外卖无接触配送", K.GUIDANCE, "快递、外卖请放在小区门口指定位置，自行领取，避免接触。"),
    (
        "农贸市场限流措施",
        K.NOTICE,
        "农贸市场实行限流，进场须戴口罩、测体温、扫码登记，每户每两天可派一人采购。",
    ),
    ("网吧、KTV继续停业", K.NOTICE, "辖区网吧、KTV继续停止营业，恢复营业须经批准。"),
    ("复工企业防疫要求", K.GUIDANCE, "复工企业须制定防控方案，员工返岗前须报备行程，每日晨检。"),
    ("学校延期开学", K.NOTICE, "根据县教育局通知，中小学延期开学，开学时间另行通知。"),
    ("熏醋不能杀灭病毒", K.REBUTTAL, "网传“熏醋可以杀灭病毒”没有依据，反而可能刺激呼吸道。"),
    ("老年人防护提示", K.GUIDANCE, "老年人请尽量居家，按时服药，有困难请联系社区或派出所。"),
    ("献血倡议", K.NOTICE, "疫情期间血液库存紧张，欢迎健康市民预约献血。"),
    ("驾驶证业务窗口时间调整", K.SERVICE, "交管窗口每日上午9时至11时办理预约业务，下午暂停。"),
    ("体温37度即须隔离", K.REBUTTAL, "本条表述有误，已撤回：体温37.3℃以上请就医排查。"),
]
PUBLISHED, APPROVED, DRAFTS = 22, 3, 4


def load() -> None:
    station = Unit.objects.filter(name="城关派出所").first()
    officer = User.objects.filter(username="officer1").first()
    chief = User.objects.filter(username="chief1").first()
    if station is None or officer is None or chief is None:
        return
    if ResidentGroup.objects.filter(unit=station, name=GROUPS[0][0]).exists():
        return
    today = timezone.localdate()
    groups = _groups(officer, today)
    bulletins = _bulletins(officer, chief, station, today)
    _posts(officer, groups, bulletins, today)


def _groups(officer, today) -> list[ResidentGroup]:
    groups = []
    for name, unit_name, platform, first, last in GROUPS:
        unit = Unit.objects.get(name=unit_name)
        group = group_create(
            actor=officer,
            unit=unit,
            data={"name": name, "platform": platform, "capacity": 500, "admin_officer": officer},
        )
        # A reading every other day, the last one today: the groups fill as residents join.
        for step in range(0, DAYS + 1, 2):
            count = first + (last - first) * step // DAYS
            group_members_record(
                actor=officer, group=group, count=count, on=today - timedelta(days=DAYS - step)
            )
        groups.append(group)
    return groups


def _bulletins(officer, chief, station, today) -> list[Bulletin]:
    now = timezone.now()
    published = []
    for index, (title, kind, body) in enumerate(BULLETINS):
        bulletin = bulletin_create(actor=officer, unit=station, title=title, body=body, kind=kind)
        if index < PUBLISHED + APPROVED or index == len(BULLETINS) - 1:
            bulletin_transition(actor=chief, bulletin=bulletin, to="approved")
        if index < PUBLISHED or index == len(BULLETINS) - 1:
            bulletin_transition(actor=chief, bulletin=bulletin, to="published")
            # Spread over the fortnight, oldest first, as they went out.
            days_ago = DAYS - index * DAYS // PUBLISHED if index < PUBLISHED else 3
            moment = now - timedelta(days=days_ago, hours=2)
            Bulletin.objects.filter(pk=bulletin.pk).update(
                published_at=moment,
                status_changed_at=moment,
                created_at=moment - timedelta(hours=3),
            )
            BulletinTransition.objects.filter(bulletin=bulletin).update(at=moment)
            bulletin.refresh_from_db()
            published.append(bulletin)
        if index == len(BULLETINS) - 1:
            bulletin_transition(
                actor=chief, bulletin=bulletin, to="withdrawn", reason="表述有误，已重新发布"
            )
            published.pop()
    return published


def _posts(officer, groups, bulletins, today) -> None:
    for group in groups:
        for back in range(DAYS):
            group_post_record(
                actor=officer,
                group=group,
                posted_on=today - timedelta(days=back),
                count=DAILY_POSTS,
                note="防疫提示、答复群众提问",
            )
        # Each published bulletin went to every group the day it came out.
        for bulletin in bulletins:
            group_post_record(
                actor=officer,
                group=group,
                posted_on=timezone.localtime(bulletin.published_at).date(),
                bulletin=bulletin,
            )
