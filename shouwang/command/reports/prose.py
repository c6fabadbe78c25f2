"""The daily report as a paragraph in the style of a bureau's published summary.

Every number in it is a figure of the table, stated once and exactly as there (plain digits);
a figure of zero is left out unless it is one of the headline figures (`ALWAYS`), which are
always stated. The supplies issued make one sentence, item by item (those issued in the period).
`report_text` returns the keys it stated, in order, so the table and the text can
be checked against each other.
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from shouwang.units.models import Unit

ALWAYS = frozenset(
    {
        "vehicles_passed",
        "vehicles_registered",
        "vehicle_turn_backs",
        "people_checked",
        "people_turned_back",
        "watched_people",
        "isolating",
        "followups_done",
        "followups_due",
    }
)


def _day(day: date, *, year: bool = True) -> str:
    if year:
        return _("%(y)s年%(m)s月%(d)s日") % {"y": day.year, "m": day.month, "d": day.day}
    return _("%(m)s月%(d)s日") % {"m": day.month, "d": day.day}


def period_words(date_from: date, date_to: date, *, cumulative: bool) -> str:
    if cumulative:
        return _("自%(start)s启动应急响应至%(end)s") % {
            "start": _day(date_from),
            "end": _day(date_to, year=date_from.year != date_to.year),
        }
    if date_from == date_to:
        return _day(date_from)
    return _("%(start)s至%(end)s") % {
        "start": _day(date_from),
        "end": _day(date_to, year=date_from.year != date_to.year),
    }


class _Writer:
    def __init__(self, figures: dict[str, int]):
        self.figures = figures
        self.stated: list[str] = []

    def wanted(self, key: str) -> bool:
        return key in ALWAYS or bool(self.figures.get(key))

    def say(self, template: str, key: str) -> str:
        """The clause with its figure (the caller checked `wanted`)."""
        self.stated.append(key)
        return template % {"n": self.figures[key]}

    def clauses(self, pairs: list[tuple[str, str]]) -> list[str]:
        return [self.say(template, key) for template, key in pairs if self.wanted(key)]


def report_text(
    *,
    unit: Unit,
    date_from: date,
    date_to: date,
    figures: dict[str, int],
    cumulative: bool,
    supplies: Sequence[Any] = (),
) -> tuple[str, list[str]]:
    """(paragraph, keys stated in order); `supplies`: the `SupplyLine`s of the supplies figures."""
    w = _Writer(figures)
    sentences: list[str] = []
    so_far = _("累计") if cumulative or date_from != date_to else _("当日")

    # Checkpoints.
    lead = w.say(_("全辖%(n)s个卡点"), "checkpoints") if w.wanted("checkpoints") else _("各卡点")
    parts = w.clauses(
        [
            (so_far + _("放行车辆%(n)s辆"), "vehicles_passed"),
            (_("登记外地车辆%(n)s辆"), "vehicles_registered"),
            (_("劝返车辆%(n)s辆次"), "vehicle_turn_backs"),
            (_("配合卫健部门检测人员%(n)s人次"), "people_checked"),
            (_("劝返人员%(n)s人次"), "people_turned_back"),
            (_("移交卫健部门%(n)s人次"), "people_handed_over"),
        ]
    )
    sentences.append(lead + "，".join(parts) + "。")

    # Supplies issued, item by item.
    issued = []
    for line in supplies:
        if w.figures.get(line.key):
            w.stated.append(line.key)
            issued.append(
                _("%(item)s%(n)s%(measure)s")
                % {"item": line.name, "n": w.figures[line.key], "measure": line.unit_of_measure}
            )
    if issued:
        sentences.append(_("发放物资：%(items)s。") % {"items": "、".join(issued)})

    # Venues and cases (the stations leading the sentence when it has anything to say).
    venue_keys = ("ktv_closed", "internet_cafes_closed", "hotels_closed", "mahjong_rooms_closed")
    venue_keys += ("venues_closed", "inspections", "violations", "price_gouging", "cases")
    if any(w.wanted(key) for key in venue_keys):
        # "1个派出所" is the station itself: its own report names it already.
        many = w.figures.get("stations", 0) > 1
        stations = w.say(_("%(n)s个派出所"), "stations") if many else ""
        closed = w.clauses(
            [
                (_("KTV%(n)s家"), "ktv_closed"),
                (_("网吧%(n)s家"), "internet_cafes_closed"),
                (_("宾馆旅店%(n)s家"), "hotels_closed"),
                (_("麻将馆棋牌室%(n)s家"), "mahjong_rooms_closed"),
            ]
        )
        venue_parts = [_("关停") + "、".join(closed)] if closed else []
        venue_parts += w.clauses(
            [
                (_("共关停场所%(n)s家"), "venues_closed"),
                (_("开展场所检查%(n)s次"), "inspections"),
                (_("发现违规经营%(n)s起"), "violations"),
                (_("查获哄抬物价%(n)s起"), "price_gouging"),
                (_("查处涉疫案件%(n)s起"), "cases"),
            ]
        )
        sentences.append(stations + "，".join(venue_parts) + "。")

    # Household screening.
    screening = w.clauses(
        [
            (_("组织入户排查%(n)s人次"), "screening_person_times"),
            (_("走访排查点%(n)s个"), "screening_points"),
            (_("覆盖住户%(n)s户"), "households_screened"),
        ]
    )
    if screening:
        sentences.append("，".join(screening) + "。")

    # Watched people and follow-ups.
    people = w.clauses(
        [
            (_("新增重点人员%(n)s人"), "watched_people"),
            (_("新增隔离%(n)s人次"), "isolations_started"),
            (_("目前隔离中%(n)s人"), "isolating"),
            (_("应随访%(n)s人次"), "followups_due"),
            (_("已完成随访%(n)s人次"), "followups_done"),
        ]
    )
    sentences.append("，".join(people) + "。")

    # Residents' reports.
    intake = w.clauses(
        [
            (_("受理群众线索、求助和诉求%(n)s件"), "reports_received"),
            (_("办结%(n)s件"), "reports_resolved"),
            (_("超过时限%(n)s件"), "reports_overdue"),
        ]
    )
    if intake:
        sentences.append("，".join(intake) + "。")

    heading = _("%(period)s，%(unit)s：") % {
        "period": period_words(date_from, date_to, cumulative=cumulative),
        "unit": unit.name,
    }
    return heading + "".join(sentences), w.stated
