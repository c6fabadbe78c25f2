"""Verifying a presented pass at a checkpoint; every attempt is logged, whatever its result.

Order of checks: the text parses → its issuer is known → the signature holds → the pass's
status at that moment (`passes.status`: not revoked or superseded, the moment in
[valid_from, valid_to)) → the checkpoint is covered.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.accounts.roles import Capability
from shouwang.units.policy import require
from shouwang.units.scoping import bureau_of, unit_is_visible_to

from ..models import IssuerStatus, Pass, PassVerification, SigningKey, TrustedIssuer
from ..models import VerificationResult as R
from ..status import PassState, pass_status, period_status
from ..tokens import (
    TokenError,
    looks_like_token,
    short_code_normalise,
    signature_is_valid,
    token_parse,
)

MAX_CODE_LENGTH = 600


@dataclass
class _Outcome:
    result: str
    detail: str = ""
    pass_record: Pass | None = None
    issuer_key_id: str = ""
    issuer_name: str = ""
    short_code: str = ""
    holder: str = ""
    valid_from: datetime | None = None
    valid_to: datetime | None = None
    checkpoint_ids: tuple[int, ...] = field(default_factory=tuple)


def _judge(outcome: _Outcome, checkpoint, at: datetime, record: Pass | None = None) -> _Outcome:
    """The verdict from the one status rule (`passes.status`): a record of ours by its stored
    status and period, a neighbour's token by the period it signed; then the checkpoint."""
    if record is not None:
        state = pass_status(record, now=at)
    else:
        state = period_status(outcome.valid_from, outcome.valid_to, now=at)
    if state == PassState.REVOKED:
        outcome.result = R.REVOKED
        outcome.detail = _("通行证已吊销：%(reason)s") % {"reason": record.status_reason}
    elif state == PassState.SUPERSEDED:
        outcome.result, outcome.detail = R.SUPERSEDED, _("通行证已换发新证，旧证作废")
    elif state == PassState.NOT_YET_VALID:
        outcome.result, outcome.detail = R.NOT_YET_VALID, _("通行证尚未生效")
    elif state == PassState.EXPIRED:
        outcome.result, outcome.detail = R.EXPIRED, _("通行证已过期")
    elif outcome.checkpoint_ids and checkpoint.pk not in outcome.checkpoint_ids:
        outcome.result, outcome.detail = R.WRONG_CHECKPOINT, _("该通行证不适用于本卡点")
    else:
        outcome.result = R.VALID
    return outcome


def _by_short_code(code: str, checkpoint, at: datetime, bureau) -> _Outcome:
    record = (
        Pass.objects.select_related("signing_key__unit")
        .prefetch_related("checkpoints")
        .filter(short_code=code)
        .first()
    )
    if record is None:
        return _Outcome(R.FORGED, _("查无此通行证编码"), short_code=code)
    outcome = _Outcome(
        R.VALID,
        pass_record=record,
        issuer_key_id=record.signing_key.key_id,
        issuer_name=record.signing_key.unit.name,
        short_code=code,
        holder=record.holder_name,
        valid_from=record.valid_from,
        valid_to=record.valid_to,
        checkpoint_ids=tuple(checkpoint.pk for checkpoint in record.checkpoints.all()),
    )
    if record.signing_key.unit_id != bureau.pk:
        outcome.result, outcome.detail = R.UNKNOWN_ISSUER, _("非本局签发的通行证，请扫描二维码")
        return outcome
    return _judge(outcome, checkpoint, at, record)


def _by_token(token: str, checkpoint, at: datetime, bureau) -> _Outcome:
    try:
        parsed = token_parse(token)
    except TokenError:
        return _Outcome(R.FORGED, _("二维码内容无法识别或已被篡改"))
    claims = parsed.claims
    outcome = _Outcome(
        R.VALID,
        issuer_key_id=claims.key_id,
        short_code=claims.short_code,
        valid_from=claims.valid_from,
        valid_to=claims.valid_to,
        checkpoint_ids=claims.checkpoint_ids,
    )
    own_key = SigningKey.objects.filter(key_id=claims.key_id, unit=bureau).first()
    issuer = None
    if own_key is None:
        issuer = TrustedIssuer.objects.filter(
            unit=bureau, key_id=claims.key_id, status=IssuerStatus.ACTIVE
        ).first()
        if issuer is None:
            outcome.result, outcome.detail = R.UNKNOWN_ISSUER, _("签发机关未登记或已撤销互认")
            return outcome
    public_key = own_key.public_key if own_key else issuer.public_key
    outcome.issuer_name = bureau.name if own_key else issuer.name
    if not signature_is_valid(parsed, public_key):
        outcome.result, outcome.detail = R.FORGED, _("签名校验失败，通行证可能被伪造")
        return outcome
    if own_key is not None:
        record = Pass.objects.filter(short_code=claims.short_code, signing_key=own_key).first()
        if record is None:
            outcome.result, outcome.detail = R.FORGED, _("本局无此通行证记录")
            return outcome
        outcome.pass_record, outcome.holder = record, record.holder_name
        return _judge(outcome, checkpoint, at, record)
    # Another bureau's pass: we can check only what it signed; revocation stays with them.
    return _judge(outcome, checkpoint, at)


@transaction.atomic
def pass_verify(
    *, code: str, checkpoint, actor, at: datetime | None = None, passage=None
) -> PassVerification:
    """Check a pass presented at a checkpoint (typed short code or scanned token) and log it,
    with the passage it was shown for, if any."""
    require(actor, Capability.VERIFY_PASSES, message=_("您无权核验通行证"))
    if checkpoint is None or not unit_is_visible_to(checkpoint.unit, actor):
        raise ValidationError({"checkpoint": _("未知的卡点")})
    text = (code or "").strip()
    if not text:
        raise ValidationError({"code": _("请扫描二维码或输入通行证编码")})
    if len(text) > MAX_CODE_LENGTH:
        raise ValidationError({"code": _("内容过长，不是本系统的通行证")})
    at = at or timezone.now()
    bureau = bureau_of(checkpoint.unit)
    if looks_like_token(text):
        outcome = _by_token(text, checkpoint, at, bureau)
    elif short_code := short_code_normalise(text):
        outcome = _by_short_code(short_code, checkpoint, at, bureau)
    else:
        outcome = _Outcome(R.FORGED, _("通行证编码格式不正确"))
    return PassVerification.objects.create(
        pass_record=outcome.pass_record,
        code=text,
        checkpoint=checkpoint,
        verified_by=actor,
        verified_at=at,
        result=outcome.result,
        issuer_key_id=outcome.issuer_key_id,
        issuer_name=outcome.issuer_name[:100],
        short_code=outcome.short_code,
        holder=outcome.holder[:100],
        valid_from=outcome.valid_from,
        valid_to=outcome.valid_to,
        detail=outcome.detail[:300],
        passage=passage,
    )
