"""Issuing, revoking, renewing and verifying passes; the keys that sign them."""

from .issuing import PassPersonIn, pass_issue, pass_renew, pass_revoke
from .keys import (
    OwnKey,
    own_signing_key,
    signing_key_ensure,
    trusted_issuer_register,
    trusted_issuer_revoke,
)
from .verifying import pass_verify

__all__ = [
    "OwnKey",
    "PassPersonIn",
    "own_signing_key",
    "pass_issue",
    "pass_renew",
    "pass_revoke",
    "pass_verify",
    "signing_key_ensure",
    "trusted_issuer_register",
    "trusted_issuer_revoke",
]
