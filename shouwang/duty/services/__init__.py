"""The duty area's writes: staff and their statuses, posts, shifts."""

from .posts import post_create, post_update
from .shifts import shift_assign, shift_cancel, staff_is_assignable, week_assign
from .staff import (
    leave_cancel_for_unit,
    staff_create,
    staff_of_user,
    staff_status_set,
    staff_update,
)

__all__ = [
    "leave_cancel_for_unit",
    "post_create",
    "post_update",
    "shift_assign",
    "shift_cancel",
    "staff_create",
    "staff_is_assignable",
    "staff_of_user",
    "staff_status_set",
    "staff_update",
    "week_assign",
]
