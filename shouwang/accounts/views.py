from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from shouwang.shell.redirects import next_path
from shouwang.units.scoping import get_visible_or_404

from .forms import LoginForm, OtpConfirmForm, TokenForm
from .models import ApiToken
from .second_factor import provisioning_svg, second_factor_check
from .services import (
    AccountLocked,
    InvalidCredentials,
    SecondFactorMissing,
    api_token_issue,
    api_token_revoke,
    confirmed_totp_device,
    credentials_check,
)


def login_view(request):
    form = LoginForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            user = credentials_check(
                request=request,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                otp=form.cleaned_data["otp"],
                may_bind_later=True,
            )
        except AccountLocked as locked:
            return render(request, "accounts/locked.html", {"message": locked.message}, status=429)
        except (InvalidCredentials, SecondFactorMissing) as refused:
            form.add_error(None, str(refused))
            status = 401
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            device = confirmed_totp_device(user)
            if device is not None:
                otp_login(request, device)
            return redirect(next_path(request, "home"))
    return render(request, "accounts/login.html", {"form": form}, status=status)


@require_POST
def logout_view(request):
    logout(request)
    return redirect("login")


@login_required
def second_factor(request):
    """Bind (first time) or prove (later) a TOTP authenticator."""
    form = OtpConfirmForm(request.POST or None)
    posted = request.method == "POST" and form.is_valid()
    check = second_factor_check(
        user=request.user, code=form.cleaned_data["otp"] if posted else None
    )
    if check.verified:
        otp_login(request, check.device)
        messages.success(request, _("动态验证码已验证"))
        return redirect(next_path(request, "home"))
    if posted:
        form.add_error("otp", _("动态验证码不正确，请核对手机上的六位数字"))
    context = {"form": form, "binding": check.binding}
    if check.binding:
        context["qr_svg"] = provisioning_svg(check.device)
        context["secret"] = check.device.bin_key.hex()
    return render(request, "accounts/second_factor.html", context)


@login_required
def profile(request):
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _token, new_token = api_token_issue(
            user=request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
        )
        form = TokenForm()
    tokens = ApiToken.objects.filter(user=request.user)
    return render(
        request, "accounts/profile.html", {"form": form, "tokens": tokens, "new_token": new_token}
    )


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = get_visible_or_404(ApiToken.objects.filter(user=request.user), request.user, pk=pk)
    api_token_revoke(token=token, actor=request.user)
    messages.success(request, _("令牌已撤销"))
    return redirect("accounts:profile")


@login_required
def password_change(request):
    """Change one's own password; this session stays signed in, the others are signed out."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        messages.success(request, _("密码已修改"))
        return redirect("accounts:profile")
    status = 422 if request.method == "POST" else 200
    return render(request, "accounts/password_change.html", {"form": form}, status=status)
