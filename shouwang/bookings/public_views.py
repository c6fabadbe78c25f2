"""Residents' booking pages: no account, phone first. Nothing here reads `request.user`: a
signed-in officer opening them is a resident like any other. Guarded as intake's pages are: a
challenge on the booking form, limits per address and per phone, and per address on unknown
codes."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from shouwang.audit.services import client_address
from shouwang.conflicts import Conflict
from shouwang.shell.forms import add_service_errors

from . import throttle
from .forms import PublicBookingForm
from .selectors import (
    bookable_days,
    booking_by_code,
    days_with_places,
    public_slots,
    public_window,
    public_windows,
)
from .services import booking_cancel, booking_create, booking_move, booking_values

DONE = {
    "cancelled": gettext_lazy("预约已取消，名额已释放。"),
    "moved": gettext_lazy("已改约，请按新的时段前往办理。"),
}


def public_home(request):
    """Choose a window; or follow a booking by its code."""
    return render(request, "bookings/public/home.html", {"windows": public_windows()})


def _chosen_day(request, days):
    try:
        typed = parse_date(request.GET.get("date", "") or "")
    except ValueError:
        typed = None
    return typed if typed in days else None


def _slot_choice(request, window, now, day_query: dict):
    """The days of the horizon with their places, the chosen day and its slots; a day's link
    keeps `day_query`."""
    days = bookable_days(now)
    places = days_with_places(window, now)
    day = _chosen_day(request, days) or next((d for d in days if places.get(d)), days[0])
    return {
        "days": [{"day": d, "left": places.get(d)} for d in days],
        "day": day,
        "slots": list(public_slots(window, day, now)),
        "day_query": urlencode(day_query) + "&",
    }


@require_http_methods(["GET", "POST"])
def public_book(request):
    """A window's days and slots with their places; name, phone and the challenge; the code."""
    window = public_window(request.GET.get("window"))
    if window is None:
        return redirect("bookings_public:home")
    now = timezone.now()
    form = PublicBookingForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                booking = booking_create(
                    data=form.cleaned_data, client_address=client_address(request), now=now
                )
            except throttle.RateLimited as limited:
                form.add_error(None, limited.message)
                status = 429
            except ValidationError as error:
                add_service_errors(form, error)
                status = 409 if isinstance(error, Conflict) else 422
            else:
                query = urlencode({"code": booking.code, "new": "1"})
                return redirect(f"{reverse('bookings_public:manage')}?{query}")
        else:
            # The challenge or a field failed: say at once everything else that is wrong.
            errors: dict[str, str] = {}
            booking_values({name: request.POST.get(name, "") for name in ("name", "phone")}, errors)
            for field, message in errors.items():
                if field not in form.errors:
                    form.add_error(field, message)
            status = 422
    chosen = request.POST.get("slot") or ""
    return render(
        request,
        "bookings/public/book.html",
        {
            "window": window,
            "form": form,
            "chosen": chosen,
            **_slot_choice(request, window, now, {"window": window.pk}),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def public_manage(request):
    """A booking by its code: when and where; move it to another slot or cancel it."""
    typed = (request.POST.get("code") or request.GET.get("code", ""))[:40]
    context = {
        "typed": typed,
        "booking": None,
        "error": "",
        "is_new": request.GET.get("new") == "1",
    }
    if not typed.strip():
        return render(request, "bookings/public/manage.html", context)
    key = throttle.client_key(client_address(request))
    try:
        throttle.check_lookups(key)
    except throttle.RateLimited as limited:
        context["error"] = limited.message
        return render(request, "bookings/public/manage.html", context, status=429)
    booking = booking_by_code(typed)
    if booking is None:
        throttle.count_lookup_miss(key)
        context["error"] = _("未找到该预约码，请核对后重新输入")
        return render(request, "bookings/public/manage.html", context, status=404)
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("action") == "cancel":
                booking_cancel(booking=booking)
                done = "cancelled"
            else:
                booking_move(booking=booking, slot=request.POST.get("slot"))
                done = "moved"
        except ValidationError as error:
            context["error"] = " ".join(error.messages)
            status = 409 if isinstance(error, Conflict) else 422
        else:
            query = urlencode({"code": booking.code, "done": done})
            return redirect(f"{reverse('bookings_public:manage')}?{query}")
        booking = booking_by_code(typed)
    now = timezone.now()
    changeable = booking.status == "booked" and booking.slot.starts_at > now
    context.update(
        booking=booking,
        changeable=changeable,
        done=DONE.get(request.GET.get("done", ""), ""),
        window=booking.window,
    )
    if changeable and (request.GET.get("change") == "1" or status != 200):
        context.update(
            changing=True,
            chosen=request.POST.get("slot") or "",
            **_slot_choice(request, booking.window, now, {"code": booking.code, "change": 1}),
        )
    return render(request, "bookings/public/manage.html", context, status=status)
