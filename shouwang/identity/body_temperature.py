"""Body temperatures as officers type them, and the fever line, shared by checkpoints and follow-ups."""

from decimal import Decimal, InvalidOperation
from typing import Any

from .errors import IdentityError

FEVER_THRESHOLD = Decimal("37.3")
TEMPERATURE_MIN = Decimal("34")
TEMPERATURE_MAX = Decimal("43")


def parse_temperature(value: Any) -> Decimal | None:
    """A reading in °C to one decimal, None when blank; outside 34–43 °C is a typing error."""
    if value is None or value == "":
        return None
    try:
        temperature = Decimal(str(value)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError) as error:
        raise IdentityError("体温必须是数字", "temperature_format") from error
    if not TEMPERATURE_MIN <= temperature <= TEMPERATURE_MAX:
        raise IdentityError("体温应在34至43℃之间", "temperature_range")
    return temperature


def is_fever(temperature: Decimal | None) -> bool:
    return temperature is not None and temperature >= FEVER_THRESHOLD
