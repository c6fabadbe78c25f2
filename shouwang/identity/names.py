"""The one rule for names of people: something a reader can see, and nothing hidden in it.

A name made of zero-width spaces or of direction overrides (U+202E turns "张三" into a name
that reads differently on every screen) is indistinguishable from another or from nothing
on a list, a pass or a report. Such characters (Unicode categories Cc, Cf, Cs, Co, Cn)
are refused, and a name must hold at least one letter (Chinese characters are letters).
"""

import unicodedata

from django.core.exceptions import ValidationError

INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
INVISIBLE_MESSAGE = "姓名不能包含不可见字符或文字方向控制字符"
NO_LETTER_MESSAGE = "姓名必须包含文字"


def person_name_error(name: str) -> str | None:
    """Why `name` cannot be a person's name (None when it can); an empty name is the caller's call."""
    if not name:
        return None
    categories = [unicodedata.category(character) for character in name]
    if any(category in INVISIBLE_CATEGORIES for category in categories):
        return INVISIBLE_MESSAGE
    if not any(category.startswith("L") for category in categories):
        return NO_LETTER_MESSAGE
    return None


def check_person_name(name: str, field: str) -> str:
    """`name` when it is a possible name, else ValidationError({field: message})."""
    message = person_name_error(name)
    if message:
        raise ValidationError({field: message})
    return name
