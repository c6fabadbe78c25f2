"""The staff directory: who works in my units, and managing their accounts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from shouwang.privacy.exports import Column, personal
from shouwang.privacy.masking import mask_id_number, mask_phone
from shouwang.privacy.reveal import reveal_view
from shouwang.privacy.services import may_view_personal_data
from shouwang.shell.forms import add_service_errors
from shouwang.shell.listing import Listing
from shouwang.shell.redirects import next_path
from shouwang.units.models import Unit
from shouwang.units.policy import guarded
from shouwang.units.scoping import get_visible_or_404

from .filters import StaffFilter
from .forms import UserForm
from .lockout import locked_usernames
from .models import User
from .roles import Capability, Role
from .selectors import staff_listed
from .services import account_unlock, user_create, user_update

# The search may be a phone: posted and kept out of URLs (privacy.searches).
STAFF = Listing(StaffFilter, sensitive=("q",))


@login_required
def staff_list(request):
    if request.method == "POST":
        return STAFF.search_redirect(request)
    listing = STAFF.page(request, staff_listed(request.user))
    may_manage = request.user.has_capability(Capability.MANAGE_USERS)
    return render(
        request,
        "accounts/staff_list.html",
        {
            **listing,
            "units": Unit.objects.visible_to(request.user),
            "roles": Role.choices,
            "may_reveal": may_view_personal_data(request.user),
            "may_manage": may_manage,
            # Usernames are half of a login: only those who manage accounts see them.
            "locked": locked_usernames([m.username for m in listing["page_obj"]])
            if may_manage
            else set(),
        },
    )


USERNAME_COLUMN = Column(_lazy("用户名"), lambda member: member.username)
EXPORT_COLUMNS = (
    USERNAME_COLUMN,
    Column(_lazy("姓名"), lambda member: member.full_name),
    Column(_lazy("单位"), lambda member: member.unit.name),
    Column(_lazy("角色"), lambda member: member.get_role_display()),
    Column(_lazy("警号"), lambda member: member.police_number),
    personal(_lazy("手机号"), lambda member: member.phone, mask_phone),
    personal(_lazy("身份证号"), lambda member: member.id_number, mask_id_number),
)


def _export_columns(user: User) -> list[Column]:
    manages = user.has_capability(Capability.MANAGE_USERS)
    return [column for column in EXPORT_COLUMNS if manages or column is not USERNAME_COLUMN]


@guarded(Capability.EXPORT_DATA)
def staff_export(request):
    return STAFF.export(
        request,
        staff_listed(request.user),
        filename=_("人员名册.xlsx"),
        columns=_export_columns(request.user),
        model=User,
    )


def _member(request, pk: int) -> User:
    return get_visible_or_404(User, request.user, pk=pk)


staff_reveal = reveal_view(_member, rule=Capability.VIEW_PERSONAL_DATA)


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


@guarded(Capability.MANAGE_USERS)
def user_new(request):
    return _user_form_view(request, None)


@guarded(Capability.MANAGE_USERS)
def user_edit(request, pk: int):
    return _user_form_view(request, _member(request, pk))


@guarded(Capability.MANAGE_USERS)
@require_POST
def user_unlock(request, pk: int):
    member = get_visible_or_404(User, request.user, pk=pk)
    try:
        account_unlock(
            actor=request.user, user=member, reason=request.POST.get("reason", ""), request=request
        )
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, _("已解除 %(name)s 的登录锁定") % {"name": member})
    return redirect(next_path(request, "accounts:staff"))
