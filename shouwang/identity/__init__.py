"""Validators and parsers of identifiers people type: ID numbers, plates, phones, credit codes,
GB/T 2260 region codes. Pure functions over data files shipped in data/; no database."""

from .chinese_text import compact, normalize_input, to_halfwidth, to_simplified
from .credit_codes import is_valid_credit_code, parse_credit_code
from .errors import IdentityError
from .id_numbers import ResidentIdentity, is_valid_id_number, mask_id_number, parse_id_number
from .phones import mask_phone, normalize_mobile
from .plates import LicencePlate, parse_plate, plate_prefixes_for_region
from .regions import (
    Region,
    city_code,
    get_region,
    is_abolished,
    province_code,
    region_exists,
    region_name,
)

__all__ = [
    "IdentityError",
    "LicencePlate",
    "Region",
    "ResidentIdentity",
    "city_code",
    "compact",
    "get_region",
    "is_abolished",
    "is_valid_credit_code",
    "is_valid_id_number",
    "mask_id_number",
    "mask_phone",
    "normalize_input",
    "normalize_mobile",
    "parse_credit_code",
    "parse_id_number",
    "parse_plate",
    "plate_prefixes_for_region",
    "province_code",
    "region_exists",
    "region_name",
    "to_halfwidth",
    "to_simplified",
]
