"""Who may do what in the community area: the rules its pages, API and services share.

Field officers (民警, 辅警, 所长) visit households and keep their building logs
(WORK_COMMUNITY); commanders and station chiefs launch campaigns, set up screening points and
appoint building captains (MANAGE_COMMUNITY). Both read the area's records and figures.
"""

from shouwang.accounts.roles import Capability as C
from shouwang.units.policy import Policy

COMMUNITY_RECORDS = Policy.any(C.WORK_COMMUNITY, C.MANAGE_COMMUNITY)
COMMUNITY_EXPORT = COMMUNITY_RECORDS.with_all(C.EXPORT_DATA)
WORK = Policy.all(C.WORK_COMMUNITY)
MANAGE = Policy.all(C.MANAGE_COMMUNITY)
IMPORT_HOUSEHOLDS = Policy.all(C.IMPORT_LISTS, C.WORK_COMMUNITY)
MEMBER_REVEAL = COMMUNITY_RECORDS.with_all(C.VIEW_PERSONAL_DATA)
