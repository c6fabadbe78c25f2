"""Outcomes of a report that are records of another area, made in one step and linked both
ways: a tip about a person puts him under watch (people area).

Extension point for the areas still to come (issues 14, 15): a venue case or a rumour entry
will be an outcome like `report_watch_create`: a service here calling that area's service in
the same transaction, a nullable foreign key on `Report` to the record it made (its reverse
accessor lists the reports on that record's page, as `person_detail.html` does with
`record.intake_reports`), a form and an action in `views/actions.py`, and a block on the report
page. Intake may import the new area's services; the new area never imports intake.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.cases.models import Case
from shouwang.cases.services import case_open
from shouwang.people.models import Person, WatchReason, WatchSource
from shouwang.people.services import person_register, watch_record_create
from shouwang.rumours.models import Rumour
from shouwang.rumours.services import rumour_create
from shouwang.units.policy import require

from ..models import EventKind, Report, ReportType
from ..rules import CASE_FROM_REPORT, RUMOUR_FROM_REPORT
from .common import record_event
from .triage import require_handle

REASON_BY_CATEGORY = {"key_area_arrival": WatchReason.KEY_AREA_ARRIVAL}


@transaction.atomic
def report_watch_create(
    *,
    actor: Any,
    report: Report,
    person: Person | None = None,
    name: str = "",
    id_number: str = "",
    address: str = "",
    reason: str = "",
    origin: str = "",
) -> Report:
    """Put the person a tip names under watch (an existing registry person, or a new one
    registered here), source "resident tip", and link the watch record to the report."""
    require_handle(actor, report)
    report = Report.objects.select_for_update(of=("self",)).select_related("unit").get(pk=report.pk)
    if report.type != ReportType.TIP:
        raise ValidationError({"report": _("只有线索举报可以列为重点人员")})
    if report.watch_record_id is not None:
        raise ValidationError({"report": _("该线索已关联关注记录")})
    reason = reason or REASON_BY_CATEGORY.get(report.category, WatchReason.OTHER)
    if person is None:
        person = person_register(
            actor=actor,
            unit=report.unit,
            name=name,
            id_number=id_number,
            current_address=address or report.place,
        )
    record = watch_record_create(
        actor=actor,
        person=person,
        reason=reason,
        source=WatchSource.RESIDENT_TIP,
        origin=origin,
        note=_("群众线索 %(code)s") % {"code": report.display_code},
    )
    report.watch_record = record
    report._history_user = actor
    report.save(update_fields=["watch_record", "updated_at"])
    record_event(
        report,
        EventKind.LINKED,
        actor,
        note=_("列为重点人员：%(name)s（%(reason)s）")
        % {"name": person.name, "reason": record.get_reason_display()},
    )
    return report


@transaction.atomic
def report_case_open(*, actor: Any, report: Report, kind: str, facts: str = "") -> Case:
    """Open a case from a tip (its text the facts unless given, its place the case's), the
    case's source being the report: a tip opens at most one case (else Conflict)."""
    require(actor, CASE_FROM_REPORT, report.unit, unit_message=_("该线索不在您的管辖范围内"))
    report = Report.objects.select_for_update(of=("self",)).select_related("unit").get(pk=report.pk)
    if report.type != ReportType.TIP:
        raise ValidationError({"report": _("只有线索举报可以立案")})
    case = case_open(
        actor=actor,
        unit=report.unit,
        kind=kind,
        facts=facts.strip() or report.text,
        place=report.place,
        source=report,
    )
    record_event(
        report,
        EventKind.LINKED,
        actor,
        note=_("已立案：%(case)s") % {"case": case},
    )
    return case


@transaction.atomic
def report_rumour_create(
    *,
    actor: Any,
    report: Report,
    claim: str,
    rebuttal: str,
    category: str = "other",
    sources: Any = (),
    publish: bool = False,
) -> Rumour:
    """Turn a rumour tip into a rumour entry of the tip's unit (转为谣言辟谣条目), the entry's
    source being the report: a tip becomes at most one entry (else Conflict)."""
    require(actor, RUMOUR_FROM_REPORT, report.unit, unit_message=_("该线索不在您的管辖范围内"))
    report = Report.objects.select_for_update(of=("self",)).select_related("unit").get(pk=report.pk)
    if report.type != ReportType.TIP:
        raise ValidationError({"report": _("只有线索举报可以转为谣言条目")})
    rumour = rumour_create(
        actor=actor,
        unit=report.unit,
        claim=claim,
        rebuttal=rebuttal,
        category=category,
        sources=sources,
        first_seen=timezone.localdate(report.received_at),
        publish=publish,
        source=report,
    )
    record_event(
        report,
        EventKind.LINKED,
        actor,
        note=_("已转为谣言辟谣条目：%(claim)s") % {"claim": rumour.claim},
    )
    return rumour
