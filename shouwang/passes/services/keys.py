"""The bureau's own signing key and the other bureaus whose keys we trust."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from shouwang.accounts.roles import Capability
from shouwang.units.models import Unit
from shouwang.units.policy import PASS_RECORDS, require
from shouwang.units.scoping import bureau_of

from ..models import IssuerStatus, SigningKey, TrustedIssuer
from ..tokens import TokenError, key_id_of, key_pair_generate, public_key_normalise


@transaction.atomic
def signing_key_ensure(*, bureau: Unit) -> SigningKey:
    """The bureau's active signing key, generated on first use."""
    key = (
        SigningKey.objects.select_for_update().filter(unit=bureau, retired_at__isnull=True).first()
    )
    if key is not None:
        return key
    private, public = key_pair_generate()
    return SigningKey.objects.create(
        unit=bureau, key_id=key_id_of(public), public_key=public, private_key=private
    )


@dataclass(frozen=True)
class OwnKey:
    bureau: Unit
    key: SigningKey


def own_signing_key(*, actor) -> OwnKey:
    """The actor's bureau and its public key, for neighbours to register (made on first use)."""
    require(actor, PASS_RECORDS, message=_("您无权管理通行证"))
    bureau = bureau_of(actor.unit)
    return OwnKey(bureau=bureau, key=signing_key_ensure(bureau=bureau))


@transaction.atomic
def trusted_issuer_register(*, actor, name: str, public_key: str, note: str = "") -> TrustedIssuer:
    """Register another bureau's public key so its passes verify at our checkpoints."""
    require(actor, Capability.MANAGE_PASSES, message=_("您无权管理通行证"))
    errors = {}
    name = name.strip()
    if not name:
        errors["name"] = _("请填写签发机关名称")
    try:
        public = public_key_normalise(public_key)
    except TokenError:
        errors["public_key"] = _("公钥格式不正确，应为 Ed25519 公钥（Base64 或 PEM）")
        public = ""
    bureau = bureau_of(actor.unit)
    if public:
        key_id = key_id_of(public)
        if SigningKey.objects.filter(key_id=key_id).exists():
            errors["public_key"] = _("这是本系统自己的签名公钥，无需登记")
        elif TrustedIssuer.objects.filter(
            unit=bureau, key_id=key_id, status=IssuerStatus.ACTIVE
        ).exists():
            errors["public_key"] = _("该公钥已登记")
    if errors:
        raise ValidationError(errors)
    issuer = TrustedIssuer(
        unit=bureau,
        name=name,
        key_id=key_id,
        public_key=public,
        note=note.strip()[:200],
        registered_by=actor,
    )
    issuer._history_user = actor
    issuer.save()
    return issuer


@transaction.atomic
def trusted_issuer_revoke(*, actor, issuer: TrustedIssuer, reason: str) -> TrustedIssuer:
    """Stop trusting a key: its passes answer "unknown issuer" from now on."""
    require(actor, Capability.MANAGE_PASSES, message=_("您无权管理通行证"))
    if not reason.strip():
        raise ValidationError({"reason": _("请填写撤销原因")})
    if issuer.status == IssuerStatus.REVOKED:
        raise ValidationError({"status": _("该签发机关已撤销")})
    issuer.status, issuer.status_reason = IssuerStatus.REVOKED, reason.strip()[:200]
    issuer._history_user = actor
    issuer.save(update_fields=["status", "status_reason"])
    return issuer
