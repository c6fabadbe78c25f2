"""The one reveal view: a record's full ID number and phone, shown after a stated reason and logged.

A view factory, not a views module: the apps that mount it import it (no app imports another
app's views).
"""

from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from shouwang.units.policy import Rule, guarded

from .services import personal_data_reveal

REVEALED_TEMPLATE = "privacy/_revealed.html"
REFUSED_TEMPLATE = "privacy/_reveal_error.html"


def reveal_view(
    record: Callable[[HttpRequest, int], Model],
    *,
    rule: Rule,
    fields: Sequence[str] = ("id_number", "phone"),
    template: str = REVEALED_TEMPLATE,
) -> Callable[..., HttpResponse]:
    """An htmx POST view answering the full `fields` of `record(request, pk)` in place.

    `record` fetches through the user's scope (404 for missing and out-of-scope alike); `rule`
    guards the page as its list does, plus the capability to view personal data. The reveal
    itself, its reason and its access-log entry are `privacy.services.personal_data_reveal`'s.
    """

    @guarded(rule)
    @require_POST
    def reveal(request: HttpRequest, pk: int) -> HttpResponse:
        target = record(request, pk)
        try:
            values: dict[str, Any] = personal_data_reveal(
                actor=request.user,
                record=target,
                fields=list(fields),
                reason=request.POST.get("reason", ""),
                request=request,
            )
        except ValidationError as error:
            return render(request, REFUSED_TEMPLATE, {"errors": error.messages}, status=422)
        return render(request, template, {"values": values})

    return reveal
