"""Binding and proving a TOTP authenticator (the second factor of commanders and administrators)."""

from dataclasses import dataclass

import segno
from django.db import transaction
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User
from .services import confirmed_totp_device


def provisioning_svg(device) -> str:
    """The otpauth:// address as an inline SVG QR code for an authenticator app to scan."""
    return mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=5))


@dataclass(frozen=True)
class SecondFactorCheck:
    device: TOTPDevice
    binding: bool  # the device was not confirmed before this check
    verified: bool  # the code given was right


@transaction.atomic
def second_factor_check(*, user: User, code: str | None = None) -> SecondFactorCheck:
    """The user's authenticator and, when a code is given, whether it is right.

    Without a confirmed device one is being bound: it is made on the first visit (its secret
    shown as a QR code) and confirmed by the first right code, so a lost QR code never
    confirms a device its owner cannot read.
    """
    device = confirmed_totp_device(user)
    binding = device is None
    if binding:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or (
            TOTPDevice.objects.create(user=user, name=_("动态验证码"), confirmed=False)
        )
    verified = bool(code and device.verify_token(code.strip()))
    if verified and binding:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return SecondFactorCheck(device=device, binding=binding, verified=verified)
