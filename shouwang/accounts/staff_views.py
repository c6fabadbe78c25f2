"""The staff directory: who works in my units, and managing their accounts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shouwang.privacy.masking import mask_id_number, mask_phone
from shouwang.privacy.services import (
    may_view_personal_data,
    personal_data_export_record,
    personal_data_reveal,
)
from shouwang.shell.forms import add_service_errors
from shouwang.shell.spreadsheets import xlsx_response
from shouwang.units.models import Unit
from shouwang.units.scoping import get_visible_or_404

from .forms import UserForm
from .models import User
from .roles import Capability, Role
from .selectors import staff_search
from .services import user_create, user_update


def _filters(request) -> dict[str, str]:
    return {
        "query": request.GET.get("q", ""),
        "unit_id": request.GET.get("unit", ""),
        "role": request.GET.get("role", ""),
    }


@login_required
def staff_list(request):
    staff = staff_search(request.user, **_filters(request))
    page = Paginator(staff, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/staff_list.html",
        {
            "page_obj": page,
            "units": Unit.objects.visible_to(request.user),
            "roles": Role.choices,
            "filters": _filters(request),
            "query_without_page": query.urlencode(),
            "may_reveal": may_view_personal_data(request.user),
            "may_manage": request.user.has_capability(Capability.MANAGE_USERS),
        },
    )


@login_required
def staff_export(request):
    staff = list(staff_search(request.user, **_filters(request)))
    full = request.GET.get("full") == "1" and may_view_personal_data(request.user)
    personal_data_export_record(
        actor=request.user,
        model=User,
        ids=[member.pk for member in staff],
        full=full,
        reason=request.GET.get("reason", ""),
        request=request,
    )
    rows = (
        (
            member.username,
            member.full_name,
            member.unit.name,
            member.get_role_display(),
            member.police_number,
            member.phone if full else mask_phone(member.phone) if member.phone else "",
            member.id_number
            if full
            else mask_id_number(member.id_number)
            if member.id_number
            else "",
        )
        for member in staff
    )
    headers = [_("用户名"), _("姓名"), _("单位"), _("角色"), _("警号"), _("手机号"), _("身份证号")]
    return xlsx_response(_("人员名册.xlsx"), headers, rows)


@login_required
@require_POST
def staff_reveal(request, pk: int):
    member = get_visible_or_404(User, request.user, pk=pk)
    try:
        values = personal_data_reveal(
            actor=request.user,
            record=member,
            fields=["id_number", "phone"],
            reason=request.POST.get("reason", ""),
            request=request,
        )
    except ValidationError as error:
        return render(
            request, "accounts/_reveal_error.html", {"errors": error.messages}, status=422
        )
    return render(request, "accounts/_revealed.html", {"values": values})


def _user_form_view(request, member: User | None):
    if not request.user.has_capability(Capability.MANAGE_USERS):
        raise PermissionDenied
    units = Unit.objects.visible_to(request.user)
    initial = {}
    if member is not None:
        initial = {
            "username": member.username,
            "full_name": member.full_name,
            "unit": member.unit,
            "role": member.role,
            "police_number": member.police_number,
            "id_number": member.id_number,
            "phone": member.phone,
            "is_active": member.is_active,
        }
    form = UserForm(request.POST or None, initial=initial, units=units, editing=member is not None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if member is None:
                user_create(
                    actor=request.user,
                    username=data["username"],
                    unit=data["unit"],
                    role=data["role"],
                    password=data["password"],
                    full_name=data["full_name"],
                    police_number=data["police_number"],
                    id_number=data["id_number"],
                    phone=data["phone"],
                )
            else:
                user_update(
                    actor=request.user,
                    user=member,
                    unit=data["unit"],
                    role=data["role"],
                    full_name=data["full_name"],
                    police_number=data["police_number"],
                    id_number=data["id_number"],
                    phone=data["phone"],
                    is_active=data["is_active"],
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("账号已保存"))
            return redirect("accounts:staff")
    return render(request, "accounts/user_form.html", {"form": form, "member": member})


@login_required
def user_new(request):
    return _user_form_view(request, None)


@login_required
def user_edit(request, pk: int):
    return _user_form_view(request, get_visible_or_404(User, request.user, pk=pk))
