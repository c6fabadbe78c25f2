"""Staff pages of booked services: the day's bookings by window, a booking's history, windows
and their slots. Views parse, fetch through the user's scope and call one service."""

from datetime import date, timedelta

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from shouwang.privacy.exports import Column, personal
from shouwang.privacy.masking import mask_phone
from shouwang.privacy.reveal import reveal_view
from shouwang.shell.forms import form_action, form_page
from shouwang.shell.listing import Listing
from shouwang.units.models import Unit
from shouwang.units.policy import allows, guarded
from shouwang.units.scoping import get_visible_or_404

from .filters import BookingFilter
from .forms import CapacityForm, GenerateForm, MarkForm, WindowForm
from .models import Booking, BookingStatus, ServiceSlot, ServiceWindow
from .rules import BOOKING_EXPORT, BOOKING_RECORDS, BOOKING_REVEAL, BOOKING_SERVE, WINDOW_MANAGE
from .selectors import day_bookings, day_counts, window_slots, windows_listed
from .services import booking_mark, slot_update, slots_generate, window_create, window_update

BOOKINGS = Listing(BookingFilter, sensitive=("q",))
WINDOW_DAYS = 7


def _day(request) -> date:
    typed = request.GET.get("date", "")
    try:
        day = parse_date(typed) if typed else None
    except ValueError:
        day = None
    if day is None or not date(2019, 1, 1) <= day <= date(2099, 12, 31):
        return timezone.localdate()
    return day


def _window(request) -> ServiceWindow | None:
    typed = request.GET.get("window", "")
    if not typed.isdigit() or len(typed) > 18:
        return None
    return windows_listed(request.user).filter(pk=int(typed)).first()


@guarded(BOOKING_RECORDS)
def day_list(request):
    """The day's bookings, by time, one window or all: served and absent marked in one tap."""
    if request.method == "POST":
        return BOOKINGS.search_redirect(request)
    day, window = _day(request), _window(request)
    bookings = day_bookings(request.user, day, window)
    return render(
        request,
        "bookings/day_list.html",
        {
            **BOOKINGS.page(request, bookings),
            "day": day,
            "previous_day": day - timedelta(days=1),
            "next_day": day + timedelta(days=1),
            "window": window,
            "windows": windows_listed(request.user),
            "counts": day_counts(bookings),
            "statuses": BookingStatus.choices,
            "may_serve": BOOKING_SERVE.allows(request.user),
            "today": timezone.localdate(),
        },
    )


