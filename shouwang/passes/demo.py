"""Demo passes: the bureau's key, the neighbouring county as trusted issuer with one of its
passes (scenario 1: oil-field trucks), and local passes (one revoked, one expired).

Runs after the checkpoints demo when there is one: passes limited to a checkpoint name it.
"""

from datetime import timedelta

from django.utils import timezone

from shouwang.accounts.models import User
from shouwang.checkpoints.models import Checkpoint
from shouwang.demo.bureau import demo_id_number
from shouwang.units.models import Unit

from . import tokens
from .models import Pass, TrustedIssuer
from .services import (
    PassPersonIn,
    pass_issue,
    pass_revoke,
    signing_key_ensure,
    trusted_issuer_register,
)

NEIGHBOUR = "邻县公安局"
# A fixed demo key of the neighbouring county, so its pass verifies after every reload.
NEIGHBOUR_PRIVATE_KEY = "cS5/S7UrIDxgKf85eEHAghjDuBaykTuJLRFuzUA4Mhs="
OILFIELD = ("长庆油田第三采油厂运输大队", "91610824MA70X2Y57L")


def neighbour_pass_token() -> str:
    """The neighbouring county's pass for the oil-field trucks, valid at every checkpoint here."""
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return tokens.token_sign(
        private_key=NEIGHBOUR_PRIVATE_KEY,
        short_code="L1NX1AN0",
        valid_from=start - timedelta(days=3),
        valid_to=start + timedelta(days=27),
        plates=["陕K3A518", "陕K3A519"],
    )


def load() -> None:
    bureau = Unit.objects.get(name="清河县公安局")
    signing_key_ensure(bureau=bureau)
    commander = User.objects.get(username="commander")
    chief1 = User.objects.get(username="chief1")
    if not TrustedIssuer.objects.filter(unit=bureau, name=NEIGHBOUR).exists():
        trusted_issuer_register(
            actor=commander,
            name=NEIGHBOUR,
            public_key=tokens.public_key_of(NEIGHBOUR_PRIVATE_KEY),
            note="油区联合防控，互认通行证",
        )
    if Pass.objects.exists():
        return
    now = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    east = Checkpoint.objects.filter(unit__path__startswith=chief1.unit.path).first()
    pass_issue(
        actor=commander,
        holder_kind="enterprise",
        enterprise_name=OILFIELD[0],
        credit_code=OILFIELD[1],
        plates=["陕K3A518", "陕K3A519", "陕KD2207"],
        people=[PassPersonIn("马建军"), PassPersonIn("侯志强")],
        purpose="油田生产物资运输",
        valid_from=now - timedelta(days=5),
        valid_to=now + timedelta(days=25),
        zones="矿区道路及县内国省道",
    )
    pass_issue(
        actor=chief1,
        holder_kind="enterprise",
        enterprise_name="清河县康民医药有限公司",
        credit_code="91610824MA70X2Y57L",
        plates=["陕K88631"],
        purpose="药品配送",
        valid_from=now - timedelta(days=2),
        valid_to=now + timedelta(days=12),
        checkpoints=[east] if east else [],
    )
    pass_issue(
        actor=chief1,
        holder_kind="person",
        person_name="陈秀兰",
        person_id_number=demo_id_number("19850315", "002"),
        phone="13991234567",
        plates=["陕K6N203"],
        purpose="透析患者往返县医院",
        valid_from=now - timedelta(days=1),
        valid_to=now + timedelta(days=13),
    )
    revoked = pass_issue(
        actor=chief1,
        holder_kind="enterprise",
        enterprise_name="城关建材批发部",
        credit_code="91610824MA70X2Y57L",
        plates=["陕K20917"],
        purpose="建材运输",
        valid_from=now - timedelta(days=10),
        valid_to=now + timedelta(days=20),
    )
    pass_revoke(actor=chief1, pass_record=revoked, reason="企业未按规定停工，取消通行资格")
    pass_issue(
        actor=chief1,
        holder_kind="enterprise",
        enterprise_name="清河县蔬菜批发市场",
        credit_code="91610824MA70X2Y57L",
        plates=["陕K51770"],
        purpose="蔬菜保供运输",
        valid_from=now - timedelta(days=20),
        valid_to=now - timedelta(days=6),
    )
