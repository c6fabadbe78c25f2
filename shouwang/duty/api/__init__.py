"""/api/v1/duty, scoped as everywhere: one router made of one per topic."""

from ninja import Router

from . import roster, staff

router = Router(tags=["勤务排班"])
for topic in (roster, staff):
    router.add_router("", topic.router)
