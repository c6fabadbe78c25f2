"""Reading supplies: stock with days left for any unit of the tree, drill-down, ledger, donors.

Stock of a unit is that of the unit and every unit below it (a station with its posts, a
bureau with its stations), summed from the kept `Stock` rows. Days left are at the recent
rate: what was issued in the unit's subtree over the last `RATE_DAYS` days, per day, not
counting issues that were reversed.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.shell.periods import period_q
from shouwang.units.models import Unit
from shouwang.units.scoping import unit_is_visible_to

from .models import Donor, Item, ItemCategory, Movement, MovementKind, Stock

RATE_DAYS = 7
# Below this many days left, an item is short however high its stock looks.
LOW_DAYS = 3


def days_left_at(quantity: int, issued: int, *, days: int = RATE_DAYS) -> int | None:
    """Whole days the quantity lasts at `issued` per `days` days (None: nothing was issued).

    quantity / (issued / days), rounded down, in integers so that it is exact.
    """
    if issued <= 0:
        return None
    return quantity * days // issued


@dataclass(frozen=True)
class StockLine:
    item_id: int
    name: str
    unit_of_measure: str
    category: str
    low_stock_threshold: int
    quantity: int
    issued_recently: int
    days_left: int | None

    @property
    def category_label(self) -> str:
        return str(ItemCategory(self.category).label)

    @property
    def is_low(self) -> bool:
        """At or below the item's threshold, or running out within LOW_DAYS at the recent rate."""
        if self.quantity <= self.low_stock_threshold:
            return True
        return self.days_left is not None and self.days_left < LOW_DAYS


def _checked_unit(actor: Any, unit: Unit | None) -> Unit:
    unit = unit or actor.unit
    if not unit_is_visible_to(unit, actor):
        raise Http404
    return unit


def _issued(path: str, since: datetime, until: datetime, **extra: Any) -> QuerySet:
    return Movement.objects.filter(
        unit__path__startswith=path,
        kind=MovementKind.ISSUED,
        occurred_at__gt=since,
        occurred_at__lte=until,
        reversed_by__isnull=True,
        **extra,
    ).order_by()


def stock_with_days_left(
    *, actor: Any, unit: Unit | None = None, now: datetime | None = None
) -> list[StockLine]:
    """Every item stocked in the unit's subtree (the actor's own unit by default): quantity,
    issued over the last RATE_DAYS days, days left at that rate. Two queries.

    A unit outside the actor's jurisdiction is not found (Http404).
    """
    unit = _checked_unit(actor, unit)
    now = now or timezone.now()
    rows = (
        Stock.objects.filter(unit__path__startswith=unit.path)
        .order_by()
        .values(
            "item_id",
            "item__name",
            "item__unit_of_measure",
            "item__category",
            "item__low_stock_threshold",
        )
        .annotate(total=Sum("quantity"))
    )
    issued = dict(
        _issued(unit.path, now - timedelta(days=RATE_DAYS), now)
        .values("item_id")
        .annotate(total=Sum("quantity"))
        .values_list("item_id", "total")
    )
    lines = [
        StockLine(
            item_id=row["item_id"],
            name=row["item__name"],
            unit_of_measure=row["item__unit_of_measure"],
            category=row["item__category"],
            low_stock_threshold=row["item__low_stock_threshold"],
            quantity=row["total"],
            issued_recently=issued.get(row["item_id"], 0),
            days_left=days_left_at(row["total"], issued.get(row["item_id"], 0)),
        )
        for row in rows
    ]
    return sorted(lines, key=lambda line: (not line.is_low, line.category, line.name))


@dataclass(frozen=True)
class UnitStock:
    """One item's figures in one unit below the one drilled into (with its own subtree)."""

    unit: Unit | None  # None: the drilled unit's own store (本级)
    quantity: int
    issued_recently: int
    days_left: int | None
    has_children: bool


