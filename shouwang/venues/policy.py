"""The rules of the venues area's pages and API operations (named once, used by both)."""

from shouwang.accounts.roles import Capability as C
from shouwang.units.policy import Policy

# Who works with venues reads them: the register's keepers, inspectors, the closing authority.
VENUE_RECORDS = Policy.any(C.MANAGE_VENUES, C.INSPECT_VENUES, C.ORDER_CLOSURES)
VENUE_EXPORT = VENUE_RECORDS.with_all(C.EXPORT_DATA)
VENUE_REVEAL = VENUE_RECORDS.with_all(C.VIEW_PERSONAL_DATA)
# Field work on a closure: delivering the order and recording the owner's acknowledgement.
VENUE_FIELD_WORK = Policy.any(C.MANAGE_VENUES, C.INSPECT_VENUES)
# Reference prices and gouging thresholds: kept by the register's keepers and the bureau.
PRICE_SETTINGS = Policy.any(C.MANAGE_VENUES, C.ORDER_CLOSURES)
VENUE_FIGURES = Policy.any(C.VIEW_REPORTS, C.MANAGE_VENUES, C.INSPECT_VENUES, C.ORDER_CLOSURES)
