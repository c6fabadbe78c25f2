"""The rules of the outreach pages and API operations (named once, used by both)."""

from shouwang.accounts.roles import Capability as C
from shouwang.units.policy import Policy

# Those who draft or publish bulletins read them; each status change has its own rule
# (services.bulletins.RULES): officers draft, chiefs and the commander approve and publish.
BULLETIN_RECORDS = Policy.any(C.DRAFT_BULLETINS, C.PUBLISH_BULLETINS)
BULLETIN_EXPORT = BULLETIN_RECORDS.with_all(C.EXPORT_DATA)
# Groups are kept by their admins (officers) and chiefs; the commander reads them.
GROUP_RECORDS = Policy.any(C.MANAGE_RESIDENT_GROUPS, C.PUBLISH_BULLETINS)
GROUP_EXPORT = GROUP_RECORDS.with_all(C.EXPORT_DATA)
GROUP_MANAGE = Policy.all(C.MANAGE_RESIDENT_GROUPS)
OUTREACH_FIGURES = Policy.any(
    C.VIEW_REPORTS, C.DRAFT_BULLETINS, C.PUBLISH_BULLETINS, C.MANAGE_RESIDENT_GROUPS
)
