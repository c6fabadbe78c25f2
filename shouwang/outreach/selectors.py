"""Reading outreach records: the scoped lists, a bulletin's copy-ready text, a group's record."""

from dataclasses import dataclass
from typing import Any

from django.db.models import IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from shouwang.shell.listing import filtered

from .filters import BulletinFilter, PublicBulletinFilter, ResidentGroupFilter
from .models import (
    Bulletin,
    BulletinStatus,
    BulletinTransition,
    GroupPost,
    MemberReading,
    ResidentGroup,
)


def bulletins_listed(user: Any) -> QuerySet[Bulletin]:
    """The bulletins of the user's unit and below, newest first."""
    return (
        Bulletin.objects.visible_to(user)
        .select_related("unit", "created_by")
        .prefetch_related("audience_units")
        .order_by("-created_at", "-id")
    )


def bulletin_search(user: Any, params: dict[str, Any]) -> QuerySet[Bulletin]:
    return filtered(BulletinFilter, bulletins_listed(user), params, user=user)


def bulletins_published(params: dict[str, Any] | None = None) -> QuerySet[Bulletin]:
    """What residents read: published bulletins, latest first (no account, no scope)."""
    published = (
        Bulletin.objects.filter(status=BulletinStatus.PUBLISHED)
        .select_related("unit")
        .order_by("-published_at", "-id")
    )
    return filtered(PublicBulletinFilter, published, params or {})


def copy_text(bulletin: Bulletin) -> str:
    """The bulletin as plain text to paste into a messaging group: title, body, unit, date."""
    moment = bulletin.published_at or bulletin.created_at or timezone.now()
    day = timezone.localtime(moment).date()
    return (
        f"【{bulletin.title}】\n{bulletin.body}\n"
        f"——{bulletin.unit.name} {day.year}年{day.month}月{day.day}日"
    )


def bulletin_transitions(bulletin: Bulletin) -> QuerySet[BulletinTransition]:
    return bulletin.transitions.select_related("actor").order_by("at", "id")


def posts_total() -> Coalesce:
    """The posts recorded in a group, for annotating groups (a subquery: no join to multiply)."""
    total = (
        GroupPost.objects.filter(group=OuterRef("pk"))
        .order_by()
        .values("group")
        .annotate(total=Sum("count"))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=IntegerField()), Value(0))


def groups_listed(user: Any) -> QuerySet[ResidentGroup]:
    return (
        ResidentGroup.objects.visible_to(user)
        .select_related("unit", "admin_officer")
        .annotate(posts_total=posts_total())
        .order_by("unit__path", "name", "id")
    )


def group_search(user: Any, params: dict[str, Any]) -> QuerySet[ResidentGroup]:
    return filtered(ResidentGroupFilter, groups_listed(user), params, user=user)


@dataclass(frozen=True)
class GroupRecord:
    readings: list[MemberReading]
    posts: list[GroupPost]
    posts_total: int
    bulletin_posts: int


RECENT_POSTS = 30


def group_record(group: ResidentGroup) -> GroupRecord:
    """A group's ledger of member counts (oldest first) and its recent posts."""
    readings = list(group.readings.select_related("recorded_by").order_by("on", "id"))
    posts = list(
        group.posts.select_related("bulletin", "recorded_by").order_by("-posted_on", "-id")[
            :RECENT_POSTS
        ]
    )
    totals = group.posts.aggregate(
        total=Coalesce(Sum("count"), 0),
        bulletins=Coalesce(Sum("count", filter=Q(bulletin__isnull=False)), 0),
    )
    return GroupRecord(
        readings=readings,
        posts=posts,
        posts_total=totals["total"],
        bulletin_posts=totals["bulletins"],
    )
