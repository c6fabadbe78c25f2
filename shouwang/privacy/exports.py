"""The one export-column policy: which columns are personal, when they are written in full,
and the access-log entry every export of personal data leaves.

An export declares its columns; a personal column carries its masked form. The file is written
masked unless the actor may view personal data and asked for a full export with a reason.
Exports are POST (CSRF-protected, never a link a crawler or a prefetch can follow); the
masked or full choice, the reason and the log entry are settled in that one request.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from shouwang.identity import IdentityError
from shouwang.shell.spreadsheets import xlsx_file_response

from .services import (
    may_view_personal_data,
    personal_data_export_check,
    personal_data_export_record,
)

# Rows read from the database at a time; the workbook is written to a temporary file and
# streamed, so an export's memory does not grow with its rows.
EXPORT_CHUNK_ROWS = 2000


@dataclass(frozen=True)
class Column:
    """One column of an export: its header, its value, and for personal data its masked value."""

    header: Any  # a str or a lazy translation
    value: Callable[[Any], Any]
    masked: Callable[[Any], Any] | None = None

    @property
    def personal(self) -> bool:
        return self.masked is not None

    def cell(self, item: Any, *, full: bool) -> Any:
        if full or self.masked is None:
            return self.value(item)
        return self.masked(item)


def masked_text(value: Any, mask: Callable[[str], str]) -> str:
    """The masked form of a value; a value the mask cannot read is hidden whole, never shown."""
    if value in (None, ""):
        return ""
    text = str(value)
    try:
        return mask(text)
    except (IdentityError, ValueError):
        return "*" * len(text)


def personal(header: str, value: Callable[[Any], Any], mask: Callable[[str], str]) -> Column:
    return Column(header, value, lambda item: masked_text(value(item), mask))


class ExportForm(forms.Form):
    full = forms.BooleanField(
        label=gettext_lazy("导出完整信息（身份证号、手机号不脱敏）"), required=False
    )
    reason = forms.CharField(label=gettext_lazy("导出事由"), max_length=300, required=False)


def export_file(
    *,
    actor: Any,
    filename: str,
    columns: Sequence[Column],
    records: Callable[[], Iterable[Any]],
    model: type[models.Model] | None = None,
    full: bool = False,
    reason: str = "",
    request: Any = None,
) -> HttpResponseBase:
    """The xlsx of `records`, personal columns masked unless `full`; an export holding personal
    columns is checked first (records are read only when allowed) and logged once.

    Records are read in chunks and written as they come (`streamed`), the file streamed from a
    temporary file: a bureau's 100,000 rows are never in memory at once.

    `model` names what the access log records; an export without personal columns (units,
    key areas) passes none and is not logged.
    """
    headers = [str(column.header) for column in columns]
    if not any(column.personal for column in columns):
        return xlsx_file_response(
            filename,
            headers,
            ([c.cell(i, full=True) for c in columns] for i in streamed(records())),
        )
    if model is None:
        raise ValueError("an export with personal columns names its model for the access log")
    personal_data_export_check(actor=actor, full=full, reason=reason)
    ids: list[Any] = []  # what the access log names: the ids, never the rows

    def rows() -> Iterator[list[Any]]:
        for item in streamed(records()):
            if getattr(item, "pk", None) is not None:
                ids.append(item.pk)
            yield [column.cell(item, full=full) for column in columns]

    # The file is written first, then logged, then sent: a failed export logs nothing.
    response = xlsx_file_response(filename, headers, rows())
    try:
        personal_data_export_record(
            actor=actor, model=model, ids=ids, full=full, reason=reason, request=request
        )
    except BaseException:
        response.close()
        raise
    return response


def streamed(records: Iterable[Any]) -> Iterable[Any]:
    """The records one chunk at a time: a queryset is read with `.iterator()` (its
    prefetches made per chunk), so an export never holds more than EXPORT_CHUNK_ROWS of them."""
    if isinstance(records, models.QuerySet):
        return records.iterator(chunk_size=EXPORT_CHUNK_ROWS)
    return records


def export_response(
    request: Any,
    *,
    filename: str,
    columns: Sequence[Column],
    records: Callable[[], Iterable[Any]],
    model: type[models.Model] | None = None,
    default_reason: str = "",
) -> HttpResponseBase:
    """Answer a page's export request: the form on GET (405), the xlsx on a valid POST, the
    form with its errors (422) when a full export lacks a reason."""
    is_personal = any(column.personal for column in columns)
    context = {
        "personal": is_personal,
        "may_full": is_personal and may_view_personal_data(request.user),
        "action": request.get_full_path(),
    }
    if request.method != "POST":
        response = render(
            request, "privacy/export_form.html", {**context, "form": ExportForm()}, status=405
        )
        response["Allow"] = "POST"
        return response
    form = ExportForm(request.POST)
    if form.is_valid():
        full = is_personal and form.cleaned_data["full"]
        # A masked export may go without a stated reason; a full one never does.
        reason = form.cleaned_data["reason"].strip() or ("" if full else default_reason)
        try:
            return export_file(
                actor=request.user,
                filename=filename,
                columns=columns,
                records=records,
                model=model,
                full=full,
                reason=reason,
                request=request,
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    form.add_error(field if field in form.fields else None, message)
    return render(request, "privacy/export_form.html", {**context, "form": form}, status=422)
