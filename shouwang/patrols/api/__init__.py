"""/vehicles, /patrols, /video-systems, /cameras, /video-alerts and /post-inspections."""

from ninja import Router

from .fleet import router as fleet_router
from .inspections import router as inspections_router
from .patrols import router as patrols_router
from .video import router as video_router

router = Router()
router.add_router("", fleet_router)
router.add_router("", patrols_router)
router.add_router("", video_router)
router.add_router("", inspections_router)