def stock_by_unit(
    *, actor: Any, unit: Unit, item: Item, now: datetime | None = None
) -> list[UnitStock]:
    """The item's stock in the unit's own store and in each unit just below it (their
    subtrees summed), for drilling down from a bureau to a station to its posts."""
    unit = _checked_unit(actor, unit)
    now = now or timezone.now()
    children = list(unit.children.filter(is_active=True).order_by("path"))
    has_children = set(
        Unit.objects.filter(parent__in=children).values_list("parent_id", flat=True).distinct()
    )
    stocked = Stock.objects.filter(unit__path__startswith=unit.path, item=item).values_list(
        "unit__path", "quantity"
    )
    issued = (
        _issued(unit.path, now - timedelta(days=RATE_DAYS), now, item=item)
        .values("unit__path")
        .annotate(total=Sum("quantity"))
        .values_list("unit__path", "total")
    )

    def owner(path: str) -> str:
        if path == unit.path:
            return unit.path
        return next((c.path for c in children if path.startswith(c.path)), unit.path)

    quantities: dict[str, int] = {}
    rates: dict[str, int] = {}
    for path, quantity in stocked:
        quantities[owner(path)] = quantities.get(owner(path), 0) + quantity
    for path, total in issued:
        rates[owner(path)] = rates.get(owner(path), 0) + total
    lines = [
        UnitStock(
            unit=None,
            quantity=quantities.get(unit.path, 0),
            issued_recently=rates.get(unit.path, 0),
            days_left=days_left_at(quantities.get(unit.path, 0), rates.get(unit.path, 0)),
            has_children=False,
        )
    ]
    for child in children:
        quantity, rate = quantities.get(child.path, 0), rates.get(child.path, 0)
        lines.append(
            UnitStock(child, quantity, rate, days_left_at(quantity, rate), child.pk in has_children)
        )
    return lines


@dataclass(frozen=True)
class ItemTotal:
    item_id: int
    name: str
    unit_of_measure: str
    quantity: int


def movement_totals(
    *,
    actor: Any,
    kind: str = MovementKind.ISSUED,
    unit: Unit | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> list[ItemTotal]:
    """How much of each item the unit's subtree received, was given, issued or wrote off
    (`kind`) in the local days date_from..date_to (both included, either open), reversed
    movements left out: "口罩11500只、手套5300副" of a daily report. One query."""
    unit = _checked_unit(actor, unit)
    rows = (
        Movement.objects.filter(
            period_q("occurred_at", date_from, date_to),
            unit__path__startswith=unit.path,
            kind=kind,
            reversed_by__isnull=True,
        )
        .order_by()
        .values("item_id", "item__name", "item__unit_of_measure")
        .annotate(total=Sum("quantity"))
        .order_by("item__category", "item__name")
    )
    return [
        ItemTotal(row["item_id"], row["item__name"], row["item__unit_of_measure"], row["total"])
        for row in rows
    ]


def items_readable(user: Any) -> QuerySet[Item]:
    """The catalogues the user works with: his unit's, those below and those above it."""
    return Item.objects.readable_by(user).select_related("unit").order_by("category", "name", "pk")


def items_usable_at(unit: Unit) -> QuerySet[Item]:
    """The items a unit stocks: its own catalogue's and those of the units above it."""
    return Item.objects.filter(unit_id__in=unit.ancestor_ids).order_by("category", "name", "pk")


def movements_listed(user: Any) -> QuerySet[Movement]:
    """The ledger lines of the user's unit and the units below it, newest first."""
    return (
        Movement.objects.visible_to(user)
        .select_related("unit", "item", "other_unit", "donor", "recorded_by", "reversed_by")
        .order_by("-occurred_at", "-pk")
    )


def donors_listed(user: Any) -> QuerySet[Donor]:
    """The donors of the user's unit and the units below it, with how many gifts each made."""
    return (
        Donor.objects.visible_to(user)
        .select_related("unit")
        .annotate(gifts=Count("donations", filter=Q(donations__reversed_by__isnull=True)))
        .order_by("-created_at", "-pk")
    )


def donations_of(donors: list[Donor]) -> dict[int, list[dict[str, Any]]]:
    """What each donor gave, by item, reversed gifts left out (one query for the page)."""
    rows = (
        Movement.objects.filter(
            donor__in=donors, kind=MovementKind.DONATED, reversed_by__isnull=True
        )
        .order_by()
        .values("donor_id", "item__name", "item__unit_of_measure")
        .annotate(total=Sum("quantity"))
        .order_by("donor_id", "item__name")
    )
    gifts: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        gifts.setdefault(row["donor_id"], []).append(row)
    return gifts


def thank_you_text(donor: Donor, gifts: list[dict[str, Any]]) -> str:
    """A thank-you message ready to copy into a WeChat group or a letter."""
    given = "、".join(
        f"{row['item__name']}{row['total']}{row['item__unit_of_measure']}" for row in gifts
    )
    who = f"{donor.organisation}{donor.name}" if donor.organisation else donor.name
    return _(
        "感谢%(who)s在疫情防控关键时期向%(unit)s捐赠%(given)s。"
        "您的爱心与支持，是我们坚守一线的底气。%(unit)s全体民辅警向您致以诚挚的谢意！"
    ) % {"who": who, "unit": donor.unit.name, "given": given or _("防疫物资")}
