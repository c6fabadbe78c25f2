"""The JSON API at /api/v1/: one NinjaAPI mounting every area's router.

It lives here, beside the URL configuration, because it depends on every app; `shouwang.api`
below keeps what the apps share (authentication, the error shape, schemas) and imports none.
"""

from shouwang.accounts.api import router as accounts_router
from shouwang.api.auth import SignedInSession, TokenAuth
from shouwang.api.errors import install_error_handlers
from shouwang.api.openapi import DocumentedAPI
from shouwang.areas.api import router as areas_router
from shouwang.audit.api import router as audit_router
from shouwang.bookings.api import public_router as bookings_public_router
from shouwang.bookings.api import router as bookings_router
from shouwang.cases.api import router as cases_router
from shouwang.checkpoints.api import router as checkpoints_router
from shouwang.command.reports.api import router as reports_router
from shouwang.command.zones.api import router as zones_router
from shouwang.community.api import router as community_router
from shouwang.duty.api import router as duty_router
from shouwang.intake.api.public import router as intake_public_router
from shouwang.intake.api.staff import router as intake_router
from shouwang.outreach.api import public_router as outreach_public_router
from shouwang.outreach.api import router as outreach_router
from shouwang.passes.api import router as passes_router
from shouwang.patrols.api import router as patrols_router
from shouwang.people.api import router as people_router
from shouwang.rumours.api import router as rumours_router
from shouwang.supplies.api import router as supplies_router
from shouwang.units.api import router as units_router
from shouwang.venues.api import router as venues_router

api = DocumentedAPI(
    title="守望 Shouwang API",
    version="1",
    description="疫情防控警务平台接口。使用 POST /api/v1/auth/token 获取令牌，以 Bearer 方式调用。",
    auth=[TokenAuth(), SignedInSession()],
    urls_namespace="api",
)
install_error_handlers(api)

# Each area mounts its router here.
api.add_router("", accounts_router)
api.add_router("/units", units_router)
api.add_router("/audit", audit_router)
api.add_router("/key-areas", areas_router)
# Checkpoints own /checkpoints, /passages and /stats/checkpoints.
api.add_router("", checkpoints_router)
api.add_router("/passes", passes_router)
# People own /people, /watch-records, /isolations, /followups and /imports.
api.add_router("", people_router)
# Community owns /households, /household-imports, /screening, /buildings and /stats/buildings.
api.add_router("", community_router)
# Intake owns /intake and /stats/intake; /public is the residents' API, without an account.
api.add_router("", intake_router)
api.add_router("/public", intake_public_router)
# Bookings own /service-windows and /service-bookings; their residents' part is under /public.
api.add_router("", bookings_router)
api.add_router("/public", bookings_public_router)
# Cases own /cases and /stats/cases.
api.add_router("", cases_router)
# Venues own /venues, /closure-orders, /inspections, /price-items and /stats/venues.
api.add_router("", venues_router)
# Outreach owns /bulletins, /resident-groups and /stats/outreach; residents read /public/bulletins.
api.add_router("", outreach_router)
api.add_router("/public/bulletins", outreach_public_router)
# Duty owns /duty (posts, shifts, coverage, staff and their statuses, hours served).
api.add_router("", duty_router)
# Supplies own /supplies (items, movements, stock with days left, donors).
api.add_router("", supplies_router)
# Patrols own /vehicles, /patrols, /video-systems, /cameras, /video-alerts, /post-inspections.
api.add_router("", patrols_router)
# Command owns /zones and /reports (the daily report).
api.add_router("/zones", zones_router)
api.add_router("/reports", reports_router)
# Rumours own /rumours and /public/rumour-check (residents, without an account).
api.add_router("", rumours_router)
