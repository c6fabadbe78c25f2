"""Scenarios 1 and 4 at 城关派出所: the official list of 2 back from Wuhan, 12 more found by
residents' tips, 7 isolating at home, and 9 close contacts of a fever case at a centralised site.

Idempotent: each scenario looks for its first person before making anything.
"""

from datetime import timedelta

from django.utils import timezone

from shouwang.accounts.models import User
from shouwang.areas.models import KeyArea
from shouwang.areas.services import key_area_create
from shouwang.identity.id_numbers import id_check_character

from .models import (
    ImportStatus,
    IsolationKind,
    Person,
    WatchReason,
    WatchSource,
)
from .services import (
    episode_start,
    followup_record,
    import_job_apply,
    import_job_create,
    import_job_process,
    import_job_request_apply,
    isolation_policy_save,
    isolation_site_save,
    person_register,
    watch_record_create,
)

STATION = "城关派出所"
OFFICIAL_LIST = [("陈建华", "420102", "19750412", "131"), ("刘秀英", "420106", "19820923", "242")]
TIPS = [
    ("王志强", "420111", "19880101", "151", "湖北省武汉市", "北门社区5号楼1单元302"),
    ("李娜", "610824", "19910315", "262", "湖北省武汉市", "北门社区2号楼3单元101"),
    ("张伟", "420103", "19790707", "173", "湖北省武汉市", "南关社区12号"),
    ("赵丽", "610824", "19950521", "284", "湖北省孝感市", "南关社区8号"),
    ("孙浩", "420102", "19690830", "195", "湖北省武汉市", "北门社区7号楼2单元601"),
    ("周静", "610824", "19870214", "206", "湖北省武汉市", "城关镇幸福路18号"),
    ("吴军", "610824", "19930626", "217", "湖北省黄冈市", "城关镇东大街41号"),
    ("郑敏", "420104", "19860409", "228", "湖北省武汉市", "南关社区3号"),
    ("冯磊", "610824", "19900112", "239", "湖北省武汉市", "城关镇西街9号"),
    ("韩梅", "610824", "19920803", "240", "湖北省武汉市", "北门社区1号楼1单元201"),
    ("杨帆", "610824", "19970918", "251", "湖北省荆州市", "城关镇南街22号"),
    ("许晨", "610824", "19841101", "262", "湖北省武汉市", "南关社区15号"),
]
FEVER_CASE = ("马国庆", "610824", "19650505", "313")
CLOSE_CONTACTS = [
    ("马丽华", "19680612", "324"),
    ("马小龙", "19920304", "335"),
    ("何平", "19700918", "346"),
    ("何秀兰", "19721125", "357"),
    ("高峰", "19800101", "368"),
    ("罗文", "19830707", "379"),
    ("梁勇", "19770303", "380"),
    ("宋佳", "19960616", "391"),
    ("唐明", "19890909", "302"),
]


def _id(region: str, birth: str, sequence: str) -> str:
    body = f"{region}{birth}{sequence}"
    return body + id_check_character(body)


def _phone(n: int) -> str:
    return f"1380912{n:04d}"


def _ensure_wuhan(commander: User) -> None:
    today = timezone.localdate()
    if not KeyArea.objects.filter(region_code="420100").exists():
        key_area_create(
            actor=commander,
            region_code="420100",
            risk_level="high",
            valid_from=today - timedelta(days=40),
            note="武汉市全域高风险",
        )


def _official_list(officer: User) -> None:
    arrived = timezone.localdate() - timedelta(days=9)
    lines = ["姓名,身份证号,手机号,现住址,来源地,到达日期,类别,交通方式,车次/航班/车牌"]
    for n, (name, region, birth, sequence) in enumerate(OFFICIAL_LIST):
        lines.append(
            f"{name},{_id(region, birth, sequence)},{_phone(n)},北门社区{n + 3}号楼,"
            f"湖北省武汉市,{arrived:%Y-%m-%d},重点地区来人,火车,G{571 + n}"
        )
    content = ("\n".join(lines) + "\n").encode("utf-8")
    job = import_job_create(actor=officer, filename="县卫健局推送名单.csv", content=content)
    # The demo loader runs before any worker: it does the queued work itself, and the worker
    # later finds these tasks already done.
    job = import_job_process(job_id=job.pk)
    if job.status == ImportStatus.PREVIEW:
        import_job_request_apply(actor=officer, job=job)
        import_job_apply(job_id=job.pk)


