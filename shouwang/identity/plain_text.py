"""What any text must be to be stored: no NUL, no control characters, no broken characters.

PostgreSQL refuses NUL in text and neither database can encode a lone surrogate (half of a
character that arrived as `\\udbf9` in JSON), so such input would fail at the database as a
500. Tabs and line breaks are ordinary in notes and addresses and stay allowed.
"""

import unicodedata

from django.utils.translation import gettext_noop

ALLOWED_CONTROLS = frozenset("\t\n\r")
# Marked for the catalogue only: callers translate it where they show it.
UNSTORABLE_MESSAGE = gettext_noop("不能包含控制字符或无效字符")


def is_unstorable(character: str) -> bool:
    if character in ALLOWED_CONTROLS:
        return False
    # Cc: C0/C1 controls, NUL included; Cs: lone surrogates.
    return unicodedata.category(character) in ("Cc", "Cs")


def plain_text_error(text: str) -> str | None:
    """Why `text` cannot be stored as typed (None when it can)."""
    if text.isprintable() or not any(is_unstorable(character) for character in text):
        return None
    return UNSTORABLE_MESSAGE


def check_text(value: str | None, field: str, limit: int, *, required: bool = False) -> str:
    """Typed text as stored: stripped, in Simplified Chinese, its punctuation kept; else
    ValidationError({field: message}) when it is empty but required, too long or unstorable."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from .chinese_text import to_simplified

    text = to_simplified(value or "").strip()
    problem = plain_text_error(text)
    if problem:
        raise ValidationError({field: _(problem)})
    if required and not text:
        raise ValidationError({field: _("请填写此项")})
    if len(text) > limit:
        raise ValidationError({field: _("内容过长，最多%(n)s个字") % {"n": limit}})
    return text
