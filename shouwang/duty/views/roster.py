"""Posts, the week's roster by day, assigning shifts, the coverage check and one's own shifts."""

from datetime import timedelta

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouwang.checkpoints.models import Checkpoint
from shouwang.shell.forms import form_action, form_page
from shouwang.shell.listing import Listing
from shouwang.shell.periods import day_param
from shouwang.units.models import Unit
from shouwang.units.policy import guarded
from shouwang.units.scoping import get_visible_or_404

from ..filters import PostFilter
from ..forms import CancelShiftForm, PostForm, ShiftForm, WeekForm
from ..models import Post, PostKind, Shift
from ..rules import DUTY_RECORDS, MANAGE, MY_SHIFTS
from ..selectors import (
    by_local_day,
    coverage_gaps,
    my_shifts,
    my_staff,
    posts_listed,
    roster_week,
    staff_assignable,
)
from ..services import post_create, post_update, shift_assign, shift_cancel, week_assign
from ..templates_catalogue import TEMPLATES
from ..times import local_midnight, week_start_of

POSTS = Listing(PostFilter)
POST_FIELDS = (
    "name",
    "kind",
    "checkpoint",
    "required_staff",
    "is_24h",
    "opens_at",
    "closes_at",
    "note",
)


def units_of(user):
    return Unit.objects.visible_to(user).filter(is_active=True)


def _unit_param(request):
    text = request.GET.get("unit") or ""
    return (
        units_of(request.user).filter(pk=text).first()
        if text.isdigit() and len(text) < 19
        else None
    )


def _post_or_404(request, pk: int) -> Post:
    return get_visible_or_404(
        Post.objects.select_related("unit", "checkpoint"), request.user, pk=pk
    )


@guarded(DUTY_RECORDS)
def post_list(request):
    return render(
        request,
        "duty/post_list.html",
        {
            **POSTS.page(request, posts_listed(request.user)),
            "kinds": PostKind.choices,
            "units": units_of(request.user),
        },
    )


def _post_form(request, *, post: Post | None = None) -> PostForm:
    initial = {"unit": request.user.unit, "required_staff": 2, "is_24h": True}
    if post is not None:
        initial = {"unit": post.unit, **{name: getattr(post, name) for name in POST_FIELDS}}
    return PostForm(
        request.POST or None,
        units=units_of(request.user),
        checkpoints=Checkpoint.objects.visible_to(request.user).select_related("unit"),
        editing=post is not None,
        initial=initial,
    )


def _post_url(post: Post) -> str:
    return reverse("duty:post", kwargs={"pk": post.pk})


@guarded(MANAGE)
def post_new(request):
    return form_page(
        request,
        _post_form(request),
        save=lambda data: post_create(
            actor=request.user,
            unit=data["unit"],
            data={name: data[name] for name in POST_FIELDS},
        ),
        done=_post_url,
        message=lambda post: _("已新建岗位：%(name)s") % {"name": post.name},
        template="duty/post_form.html",
        context={"post": None},
    )


@guarded(DUTY_RECORDS, write=MANAGE)
def post_detail(request, pk: int):
    post = _post_or_404(request, pk)
    form = _post_form(request, post=post) if MANAGE.allows(request.user) else None

    def page() -> dict:
        upcoming = (
            Shift.objects.filter(post=post, cancelled_at__isnull=True, ends_at__gt=timezone.now())
            .select_related("staff__unit")
            .order_by("starts_at", "pk")[:60]
        )
        return {
            "post": post,
            "upcoming_days": by_local_day(upcoming),
            "gaps": coverage_gaps(actor=request.user, posts=[post]),
            "shift_form": _shift_form(request, post) if MANAGE.allows(request.user) else None,
            "cancel_form": CancelShiftForm(),
        }

    return form_page(
        request,
        form,
        save=lambda data: post_update(
            actor=request.user,
            post=post,
            data={name: data[name] for name in POST_FIELDS},
            is_active=request.POST.get("is_active", "1") == "1",
        ),
        done=_post_url,
        message=_("已保存"),
        template="duty/post_detail.html",
        context=page,
    )


def _shift_form(request, post: Post, data=None) -> ShiftForm:
    start = timezone.localtime().replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    return ShiftForm(
        data,
        staff=staff_assignable(request.user),
        initial={"starts_at": start, "ends_at": start + timedelta(hours=8)},
    )