def _tips(officer: User) -> list[Person]:
    today = timezone.localdate()
    people = []
    for n, (name, region, birth, sequence, origin, address) in enumerate(TIPS, start=10):
        person = person_register(
            actor=officer,
            unit=officer.unit,
            name=name,
            id_number=_id(region, birth, sequence),
            phone=_phone(n),
            current_address=address,
        )
        watch_record_create(
            actor=officer,
            person=person,
            reason=WatchReason.KEY_AREA_ARRIVAL,
            source=WatchSource.RESIDENT_TIP,
            officer=officer,
            origin=origin,
            arrived_on=today - timedelta(days=12 - n % 5),
            note="群众在警民联系群中反映",
        )
        people.append(person)
    return people


def _home_isolation(officer: User, people: list[Person]) -> None:
    """Seven of the tipped people at home, started on different days, some follow-ups missed."""
    today = timezone.localdate()
    for n, person in enumerate(people[:7]):
        start = today - timedelta(days=2 + n * 2)
        record = person.watch_records.first()
        episode = episode_start(
            actor=officer,
            person=person,
            kind=IsolationKind.HOME,
            start_date=start,
            officer=officer,
            watch_record=record,
        )
        for offset in range((today - start).days):
            if (offset + n) % 4 == 3:
                continue  # a missed day: it shows as overdue
            followup_record(
                actor=officer,
                episode=episode,
                due_date=start + timedelta(days=offset),
                temperature="36.%s" % (4 + (offset + n) % 5),
                present_at_address=True,
                contact_method="phone" if offset % 2 else "visit",
            )
    # One of them reports a temperature today: an alert for the duty desk and the liaison.
    episode = people[1].episodes.get()
    followup_record(
        actor=officer,
        episode=episode,
        temperature="37.8",
        symptoms=["cough"],
        present_at_address=True,
        contact_method="visit",
        note="已通知卫生院",
    )


def _centralised(officer: User, chief: User) -> None:
    today = timezone.localdate()
    policy = isolation_policy_save(
        actor=chief,
        unit=chief.unit,
        category=WatchReason.CLOSE_CONTACT,
        name="密切接触者 7+3（集中7天＋居家3天）",
        kind=IsolationKind.CENTRALISED,
        days=7,
        then_kind=IsolationKind.HOME,
        then_days=3,
    )
    site = isolation_site_save(
        actor=chief, unit=chief.unit, name="城关宾馆集中隔离点", address="城关镇车站路1号", rooms=40
    )
    name, region, birth, sequence = FEVER_CASE
    case = person_register(
        actor=officer,
        unit=officer.unit,
        name=name,
        id_number=_id(region, birth, sequence),
        phone=_phone(40),
        current_address="城关镇东大街12号",
    )
    watch_record_create(
        actor=officer,
        person=case,
        reason=WatchReason.FEVER,
        source=WatchSource.CHECKPOINT_HANDOVER,
        officer=officer,
        note="城关东出口卡点测温37.9℃，移交卫生院",
    )
    for n, (contact_name, birth, sequence) in enumerate(CLOSE_CONTACTS):
        person = person_register(
            actor=officer,
            unit=officer.unit,
            name=contact_name,
            id_number=_id("610824", birth, sequence),
            phone=_phone(41 + n),
            current_address="城关镇东大街12号" if n < 3 else f"城关镇东大街{20 + n}号",
        )
        record = watch_record_create(
            actor=officer,
            person=person,
            reason=WatchReason.CLOSE_CONTACT,
            source=WatchSource.HOUSEHOLD_SCREENING,
            officer=officer,
            contact_of=case,
            note="经民警和村干部反复劝说后同意集中隔离",
        )
        start = today - timedelta(days=3)
        episode = episode_start(
            actor=officer,
            person=person,
            kind=IsolationKind.CENTRALISED,
            start_date=start,
            policy=policy,
            site=site,
            room=f"{201 + n}",
            officer=officer,
            watch_record=record,
        )
        for offset in range(3):
            if n == 8 and offset == 2:
                continue
            followup_record(
                actor=officer,
                episode=episode,
                due_date=start + timedelta(days=offset),
                temperature="36.5",
                present_at_address=True,
                contact_method="visit",
            )


def load() -> None:
    users = {
        user.username: user
        for user in User.objects.filter(username__in=["commander", "officer1", "chief1"])
    }
    officer, chief = users["officer1"], users["chief1"]
    _ensure_wuhan(users["commander"])
    live = Person.objects.filter(unit__name=STATION)
    if not live.filter(name=OFFICIAL_LIST[0][0]).exists():
        _official_list(officer)
    if not live.filter(name=TIPS[0][0]).exists():
        _home_isolation(officer, _tips(officer))
    if not live.filter(name=FEVER_CASE[0]).exists():
        _centralised(officer, chief)