def _local(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


EXPORT_COLUMNS = (
    Column(gettext_lazy("预约码"), lambda booking: booking.display_code),
    Column(gettext_lazy("窗口"), lambda booking: booking.window.name),
    Column(gettext_lazy("时段"), lambda booking: _local(booking.slot.starts_at)),
    Column(gettext_lazy("姓名"), lambda booking: booking.name),
    personal(gettext_lazy("手机号"), lambda booking: booking.phone, mask_phone),
    Column(gettext_lazy("状态"), lambda booking: booking.get_status_display()),
    Column(gettext_lazy("办理时间"), lambda booking: _local(booking.handled_at)),
    Column(gettext_lazy("办理人"), lambda booking: str(booking.handled_by or "")),
    Column(gettext_lazy("备注"), lambda booking: booking.note),
)


@guarded(BOOKING_EXPORT)
@require_POST
def day_export(request):
    day, window = _day(request), _window(request)
    return BOOKINGS.export(
        request,
        day_bookings(request.user, day, window),
        filename=_("预约名单-%(day)s.xlsx") % {"day": day.isoformat()},
        columns=EXPORT_COLUMNS,
        model=Booking,
    )


def booking_for(user, pk: int) -> Booking:
    return get_visible_or_404(
        Booking.objects.select_related("slot", "window", "window__unit", "handled_by"), user, pk=pk
    )


@guarded(BOOKING_RECORDS)
def booking_detail(request, pk: int):
    booking = booking_for(request.user, pk)
    history = booking.history.select_related("history_user").order_by("history_date")
    return render(
        request,
        "bookings/booking_detail.html",
        {
            "booking": booking,
            "history": history,
            "may_serve": BOOKING_SERVE.allows(request.user),
            "may_reveal": allows(request.user, BOOKING_REVEAL),
            "today": timezone.localdate(),
        },
    )


@guarded(BOOKING_SERVE)
@require_POST
def booking_mark_view(request, pk: int):
    booking = booking_for(request.user, pk)
    form = MarkForm(request.POST)

    def back() -> str:
        if request.POST.get("next") == "detail":
            return reverse("bookings:detail", args=[booking.pk])
        query = urlencode({"date": booking.slot.day.isoformat(), "window": booking.window_id})
        return f"{reverse('bookings:day')}?{query}#booking-{booking.pk}"

    return form_action(
        request,
        form,
        save=lambda data: booking_mark(
            actor=request.user, booking=booking, status=data["status"], note=data["note"]
        ),
        done=lambda _marked: back(),
        back=back,
        message=lambda _marked: (
            _("%(name)s：%(status)s")
            % {"name": booking.name, "status": BookingStatus(form.cleaned_data["status"]).label}
        ),
        invalid=_("请选择办理结果"),
    )


booking_reveal = reveal_view(
    lambda request, pk: booking_for(request.user, pk),
    rule=BOOKING_REVEAL,
    fields=("phone",),
    template="bookings/_revealed_phone.html",
)


# --- windows and slots --------------------------------------------------------------------------


def _units(user):
    return Unit.objects.visible_to(user).filter(is_active=True).order_by("path")


@guarded(BOOKING_RECORDS)
def window_list(request):
    return render(
        request,
        "bookings/window_list.html",
        {"windows": windows_listed(request.user), "may_manage": WINDOW_MANAGE.allows(request.user)},
    )


@guarded(WINDOW_MANAGE)
def window_new(request):
    units = _units(request.user)
    form = WindowForm(request.POST or None, units=units, initial={"unit": request.user.unit_id})
    return form_page(
        request,
        form,
        save=lambda data: window_create(
            actor=request.user,
            unit=units.filter(pk=data["unit"]).first(),
            data=form.service_data(),
        ),
        done=lambda window: reverse("bookings:window_detail", args=[window.pk]),
        message=lambda window: _("已开设窗口：%(name)s，请生成预约时段") % {"name": window},
        template="bookings/window_form.html",
        context={"window": None},
    )


def window_for(user, pk: int) -> ServiceWindow:
    return get_visible_or_404(ServiceWindow.objects.select_related("unit"), user, pk=pk)


@guarded(WINDOW_MANAGE)
def window_edit(request, pk: int):
    window = window_for(request.user, pk)
    initial = {
        "name": window.name,
        "kind": window.kind,
        "address": window.address,
        "note": window.note,
        "weekdays": window.weekdays,
        "periods": ", ".join(f"{opens}-{closes}" for opens, closes in window.periods),
        "slot_minutes": window.slot_minutes,
        "slot_capacity": window.slot_capacity,
        "is_active": window.is_active,
    }
    form = WindowForm(request.POST or None, editing=True, initial=initial)
    return form_page(
        request,
        form,
        save=lambda _data: window_update(
            actor=request.user, window=window, data=form.service_data()
        ),
        done=lambda _saved: reverse("bookings:window_detail", args=[window.pk]),
        message=_("已保存"),
        template="bookings/window_form.html",
        context={"window": window},
    )


@guarded(BOOKING_RECORDS)
def window_detail(request, pk: int):
    """A window's template and its slots of the coming week: places, taken, left."""
    window = window_for(request.user, pk)
    start = _day(request)
    slots = list(window_slots(window, start, WINDOW_DAYS))
    days: dict[date, list[ServiceSlot]] = {}
    for slot in slots:
        days.setdefault(slot.day, []).append(slot)
    return render(
        request,
        "bookings/window_detail.html",
        {
            "window": window,
            "days": days,
            "start": start,
            "previous_start": start - timedelta(days=WINDOW_DAYS),
            "next_start": start + timedelta(days=WINDOW_DAYS),
            "totals": {
                "capacity": sum(slot.capacity for slot in slots),
                "booked": sum(slot.booked for slot in slots),
            },
            "generate_form": GenerateForm(initial={"start": timezone.localdate(), "days": 7}),
            "may_manage": WINDOW_MANAGE.allows(request.user),
        },
    )


@guarded(WINDOW_MANAGE)
@require_POST
def window_generate(request, pk: int):
    window = window_for(request.user, pk)
    form = GenerateForm(request.POST)
    url = reverse("bookings:window_detail", kwargs={"pk": window.pk})

    def on_the_first_day() -> str:
        # A refused form has no first day to show: the window's page as it opens.
        if form.errors:
            return url
        return f"{url}?{urlencode({'date': form.cleaned_data['start'].isoformat()})}"

    return form_action(
        request,
        form,
        save=lambda data: slots_generate(
            actor=request.user, window=window, start=data["start"], days=data["days"]
        ),
        done=lambda _made: on_the_first_day(),
        back=on_the_first_day,
        message=lambda made: _("已生成%(count)d个预约时段") % {"count": made},
    )


@guarded(WINDOW_MANAGE)
@require_POST
def slot_capacity(request, pk: int):
    slot = get_visible_or_404(
        ServiceSlot.objects.select_related("window__unit"), request.user, pk=pk
    )
    query = urlencode({"date": slot.day.isoformat()})
    url = reverse("bookings:window_detail", kwargs={"pk": slot.window_id})
    return form_action(
        request,
        CapacityForm(request.POST),
        save=lambda data: slot_update(actor=request.user, slot=slot, capacity=data["capacity"]),
        done=f"{url}?{query}#slot-{slot.pk}",
        message=_("已修改名额"),
        invalid=_("名额应在0到100之间（0为停止预约）"),
    )
