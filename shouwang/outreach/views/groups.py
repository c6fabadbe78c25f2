"""Resident groups: list, export, register, edit, a group's page, member counts and posts."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from shouwang.privacy.exports import Column
from shouwang.shell.forms import add_service_errors, form_page
from shouwang.shell.listing import Listing
from shouwang.units.policy import guarded

from ..filters import ResidentGroupFilter
from ..forms import GroupForm, PostForm, ReadingForm
from ..models import Bulletin, BulletinStatus, Platform, ResidentGroup
from ..rules import GROUP_EXPORT, GROUP_MANAGE, GROUP_RECORDS
from ..selectors import group_record, groups_listed
from ..services import group_create, group_members_record, group_post_record, group_update
from .common import group_or_404, officers_of, units_of

GROUPS = Listing(ResidentGroupFilter)


@guarded(GROUP_RECORDS)
def group_list(request):
    return render(
        request,
        "outreach/group_list.html",
        {
            **GROUPS.page(request, groups_listed(request.user)),
            "platforms": Platform.choices,
            "units": units_of(request.user),
        },
    )


EXPORT_COLUMNS = (
    Column(_lazy("编号"), lambda g: g.pk),
    Column(_lazy("群名称"), lambda g: g.name),
    Column(_lazy("平台"), lambda g: g.get_platform_display()),
    Column(_lazy("所属单位"), lambda g: g.unit.name),
    Column(_lazy("群管理民警"), lambda g: str(g.admin_officer or "")),
    Column(_lazy("人数上限"), lambda g: g.capacity),
    Column(_lazy("当前人数"), lambda g: g.member_count),
    Column(_lazy("人数统计日期"), lambda g: g.member_count_on or ""),
    Column(_lazy("发布条数"), lambda g: g.posts_total),
    Column(_lazy("接近上限"), lambda g: _("是") if g.is_near_capacity else ""),
)


@guarded(GROUP_EXPORT)
def group_export(request):
    return GROUPS.export(
        request,
        groups_listed(request.user),
        filename=_("警民联系群.xlsx"),
        columns=EXPORT_COLUMNS,
        model=ResidentGroup,
    )


def _group_data(data: dict) -> dict:
    return {key: data[key] for key in ("name", "platform", "capacity", "admin_officer", "note")}


def _group_url(group: ResidentGroup) -> str:
    return reverse("outreach:group", kwargs={"pk": group.pk})


@guarded(GROUP_MANAGE)
def group_new(request):
    form = GroupForm(
        request.POST or None,
        units=units_of(request.user),
        officers=officers_of(request.user),
        initial={"unit": request.user.unit, "admin_officer": request.user, "capacity": 500},
    )
    return form_page(
        request,
        form,
        save=lambda data: group_create(
            actor=request.user,
            unit=data["unit"],
            data=_group_data(data),
            member_count=data["member_count"],
        ),
        done=_group_url,
        message=lambda group: _("已登记：%(name)s") % {"name": group.name},
        template="outreach/group_form.html",
        context={"group": None},
    )


@guarded(GROUP_MANAGE)
def group_edit(request, pk: int):
    group = group_or_404(request, pk)
    form = GroupForm(
        request.POST or None,
        units=units_of(request.user),
        officers=officers_of(request.user),
        editing=True,
        initial={
            "unit": group.unit,
            **{k: getattr(group, k) for k in ("name", "platform", "capacity", "admin_officer")},
            "note": group.note,
        },
    )
    return form_page(
        request,
        form,
        save=lambda data: group_update(actor=request.user, group=group, data=_group_data(data)),
        done=_group_url,
        message=_("已保存"),
        template="outreach/group_form.html",
        context={"group": group},
    )


def _published_for(user):
    """The bulletins a group's post may carry: published, the unit's own and those from above."""
    return (
        Bulletin.objects.readable_by(user)
        .filter(status=BulletinStatus.PUBLISHED)
        .order_by("-published_at")
    )


def _detail(request, group: ResidentGroup, *, reading_form=None, post_form=None, status=200):
    record = group_record(group)
    return render(
        request,
        "outreach/group_detail.html",
        {
            "group": group,
            "record": record,
            # The ledger as bars: each reading's share of the capacity (the chart is the table).
            "readings": [
                (r, round(100 * r.count / group.capacity) if group.capacity else 0)
                for r in reversed(record.readings)
            ],
            "reading_form": reading_form or ReadingForm(),
            "post_form": post_form or PostForm(bulletins=_published_for(request.user)),
        },
        status=status,
    )


@guarded(GROUP_RECORDS)
def group_detail(request, pk: int):
    return _detail(request, group_or_404(request, pk))


@guarded(GROUP_MANAGE)
@require_POST
def group_reading(request, pk: int):
    group = group_or_404(request, pk)
    form = ReadingForm(request.POST)
    if form.is_valid():
        try:
            group_members_record(
                actor=request.user,
                group=group,
                count=form.cleaned_data["count"],
                on=form.cleaned_data["on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已记录群成员数"))
            return redirect("outreach:group", pk=group.pk)
    return _detail(request, group, reading_form=form, status=422)


@guarded(GROUP_MANAGE)
@require_POST
def group_post(request, pk: int):
    group = group_or_404(request, pk)
    form = PostForm(request.POST, bulletins=_published_for(request.user))
    if form.is_valid():
        data = form.cleaned_data
        try:
            group_post_record(
                actor=request.user,
                group=group,
                posted_on=data["posted_on"],
                count=data["count"],
                bulletin=data["bulletin"],
                note=data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已记录发布"))
            return redirect("outreach:group", pk=group.pk)
    return _detail(request, group, post_form=form, status=422)
