"""Duty: posts, shifts, staff and hours served."""

from shouwang.accounts.roles import Capability as C
from shouwang.duty.rules import DUTY_RECORDS, STAFF_EXPORT, STAFF_RECORDS
from shouwang.units.policy import SIGNED_IN, Rule

from .entries import Page, action, form, view

PAGES: dict[str, Page] = {
    # duty: chiefs and the commander keep the roster (MANAGE_DUTY); dispatchers read who stands
    # where; the staff list (sick, isolating) is for those who command; one's shifts for all
    "duty:roster": view(DUTY_RECORDS),
    "duty:mine": view(SIGNED_IN),
    "duty:coverage": view(DUTY_RECORDS),
    "duty:posts": view(DUTY_RECORDS),
    "duty:post_new": form(C.MANAGE_DUTY),
    "duty:post": form(DUTY_RECORDS, "duty_post", post=C.MANAGE_DUTY),
    "duty:shift_new": action(C.MANAGE_DUTY, "duty_post"),
    "duty:week_assign": form(C.MANAGE_DUTY, "duty_post"),
    "duty:shift_cancel": action(C.MANAGE_DUTY, "duty_shift"),
    "duty:staff": view(STAFF_RECORDS),
    "duty:staff_export": form(STAFF_EXPORT),
    "duty:staff_new": form(C.MANAGE_DUTY),
    "duty:staff_detail": form(STAFF_RECORDS, "duty_staff", post=C.MANAGE_DUTY),
    "duty:staff_status": action(C.MANAGE_DUTY, "duty_staff"),
    "duty:leave_cancel": form(C.MANAGE_DUTY),
    "duty:hours": view(STAFF_RECORDS),
    "duty:hours_export": form(STAFF_EXPORT),
}

API: dict[str, Rule] = {
    "POST /api/v1/duty/posts": C.MANAGE_DUTY,
    "GET /api/v1/duty/posts": DUTY_RECORDS,
    "POST /api/v1/duty/posts/{duty_post_id}/week": C.MANAGE_DUTY,
    "POST /api/v1/duty/shifts": C.MANAGE_DUTY,
    "GET /api/v1/duty/shifts": DUTY_RECORDS,
    "POST /api/v1/duty/shifts/{duty_shift_id}/cancel": C.MANAGE_DUTY,
    "GET /api/v1/duty/my-shifts": SIGNED_IN,
    "GET /api/v1/duty/coverage": DUTY_RECORDS,
    "GET /api/v1/duty/staff": STAFF_RECORDS,
    "POST /api/v1/duty/staff": C.MANAGE_DUTY,
    "POST /api/v1/duty/staff/{duty_staff_id}/status": C.MANAGE_DUTY,
    "POST /api/v1/duty/leave-cancellations": C.MANAGE_DUTY,
    "GET /api/v1/duty/hours": STAFF_RECORDS,
}
