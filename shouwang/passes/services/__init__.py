"""Issuing, revoking, renewing and verifying passes; the keys that sign them."""

from .issuing import PassPersonIn, pass_issue, pass_renew, pass_revoke
from .keys import (
    bureau_of,
    signing_key_ensure,
    trusted_issuer_register,
    trusted_issuer_revoke,
)
from .verifying import pass_verify

__all__ = [
    "PassPersonIn",
    "bureau_of",
    "pass_issue",
    "pass_renew",
    "pass_revoke",
    "pass_verify",
    "signing_key_ensure",
    "trusted_issuer_register",
    "trusted_issuer_revoke",
]
