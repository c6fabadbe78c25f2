"""Bulletins: list, export, draft, edit, a bulletin's page with its copy-ready text, status changes."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from shouwang.accounts.roles import Capability
from shouwang.privacy.exports import Column
from shouwang.shell.forms import form_action, form_page
from shouwang.shell.listing import Listing
from shouwang.units.policy import guarded

from ..filters import BulletinFilter
from ..forms import BulletinForm, BulletinTransitionForm
from ..models import Bulletin, BulletinKind, BulletinStatus
from ..rules import BULLETIN_EXPORT, BULLETIN_RECORDS
from ..selectors import bulletin_transitions, bulletins_listed, copy_text
from ..services import bulletin_create, bulletin_transition, bulletin_update
from ..services.bulletins import may_edit, transitions_for
from .common import bulletin_or_404, units_of

BULLETINS = Listing(BulletinFilter)


@guarded(BULLETIN_RECORDS)
def bulletin_list(request):
    return render(
        request,
        "outreach/bulletin_list.html",
        {
            **BULLETINS.page(request, bulletins_listed(request.user)),
            "kinds": BulletinKind.choices,
            "statuses": BulletinStatus.choices,
            "units": units_of(request.user),
        },
    )


def _audience(bulletin: Bulletin) -> str:
    return "、".join(unit.name for unit in bulletin.audience_units.all())


EXPORT_COLUMNS = (
    Column(_lazy("编号"), lambda b: b.pk),
    Column(_lazy("标题"), lambda b: b.title),
    Column(_lazy("类别"), lambda b: b.get_kind_display()),
    Column(_lazy("状态"), lambda b: b.get_status_display()),
    Column(_lazy("发布单位"), lambda b: b.unit.name),
    Column(_lazy("面向单位"), _audience),
    Column(_lazy("起草人"), lambda b: str(b.created_by or "")),
    Column(_lazy("起草时间"), lambda b: b.created_at),
    Column(_lazy("发布时间"), lambda b: b.published_at or ""),
    Column(_lazy("正文"), lambda b: b.body),
)


@guarded(BULLETIN_EXPORT)
def bulletin_export(request):
    return BULLETINS.export(
        request,
        bulletins_listed(request.user),
        filename=_("宣传通告.xlsx"),
        columns=EXPORT_COLUMNS,
        model=Bulletin,
    )


def _ids(units) -> list[int]:
    return [unit.pk for unit in units or ()]


def _bulletin_url(bulletin: Bulletin) -> str:
    return reverse("outreach:bulletin", kwargs={"pk": bulletin.pk})


@guarded(Capability.DRAFT_BULLETINS)
def bulletin_new(request):
    form = BulletinForm(
        request.POST or None,
        units=units_of(request.user),
        initial={"unit": request.user.unit, "kind": BulletinKind.GUIDANCE},
    )
    return form_page(
        request,
        form,
        save=lambda data: bulletin_create(
            actor=request.user,
            unit=data["unit"],
            kind=data["kind"],
            title=data["title"],
            body=data["body"],
            audience_unit_ids=_ids(data["audience_units"]),
        ),
        done=_bulletin_url,
        message=_("已保存草稿，待所长审核"),
        template="outreach/bulletin_form.html",
        context={"bulletin": None},
    )


@guarded(BULLETIN_RECORDS)
def bulletin_edit(request, pk: int):
    bulletin = bulletin_or_404(request, pk)
    # Its author or one who publishes, while it is a draft (the page shows the link only then).
    if not may_edit(request.user, bulletin):
        raise PermissionDenied(_("只能修改本人起草的草稿"))
    form = BulletinForm(
        request.POST or None,
        units=units_of(request.user),
        editing=True,
        initial={
            "unit": bulletin.unit,
            "kind": bulletin.kind,
            "title": bulletin.title,
            "body": bulletin.body,
            "audience_units": list(bulletin.audience_units.all()),
        },
    )
    return form_page(
        request,
        form,
        save=lambda data: bulletin_update(
            actor=request.user,
            bulletin=bulletin,
            kind=data["kind"],
            title=data["title"],
            body=data["body"],
            audience_unit_ids=_ids(data["audience_units"]),
        ),
        done=_bulletin_url,
        message=_("已保存"),
        template="outreach/bulletin_form.html",
        context={"bulletin": bulletin},
    )


@guarded(BULLETIN_RECORDS)
def bulletin_detail(request, pk: int):
    bulletin = bulletin_or_404(request, pk)
    return render(
        request,
        "outreach/bulletin_detail.html",
        {
            "bulletin": bulletin,
            "audience": list(bulletin.audience_units.all()),
            "copy_text": copy_text(bulletin),
            "transitions": transitions_for(request.user, bulletin),
            "editable": may_edit(request.user, bulletin),
            "history": list(bulletin_transitions(bulletin)),
            "posts": list(bulletin.posts.visible_to(request.user).select_related("group")[:20]),
        },
    )


@guarded(BULLETIN_RECORDS)
@require_POST
def bulletin_status(request, pk: int):
    bulletin = bulletin_or_404(request, pk)
    form = BulletinTransitionForm(request.POST)
    return form_action(
        request,
        form,
        save=lambda data: bulletin_transition(
            actor=request.user, bulletin=bulletin, to=data["to"], reason=data["reason"]
        ),
        done=reverse("outreach:bulletin", args=[bulletin.pk]),
        message=lambda _saved: (
            _("已变更为“%(s)s”") % {"s": BulletinStatus(form.cleaned_data["to"]).label}
        ),
        invalid=_("请选择新状态"),
    )
