"""The community area's API, scoped as everywhere: one router made of one per topic."""

from ninja import Router

from . import buildings, households, screening

router = Router(tags=["社区住户与入户排查"])
for topic in (households, screening, buildings):
    router.add_router("", topic.router)
