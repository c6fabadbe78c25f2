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
from shouwang.cases.api import router as cases_router
from shouwang.checkpoints.api import router as checkpoints_router
from shouwang.community.api import router as community_router
from shouwang.intake.api.public import router as intake_public_router
from shouwang.intake.api.staff import router as intake_router
from shouwang.passes.api import router as passes_router
from shouwang.people.api import router as people_router
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
# Cases own /cases and /stats/cases.
api.add_router("", cases_router)
# Venues own /venues, /closure-orders, /inspections, /price-items and /stats/venues.
api.add_router("", venues_router)
