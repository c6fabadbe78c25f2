"""The rejected and conflicting rows of an import, as the template's columns plus a reason."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shouwang.privacy.exports import Column, export_file, personal
from shouwang.privacy.masking import mask_id_number, mask_phone

from .models import ImportJob, ImportRow, Person, RowOutcome
from .services.import_reader import COLUMNS
from .services.imports import job_table

_MASKS = {"id_number": mask_id_number, "phone": mask_phone}


@dataclass(frozen=True)
class RejectedRow:
    cells: dict[str, Any]  # by field name, as read from the sender's file
    number: int
    message: str


def _cell(field: str) -> Callable[[RejectedRow], Any]:
    return lambda row: row.cells.get(field, "")


REJECTED_COLUMNS = (
    *(
        personal(label, _cell(field), _MASKS[field])
        if field in _MASKS
        else Column(label, _cell(field))
        for label, field in COLUMNS.items()
    ),
    Column(gettext_lazy("原行号"), lambda row: row.number),
    Column(gettext_lazy("拒绝原因"), lambda row: row.message),
)


def rejected_rows(job: ImportJob) -> list[RejectedRow]:
    """The refused rows in file order, in the template's columns so they can be sent again."""
    refused = dict(
        ImportRow.objects.filter(
            job=job, outcome__in=[RowOutcome.REJECTED, RowOutcome.CONFLICT]
        ).values_list("row_number", "message")
    )
    table = job_table(ImportJob.objects.get(pk=job.pk))  # with the encrypted file
    rows = []
    for offset, raw in enumerate(table.rows):
        number = table.first_row_number + offset
        if number in refused:
            cells = {
                field: raw[index] if index < len(raw) else ""
                for field, index in table.header.items()
            }
            rows.append(RejectedRow(cells, number, refused[number]))
    return rows


def rejected_rows_filename(job: ImportJob) -> str:
    return _("导入被拒绝的行-%(id)s.xlsx") % {"id": job.pk}


def rejected_rows_response(actor: Any, job: ImportJob, *, request: Any = None):
    """The file in full for the API's download link: it holds the sender's own data, so it is
    logged. Pages post the same export with a reason of the user's (privacy.exports)."""
    return export_file(
        actor=actor,
        filename=rejected_rows_filename(job),
        columns=REJECTED_COLUMNS,
        records=lambda: rejected_rows(job),
        model=Person,
        full=True,
        reason=_("下载导入被拒绝的行"),
        request=request,
    )
