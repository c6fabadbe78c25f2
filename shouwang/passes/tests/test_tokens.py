from datetime import UTC, datetime, timedelta

import pytest

from shouwang.passes import tokens
from shouwang.passes.tokens import TokenError

START = datetime(2026, 2, 1, tzinfo=UTC)
END = START + timedelta(days=7)


@pytest.fixture(scope="module")
def pair():
    return tokens.key_pair_generate()


def sign(private, **extra):
    fields = {
        "private_key": private,
        "short_code": "7K3MQ9TX",
        "valid_from": START,
        "valid_to": END,
        "checkpoint_ids": [12, 4],
        "plates": ["陕K12345"],
    }
    fields.update(extra)
    return tokens.token_sign(**fields)


def is_accepted(token: str, public: str) -> bool:
    try:
        parsed = tokens.token_parse(token)
    except TokenError:
        return False
    return tokens.signature_is_valid(parsed, public)


def test_a_token_round_trips_its_claims(pair):
    private, public = pair
    parsed = tokens.token_parse(sign(private))
    assert parsed.claims == tokens.PassClaims(
        key_id=tokens.key_id_of(public),
        short_code="7K3MQ9TX",
        valid_from=START,
        valid_to=END,
        checkpoint_ids=(4, 12),
        plates_hash=tokens.plates_hash(["陕K12345"]),
    )
    assert tokens.signature_is_valid(parsed, public)


def test_a_token_uses_only_qr_alphanumeric_characters(pair):
    token = sign(pair[0])
    assert set(token) <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
    assert token.startswith("SW1-")


def test_every_byte_flipped_fails(pair):
    private, public = pair
    raw = tokens.decode(sign(private))
    for position in range(len(raw)):
        tampered = bytearray(raw)
        tampered[position] ^= 0x01
        assert not is_accepted(tokens.encode(bytes(tampered)), public), position


def test_every_character_changed_fails(pair):
    private, public = pair
    token = sign(private)
    for position in range(len(token)):
        replacement = "A" if token[position] != "A" else "B"
        tampered = token[:position] + replacement + token[position + 1 :]
        assert not is_accepted(tampered, public), position


def test_truncated_and_extended_tokens_fail(pair):
    private, public = pair
    token = sign(private)
    raw = tokens.decode(token)
    for cut in range(1, len(token) - 4):
        assert not is_accepted(token[:-cut], public)
    assert not is_accepted(token + "A", public)
    assert not is_accepted(tokens.encode(raw + b"\x00"), public)
    assert not is_accepted(tokens.encode(raw[:-1]), public)


def test_a_token_signed_by_another_key_fails(pair):
    other_private, _ = tokens.key_pair_generate()
    assert not is_accepted(sign(other_private), pair[1])


def test_lower_case_and_other_prefixes_are_refused(pair):
    token = sign(pair[0])
    with pytest.raises(TokenError):
        tokens.decode(token.lower())
    with pytest.raises(TokenError):
        tokens.decode("SW2-" + token[4:])


def test_short_codes_forgive_case_dashes_and_look_alike_letters():
    assert tokens.short_code_normalise(" 7k3m-q9tx ") == "7K3MQ9TX"
    assert tokens.short_code_normalise("O1LI2345") == "01112345"
    assert tokens.short_code_normalise("7K3MQ9T") is None
    assert tokens.short_code_normalise("7K3MQ9TU") is None


def test_public_keys_are_accepted_as_base64_or_pem(pair):
    from base64 import b64decode

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    public = pair[1]
    pem = (
        Ed25519PublicKey.from_public_bytes(b64decode(public))
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    assert tokens.public_key_normalise(pem) == public
    assert tokens.public_key_normalise(f"  {public}\n") == public
    with pytest.raises(TokenError):
        tokens.public_key_normalise("not a key")
