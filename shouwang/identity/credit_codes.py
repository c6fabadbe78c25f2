"""Unified social credit codes of organisations (GB 32100-2015)."""

from .chinese_text import compact
from .errors import IdentityError

# 31 characters: digits and capitals without I, O, Z, S, V (easily misread).
CREDIT_CODE_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# Weight of position i is 3^i mod 31.
CREDIT_CODE_WEIGHTS = tuple(pow(3, position, 31) for position in range(17))
_VALUES = {character: value for value, character in enumerate(CREDIT_CODE_CHARACTERS)}


def credit_code_check_character(body: str) -> str:
    """The 18th character for the first 17."""
    total = sum(_VALUES[c] * weight for c, weight in zip(body, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARACTERS[-total % 31]


def parse_credit_code(text: str) -> str:
    """The normalised 18-character code; raises IdentityError (empty, length, characters, checksum)."""
    code = compact(text)
    if not code:
        raise IdentityError("请输入统一社会信用代码", "empty")
    if any(character not in _VALUES for character in code):
        raise IdentityError(
            "统一社会信用代码只能包含数字和大写字母（不含I、O、Z、S、V）", "characters"
        )
    if len(code) != 18:
        raise IdentityError("统一社会信用代码应为18位", "length")
    if code[17] != credit_code_check_character(code[:17]):
        raise IdentityError("统一社会信用代码校验位错误", "checksum")
    return code


def is_valid_credit_code(text: str) -> bool:
    """Whether parse_credit_code() accepts the text."""
    try:
        parse_credit_code(text)
    except IdentityError:
        return False
    return True
