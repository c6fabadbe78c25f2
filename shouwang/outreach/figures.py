"""The outreach figures of a unit and period: bulletins published, groups, members, posts.

Each figure is counted per unit directly below the chosen one (its whole subtree) plus a row
for the unit's own records, from a few grouped queries bucketed by unit path: the rows sum to
the totals, and each links to the list filtered to exactly its records.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, F, Q, Sum

from shouwang.shell.periods import period_q
from shouwang.units.models import Unit

from .models import (
    Bulletin,
    BulletinKind,
    BulletinStatus,
    GroupPost,
    ResidentGroup,
    near_capacity,
)

FIGURES = (
    "published",
    "drafts",
    "approved",
    "groups",
    "members",
    "near",
    "posts",
    "bulletin_posts",
)


@dataclass
class FigureRow:
    unit: Unit
    own: bool  # the chosen unit's own records, not its subtree's
    counts: Counter = field(default_factory=Counter)


@dataclass
class OutreachFigures:
    totals: Counter
    rows: list[FigureRow]
    published_by_kind: list[tuple[str, str, int]]


def _bucket(rows: list[FigureRow], path: str) -> FigureRow | None:
    for row in rows:
        if row.own:
            if path == row.unit.path:
                return row
        elif path.startswith(row.unit.path):
            return row
    return None


def outreach_figures(
    user: Any,
    *,
    unit: Unit | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> OutreachFigures:
    """The figures within the user's jurisdiction (narrowed to `unit`), for the period's days.

    Published: bulletins first published in the period (withdrawn later or not); drafts and
    approved: waiting now; groups, members and near-capacity groups: now; posts: messages
    posted in the groups in the period (and how many of them carried a bulletin).
    """
    root = unit or user.unit
    children = list(root.children.filter(is_active=True).order_by("path"))
    rows = [FigureRow(unit=root, own=True)] + [FigureRow(unit=c, own=False) for c in children]
    bulletins = Bulletin.objects.visible_to(user).filter(unit__path__startswith=root.path)
    groups = ResidentGroup.objects.visible_to(user).filter(unit__path__startswith=root.path)
    posts = GroupPost.objects.visible_to(user).filter(group__unit__path__startswith=root.path)

    queries = (
        (
            bulletins.order_by()
            .values(path=F("unit__path"))
            .annotate(
                published=Count(
                    "id",
                    filter=Q(published_at__isnull=False)
                    & period_q("published_at", date_from, date_to),
                ),
                drafts=Count("id", filter=Q(status=BulletinStatus.DRAFT)),
                approved=Count("id", filter=Q(status=BulletinStatus.APPROVED)),
            )
        ),
        (
            groups.order_by()
            .values(path=F("unit__path"))
            .annotate(
                groups=Count("id"),
                members=Sum("member_count"),
                near=Count("id", filter=near_capacity()),
            )
        ),
        (
            posts.filter(period_q_days("posted_on", date_from, date_to))
            .order_by()
            .values(path=F("group__unit__path"))
            .annotate(
                posts=Sum("count"),
                bulletin_posts=Sum("count", filter=Q(bulletin__isnull=False)),
            )
        ),
    )
    totals: Counter = Counter()
    for query in queries:
        for found in query:
            row = _bucket(rows, found.pop("path"))
            for key, value in found.items():
                if row is not None:
                    row.counts[key] += value or 0
                totals[key] += value or 0
    published_kinds = dict(
        bulletins.filter(published_at__isnull=False)
        .filter(period_q("published_at", date_from, date_to))
        .order_by()
        .values_list("kind")
        .annotate(n=Count("id"))
    )
    by_kind = [
        (value, label, published_kinds.get(value, 0)) for value, label in BulletinKind.choices
    ]
    # The unit's own row shows only when it holds something; the units below always show.
    shown = [row for row in rows if not row.own or any(row.counts.values())]
    return OutreachFigures(totals=totals, rows=shown, published_by_kind=by_kind)


def period_q_days(field_name: str, date_from: date | None, date_to: date | None) -> Q:
    """`field_name` (a date) within date_from..date_to, both included."""
    q = Q()
    if date_from is not None:
        q &= Q(**{f"{field_name}__gte": date_from})
    if date_to is not None:
        q &= Q(**{f"{field_name}__lte": date_to})
    return q
