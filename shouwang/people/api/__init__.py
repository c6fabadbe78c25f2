"""The people area's API, scoped as everywhere: one router made of one per topic."""

from ninja import Router

from . import imports, isolation, persons

router = Router(tags=["重点人员"])
for topic in (persons, isolation, imports):
    router.add_router("", topic.router)
