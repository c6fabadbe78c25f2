"""A logging filter that hides ID numbers and mobile numbers in logged request lines.

Searches by ID number or phone are posted (privacy.searches, POST /api/v1/people/search), but
an old bookmark, an API client using `GET /api/v1/people?q=` or a typed URL still puts them in
a request line; runserver (`django.server`), `django.request` and gunicorn's access log would
keep them in plain text. The filter rewrites the record's message before any handler sees it.
"""

import logging
import re

# Digits may be typed with spaces or dashes and arrive URL-encoded ("+" or "%20" for a space).
_SEP = r"(?:[\s\-+]|%20|%2[dD])?"
# Resident ID numbers: 18 characters (the last may be X), the old 15 digits, and the 6-8-4
# grouping people type; shouwang.identity.id_numbers parses the same shapes.
_ID_NUMBER = rf"[0-9]{{6}}{_SEP}[0-9]{{8}}{_SEP}[0-9]{{3}}[0-9Xx]|[0-9]{{15}}"
# Mainland mobiles, 1[3-9] + 9 digits, with an optional +86/0086/86 (shouwang.identity.phones).
_MOBILE = rf"(?:(?:\+|%2[bB])?86{_SEP}|0086{_SEP})?1[3-9][0-9]{_SEP}[0-9]{{4}}{_SEP}[0-9]{{4}}"
# Not inside a longer run of digits; "%20" and "%2B" before a number are separators, not digits.
_START = r"(?:(?<![0-9])|(?<=%20)|(?<=%2[bBdD]))"
_IDENTIFIERS = re.compile(rf"{_START}(?:{_ID_NUMBER}|{_MOBILE})(?![0-9])")

REDACTED = "[redacted]"


def redact_identifiers(text: str) -> str:
    return _IDENTIFIERS.sub(REDACTED, text)


class RedactIdentifiers(logging.Filter):
    """Format the record's message now, with identifiers hidden; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed record: leave it to the handler's report
            return True
        redacted = redact_identifiers(message)
        if redacted != message:
            record.msg = redacted
            record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = redact_identifiers(
                logging.Formatter().formatException(record.exc_info)
            )
        return True
