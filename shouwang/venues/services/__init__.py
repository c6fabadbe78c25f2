"""The venues area's writes: the register, statuses, closure orders, checks and imports."""

from .closures import closure_acknowledge, closure_candidates, closure_order_issue
from .imports import venue_import_create, venue_import_process, venue_imports_resume_stalled
from .inspections import inspection_record, is_gouging, price_check_record, price_item_save
from .register import venue_register, venue_update, venue_values, venue_values_read
from .transitions import apply_transition, venue_transition

__all__ = [
    "apply_transition",
    "closure_acknowledge",
    "closure_candidates",
    "closure_order_issue",
    "inspection_record",
    "is_gouging",
    "price_check_record",
    "price_item_save",
    "venue_import_create",
    "venue_import_process",
    "venue_imports_resume_stalled",
    "venue_register",
    "venue_transition",
    "venue_update",
    "venue_values",
    "venue_values_read",
]
