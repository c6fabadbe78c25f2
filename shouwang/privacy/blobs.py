"""Whole files kept encrypted in the database: uploaded lists, evidence photos and documents.

One Fernet key per purpose, derived from SECRET_KEY, so a copy of the database alone reveals
no upload and a key of one purpose opens no other's files.
"""

import base64
import hashlib
from functools import cache

from cryptography.fernet import Fernet
from django.conf import settings


@cache
def _fernet(purpose: str, secret: str) -> Fernet:
    key = hashlib.sha256(f"{purpose}:{secret}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def blob_encrypt(content: bytes, *, purpose: str) -> bytes:
    return _fernet(purpose, settings.SECRET_KEY).encrypt(content)


def blob_decrypt(token: bytes, *, purpose: str) -> bytes:
    return _fernet(purpose, settings.SECRET_KEY).decrypt(bytes(token))
