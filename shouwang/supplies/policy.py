"""The rules of the supplies area's pages and API operations (named once, used by both)."""

from shouwang.accounts.roles import Capability as C
from shouwang.units.policy import Policy

# Who keeps a unit's gear reads its stock and ledger; commanders read the figures too.
SUPPLY_RECORDS = Policy.any(C.MANAGE_SUPPLIES, C.VIEW_REPORTS)
# Receiving, issuing, transferring, writing off and correcting: the keeper of the stock.
SUPPLY_WRITE = Policy.all(C.MANAGE_SUPPLIES)
SUPPLY_EXPORT = SUPPLY_RECORDS.with_all(C.EXPORT_DATA)
DONOR_REVEAL = SUPPLY_RECORDS.with_all(C.VIEW_PERSONAL_DATA)