@guarded(MANAGE)
@require_POST
def shift_new(request, pk: int):
    post = _post_or_404(request, pk)
    return form_action(
        request,
        _shift_form(request, post, request.POST),
        save=lambda data: shift_assign(actor=request.user, post=post, **data),
        done=reverse("duty:post", args=[post.pk]),
        message=_("已排班"),
    )


@guarded(MANAGE)
@require_POST
def shift_cancel_view(request, pk: int):
    shift = get_visible_or_404(Shift.objects.select_related("post__unit"), request.user, pk=pk)
    back = (
        reverse("duty:roster")
        if request.POST.get("next") == "roster"
        else reverse("duty:post", args=[shift.post_id])
    )
    return form_action(
        request,
        CancelShiftForm(request.POST),
        save=lambda data: shift_cancel(actor=request.user, shift=shift, reason=data["reason"]),
        done=back,
        message=_("已取消该班次"),
        invalid=_("请填写取消原因"),
    )


@guarded(MANAGE)
def week_assign_view(request, pk: int):
    post = _post_or_404(request, pk)
    source = request.POST if request.method == "POST" else request.GET
    template = source.get("template") if source.get("template") in TEMPLATES else "3x8"
    hour_text = source.get("first_hour") or "8"
    first_hour = int(hour_text) if hour_text.isdigit() and int(hour_text) <= 23 else 8
    next_monday = week_start_of(timezone.localdate()) + timedelta(days=7)
    form = WeekForm(
        request.POST or None,
        staff=staff_assignable(request.user),
        template=template,
        first_hour=first_hour,
        initial={"week_start": next_monday, "template": template, "first_hour": first_hour},
    )

    def week_url(shifts) -> str:
        week = form.cleaned_data["week_start"].isoformat()
        return f"{reverse('duty:roster')}?week={week}&post={post.pk}"

    return form_page(
        request,
        form,
        save=lambda data: week_assign(
            actor=request.user,
            post=post,
            week_start=data["week_start"],
            template=template,
            first_hour=first_hour,
            teams=form.teams(),
        ),
        done=week_url,
        message=lambda shifts: _("已排班 %(n)s 个班次") % {"n": len(shifts)},
        template="duty/week_form.html",
        context={"post": post, "templates": TEMPLATES.values(), "template": template},
    )


@guarded(DUTY_RECORDS)
def roster(request):
    week_start = week_start_of(day_param(request.GET.get("week"), timezone.localdate()))
    unit = _unit_param(request)
    post = None
    post_text = request.GET.get("post") or ""
    if post_text.isdigit() and len(post_text) < 19:
        post = posts_listed(request.user).filter(pk=post_text).first()
    days = roster_week(request.user, week_start, unit=unit, post=post)
    return render(
        request,
        "duty/roster.html",
        {
            "days": days,
            "week_start": week_start,
            "week_end": week_start + timedelta(days=6),
            "previous_week": week_start - timedelta(days=7),
            "next_week": week_start + timedelta(days=7),
            "today": timezone.localdate(),
            "unit": unit,
            "post": post,
            "units": units_of(request.user),
            "posts": posts_listed(request.user).filter(is_active=True),
            "cancel_form": CancelShiftForm(),
        },
    )


@guarded(DUTY_RECORDS)
def coverage(request):
    unit = _unit_param(request)
    start_day = day_param(request.GET.get("from"))
    days_text = request.GET.get("days") or "7"
    days = int(days_text) if days_text.isdigit() and 1 <= int(days_text) <= 31 else 7
    start = local_midnight(start_day) if start_day else None
    if start is None:
        start = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    gaps = coverage_gaps(
        actor=request.user, unit=unit, start=start, end=start + timedelta(days=days)
    )
    return render(
        request,
        "duty/coverage.html",
        {
            "gaps": gaps,
            "start": start,
            "end": start + timedelta(days=days),
            "days": days,
            "unit": unit,
            "units": units_of(request.user),
            "missing_hours": round(sum(gap.hours * gap.missing for gap in gaps), 1),
        },
    )


@guarded(MY_SHIFTS)
def mine(request):
    shifts = my_shifts(request.user)
    now = timezone.now()
    return render(
        request,
        "duty/mine.html",
        {
            "staff": my_staff(request.user),
            "current": [shift for shift in shifts if shift.starts_at <= now],
            "upcoming_days": by_local_day(shift for shift in shifts if shift.starts_at > now),
        },
    )
