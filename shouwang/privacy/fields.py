"""Encrypted storage and keyed blind indexes for personal data.

Values are encrypted with Fernet by django-fernet-encrypted-fields, so a copy of the
database reveals nothing; equality search goes through an HMAC of the normalised value
kept in a sibling column (`<field>_index`), computed with a key the database never sees.
"""

import hashlib
import hmac

from django.conf import settings
from encrypted_fields.fields import EncryptedCharField as LibraryEncryptedCharField

__all__ = ["EncryptedCharField", "blind_index"]


class EncryptedCharField(LibraryEncryptedCharField):
    """Stores "" for an empty value (the library stores NULL), so blank stays blank, not unknown."""

    def get_prep_value(self, value):
        # The library first tries to decrypt the value (in case it is already a token), which
        # costs a failed decryption per value; ours always hold plain text (from_db_value
        # decrypts), and a list import encrypts 140,000 of them.
        if not value:
            return ""
        return self.f.encrypt(str(value).encode()).decode()


def blind_index(value: str, *, purpose: str) -> str:
    """Deterministic keyed digest of an already-normalised value; empty input gives ""."""
    if not value:
        return ""
    key = settings.SHOUWANG_BLIND_INDEX_KEY.encode()
    # The one-shot digest runs in C: imports compute three of these per row.
    return hmac.digest(key, f"{purpose}:{value}".encode(), hashlib.sha256).hex()
