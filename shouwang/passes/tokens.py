"""The signed token a pass's QR code carries, and the short code people type.

Layout of the signed bytes (big-endian), then a 64-byte Ed25519 signature over them:

    version   1 byte   (1)
    key id    8 bytes  first 8 bytes of SHA-256 of the issuer's raw public key
    code      5 bytes  the pass's short code (8 Crockford base32 characters = 40 bits)
    from      4 bytes  valid_from, Unix seconds (inclusive)
    to        4 bytes  valid_to, Unix seconds (exclusive)
    count     1 byte   number of checkpoint ids; 0 means every checkpoint
    ids       4 bytes each
    plates    8 bytes  first 8 bytes of SHA-256 of the sorted normalised plates

The whole is written in RFC 4648 base32 without padding after "SW1-": upper-case letters,
digits and "-" only, so the QR code uses its dense alphanumeric mode. Decoding is strict
(the text must be exactly what encoding the bytes gives), so no character can change
without the token failing.
"""

import base64
import binascii
import hashlib
import secrets
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

VERSION = 1
PREFIX = "SW1-"
SIGNATURE_SIZE = 64
MAX_CHECKPOINTS = 60
_HEAD = struct.Struct(">B8s5sIIB")
_PLATES_SIZE = 8

# Crockford base32: no I, L, O, U, so what people read aloud they type back correctly.
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CROCKFORD_VALUES = {character: value for value, character in enumerate(CROCKFORD)}
_CROCKFORD_ALIASES = {"I": "1", "L": "1", "O": "0"}
SHORT_CODE_LENGTH = 8


class TokenError(ValueError):
    """The text is not a well-formed token."""


@dataclass(frozen=True)
class PassClaims:
    key_id: str  # 16 upper-case hex characters
    short_code: str
    valid_from: datetime
    valid_to: datetime
    checkpoint_ids: tuple[int, ...]  # empty: every checkpoint
    plates_hash: bytes


@dataclass(frozen=True)
class ParsedToken:
    claims: PassClaims
    signed: bytes
    signature: bytes


# --- keys ---------------------------------------------------------------------------------


def key_pair_generate() -> tuple[str, str]:
    """A new Ed25519 pair as (private, public), each the raw 32 bytes in base64."""
    private = Ed25519PrivateKey.generate()
    raw_private = private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return _b64(raw_private), public_key_of(_b64(raw_private))


def public_key_of(private_key: str) -> str:
    private = Ed25519PrivateKey.from_private_bytes(base64.b64decode(private_key))
    raw = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return _b64(raw)


def public_key_normalise(text: str) -> str:
    """A public key given as base64 of the raw 32 bytes or as PEM, in base64; raises TokenError."""
    text = text.strip()
    try:
        if text.startswith("-----BEGIN"):
            key = serialization.load_pem_public_key(text.encode())
            if not isinstance(key, Ed25519PublicKey):
                raise TokenError("not an Ed25519 key")
            raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        else:
            raw = base64.b64decode("".join(text.split()), validate=True)
            Ed25519PublicKey.from_public_bytes(raw)
    except (ValueError, binascii.Error) as error:
        raise TokenError("malformed public key") from error
    return _b64(raw)


def key_id_of(public_key: str) -> str:
    return hashlib.sha256(base64.b64decode(public_key)).digest()[:8].hex().upper()


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


# --- short codes --------------------------------------------------------------------------


def short_code_generate() -> str:
    return "".join(secrets.choice(CROCKFORD) for _ in range(SHORT_CODE_LENGTH))


def short_code_normalise(text: str) -> str | None:
    """The canonical code in what someone typed ("abcd-efgh", "ABCDEFGH"), or None."""
    code = "".join(text.split()).replace("-", "").upper()
    code = "".join(_CROCKFORD_ALIASES.get(character, character) for character in code)
    if len(code) != SHORT_CODE_LENGTH or any(c not in _CROCKFORD_VALUES for c in code):
        return None
    return code


