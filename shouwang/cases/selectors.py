"""Reading cases: the scoped list, one case with its parties and evidence, and the figures."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet, Sum

from shouwang.shell.listing import filtered
from shouwang.shell.periods import period_q
from shouwang.units.models import Unit

from .filters import DECISION_QUERIES, CaseFilter
from .models import Case, CaseKind, CaseParty, Decision, EvidenceFile


def cases_listed(user: Any) -> QuerySet[Case]:
    return Case.objects.visible_to(user).select_related("unit", "officer")


def case_search(user: Any, params: dict[str, Any]) -> QuerySet[Case]:
    return filtered(CaseFilter, cases_listed(user), params, user=user)


def case_parties(case: Case) -> QuerySet[CaseParty]:
    return case.parties.select_related("person", "subject_type")


def evidence_of(*subjects: Any) -> QuerySet[EvidenceFile]:
    """The files documenting any of `subjects` (a case and the record that opened it)."""
    query = Q(pk__in=[])
    for subject in subjects:
        if subject is not None:
            query |= Q(
                subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk
            )
    return EvidenceFile.objects.filter(query).select_related("uploaded_by", "voided_by")


def cases_of_subject(subject: Any, user: Any) -> QuerySet[Case]:
    """The cases in which a record (a venue) is a party, as the user may see them."""
    parties = CaseParty.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk
    )
    return cases_listed(user).filter(pk__in=parties.values("case"))


def case_for_source(source: Any, user: Any) -> Case | None:
    """The case a record (a tip, an inspection) opened, if the user may see it."""
    return (
        cases_listed(user)
        .filter(source_type=ContentType.objects.get_for_model(source), source_id=source.pk)
        .first()
    )


@dataclass
class CaseFigures:
    count: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    by_decision: dict[str, int] = field(default_factory=dict)
    # (unit, cases, fines) per unit directly below the one the figures are for.
    by_unit: list[tuple[Unit, int, int]] = field(default_factory=list)
    fines_total: int = 0
    detention_days_total: int = 0


def cases_in_period(
    user: Any,
    *,
    unit: Unit | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[Case]:
    """The user's cases that happened in the period, within `unit` if given."""
    cases = Case.objects.visible_to(user).filter(period_q("occurred_at", date_from, date_to))
    if unit is not None:
        cases = cases.filter(unit__path__startswith=unit.path)
    return cases.order_by()


def case_figures(
    user: Any,
    *,
    unit: Unit | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> CaseFigures:
    """Cases by kind, decision and unit, with fines and detention days: a handful of queries.

    A case belongs to the period of the day it happened (its `occurred_at`).
    """
    cases = cases_in_period(user, unit=unit, date_from=date_from, date_to=date_to)
    figures = CaseFigures()
    kinds = Counter(dict(cases.values_list("kind").annotate(n=Count("id"))))
    figures.by_kind = {kind: kinds.get(kind, 0) for kind in CaseKind.values}
    figures.count = sum(kinds.values())
    totals = cases.aggregate(
        fines=Sum("fine_amount"),
        days=Sum("detention_days"),
        **{value: Count("id", filter=DECISION_QUERIES[value]) for value in Decision.values},
    )
    figures.fines_total = totals["fines"] or 0
    figures.detention_days_total = totals["days"] or 0
    figures.by_decision = {value: totals[value] for value in Decision.values}
    figures.by_unit = _by_unit(user, unit, cases)
    return figures


def _by_unit(user: Any, unit: Unit | None, cases: QuerySet[Case]) -> list[tuple[Unit, int, int]]:
    """Each case counted for the unit directly below `unit` it lies under (or `unit` itself)."""
    top = unit or (user.unit if user.unit_id else None)
    if top is None:
        return []
    children = {child.path: child for child in Unit.objects.filter(parent=top)}
    counts: dict[int, list] = {}
    for path, n, fines in cases.values_list("unit__path").annotate(
        n=Count("id"), fines=Sum("fine_amount")
    ):
        branch = top
        rest = path[len(top.path) :]
        if rest:
            branch = children.get(top.path + rest.split("/", 1)[0] + "/", top)
        entry = counts.setdefault(branch.pk, [branch, 0, 0])
        entry[1] += n
        entry[2] += fines or 0
    return [tuple(entry) for entry in sorted(counts.values(), key=lambda e: e[0].path)]
