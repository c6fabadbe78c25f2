"""The filters of the pass list and the verification log, shared by pages, exports and the API."""

from datetime import date, datetime, time, timedelta

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shouwang.identity import compact
from shouwang.privacy.identifiers import identifier_query
from shouwang.shell.listing import IdFilter, ListingFilterSet, SearchFilter, SortFilter

from .models import Pass, PassVerification
from .status import STATUS_ANNOTATION, PassState, passes_with_status, status_q

# The stored status the list used to filter by; "有效" now means valid at this moment.
LEGACY_STATUSES = {"active": PassState.VALID}


EXPIRING_MAX_DAYS = 366


def expiring_q(days: int, *, now: datetime) -> Q:
    """Passes valid at `now` whose period ends within `days` days of it."""
    return status_q(PassState.VALID, now=now) & Q(valid_to__lte=now + timedelta(days=days))


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)


def pass_query(query: str) -> Q:
    """A holder by full ID number or part of the name (the one person search), an enterprise's
    name, a credit code or a pass's short code."""
    matches = identifier_query(
        query, id_field="person_id_number_index", phone_field=None, name_field="person_name"
    )
    matches |= Q(enterprise_name__icontains=query) | Q(credit_code=query.upper())
    return matches | Q(short_code=compact(query).replace("-", "").upper())


class PassFilter(ListingFilterSet):
    status = django_filters.CharFilter(method="filter_status", label=_("状态"))
    q = SearchFilter(match=pass_query)
    plate = django_filters.CharFilter(method="filter_plate", label=_("车牌号"))
    on = django_filters.DateFilter(method="filter_on", label=_("有效日期"))
    checkpoint = IdFilter(method="filter_checkpoint", label=_("卡点"))
    # Valid now and ending within so many days (`figures.passes_expiring`, the home page).
    expiring = IdFilter(method="filter_expiring", max_value=EXPIRING_MAX_DAYS, label=_("天内到期"))
    sort = SortFilter(fields={"issued_at": "issued", "valid_to": "valid_to"})

    class Meta:
        model = Pass
        fields: list[str] = []

    def filter_status(self, queryset, name, value):
        """By the status the list shows (`status.passes_with_status`, judged at the instant the
        list was read); a value that is no status matches nothing."""
        value = LEGACY_STATUSES.get(value, value)
        if value not in PassState.values:
            return queryset.none()
        if STATUS_ANNOTATION not in queryset.query.annotations:
            queryset = passes_with_status(queryset, now=timezone.now())
        return queryset.filter(**{STATUS_ANNOTATION: value})

    def filter_expiring(self, queryset, name, value):
        return queryset.filter(expiring_q(value, now=timezone.now()))

    def filter_plate(self, queryset, name, value):
        plate = compact(value).upper().replace("·", "")
        return queryset.filter(plates__contains=plate) if plate else queryset

    def filter_on(self, queryset, name, value):
        start, end = day_bounds(value)
        return queryset.filter(valid_from__lt=end, valid_to__gt=start)

    def filter_checkpoint(self, queryset, name, value):
        through = Pass.checkpoints.through.objects
        # A pass naming no checkpoint holds at every checkpoint of its bureau.
        return queryset.filter(
            Q(pk__in=through.filter(checkpoint_id=value).values("pass_id"))
            | ~Q(pk__in=through.values("pass_id"))
        )


class VerificationFilter(django_filters.FilterSet):
    checkpoint = IdFilter(field_name="checkpoint_id", label=_("卡点"))
    result = django_filters.CharFilter(label=_("结果"))
    on = django_filters.DateFilter(method="filter_on", label=_("日期"))

    class Meta:
        model = PassVerification
        fields: list[str] = []

    def filter_on(self, queryset, name, value):
        start, end = day_bounds(value)
        return queryset.filter(verified_at__gte=start, verified_at__lt=end)