def short_code_display(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def _code_to_bytes(code: str) -> bytes:
    value = 0
    for character in code:
        value = value * 32 + _CROCKFORD_VALUES[character]
    return value.to_bytes(5, "big")


def _code_from_bytes(raw: bytes) -> str:
    value = int.from_bytes(raw, "big")
    characters = []
    for _ in range(SHORT_CODE_LENGTH):
        value, digit = divmod(value, 32)
        characters.append(CROCKFORD[digit])
    return "".join(reversed(characters))


# --- tokens -------------------------------------------------------------------------------


def plates_hash(plates: Iterable[str]) -> bytes:
    return hashlib.sha256(",".join(sorted(plates)).encode()).digest()[:_PLATES_SIZE]


def _seconds(moment: datetime) -> int:
    seconds = int(moment.timestamp())
    if not 0 <= seconds < 2**32:
        raise TokenError("time out of range")
    return seconds


def token_sign(
    *,
    private_key: str,
    short_code: str,
    valid_from: datetime,
    valid_to: datetime,
    checkpoint_ids: Iterable[int] = (),
    plates: Iterable[str] = (),
) -> str:
    """The token for a pass, signed with the issuer's private key (base64 raw)."""
    ids = tuple(sorted(set(checkpoint_ids)))
    if len(ids) > MAX_CHECKPOINTS:
        raise TokenError("too many checkpoints")
    private = Ed25519PrivateKey.from_private_bytes(base64.b64decode(private_key))
    key_id = bytes.fromhex(key_id_of(public_key_of(private_key)))
    signed = (
        _HEAD.pack(
            VERSION,
            key_id,
            _code_to_bytes(short_code),
            _seconds(valid_from),
            _seconds(valid_to),
            len(ids),
        )
        + b"".join(struct.pack(">I", checkpoint_id) for checkpoint_id in ids)
        + plates_hash(plates)
    )
    return encode(signed + private.sign(signed))


def encode(raw: bytes) -> str:
    return PREFIX + base64.b32encode(raw).decode("ascii").rstrip("=")


def decode(token: str) -> bytes:
    """The bytes of a token; strict: only the exact text `encode` gives is accepted."""
    if not token.startswith(PREFIX):
        raise TokenError("prefix")
    body = token[len(PREFIX) :]
    try:
        raw = base64.b32decode(body + "=" * (-len(body) % 8))
    except (binascii.Error, ValueError) as error:
        raise TokenError("encoding") from error
    if encode(raw) != token:
        raise TokenError("not canonical")
    return raw


def looks_like_token(text: str) -> bool:
    return text.strip().upper().startswith(PREFIX)


def token_parse(token: str) -> ParsedToken:
    """Split a token into claims, signed bytes and signature, without checking the signature."""
    raw = decode(token)
    if len(raw) < _HEAD.size + _PLATES_SIZE + SIGNATURE_SIZE:
        raise TokenError("too short")
    version, key_id, code, start, end, count = _HEAD.unpack_from(raw)
    if version != VERSION:
        raise TokenError("version")
    signed_size = _HEAD.size + 4 * count + _PLATES_SIZE
    if len(raw) != signed_size + SIGNATURE_SIZE:
        raise TokenError("length")
    ids = struct.unpack_from(f">{count}I", raw, _HEAD.size)
    if start >= end:
        raise TokenError("period")
    claims = PassClaims(
        key_id=key_id.hex().upper(),
        short_code=_code_from_bytes(code),
        valid_from=datetime.fromtimestamp(start, UTC),
        valid_to=datetime.fromtimestamp(end, UTC),
        checkpoint_ids=tuple(ids),
        plates_hash=raw[signed_size - _PLATES_SIZE : signed_size],
    )
    return ParsedToken(claims=claims, signed=raw[:signed_size], signature=raw[signed_size:])


def signature_is_valid(parsed: ParsedToken, public_key: str) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key)).verify(
            parsed.signature, parsed.signed
        )
    except (InvalidSignature, ValueError):
        return False
    return True
