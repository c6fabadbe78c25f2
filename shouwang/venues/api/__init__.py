"""/venues, /closure-orders, /inspections/due, /price-items and /stats/venues: one router made of
one per topic."""

from ninja import Router

from . import closures, figures, inspections, venues

router = Router(tags=["场所管控"])
for topic in (venues, closures, inspections, figures):
    for path in topic.router.path_operations.values():
        for operation in path.operations:
            # The ids they had when the area was one module: clients name their calls after them.
            operation.operation_id = f"shouwang_venues_api_{operation.view_func.__name__}"
    router.add_router("", topic.router)
