"""Who may do what with rumours: the rules the pages, the API and the services share.

Officers, station chiefs and the duty desk keep the knowledge base (MANAGE_RUMOURS): enter a
rumour, edit it, publish, retire. Everyone who answers residents reads it and checks a message
against it: field officers and auxiliaries (WORK_COMMUNITY, who push notes to building groups)
and the commander (VIEW_REPORTS). Residents check a message on the public page, no account.
"""

from shouwang.accounts.roles import Capability as C
from shouwang.units.policy import Policy

RUMOUR_RECORDS = Policy.any(C.MANAGE_RUMOURS, C.WORK_COMMUNITY, C.VIEW_REPORTS)
RUMOUR_MANAGE = Policy.all(C.MANAGE_RUMOURS)
RUMOUR_EXPORT = RUMOUR_RECORDS.with_all(C.EXPORT_DATA)
