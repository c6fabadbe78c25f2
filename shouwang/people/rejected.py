"""The rejected and conflicting rows of an import, as the original columns plus a reason."""

from typing import Any

from django.utils.translation import gettext as _

from shouwang.privacy.services import personal_data_export_record
from shouwang.shell.spreadsheets import xlsx_response

from .models import ImportJob, ImportRow, Person, RowOutcome
from .services.import_reader import COLUMNS
from .services.imports import job_table


def rejected_rows_response(actor: Any, job: ImportJob, *, request: Any = None):
    """An xlsx the sender can correct and send again; it holds his own data, so it is logged."""
    refused = dict(
        ImportRow.objects.filter(
            job=job, outcome__in=[RowOutcome.REJECTED, RowOutcome.CONFLICT]
        ).values_list("row_number", "message")
    )
    personal_data_export_record(
        actor=actor,
        model=Person,
        ids=[],
        full=True,
        reason=_("下载导入被拒绝的行"),
        request=request,
    )
    job = ImportJob.objects.get(pk=job.pk)  # with the encrypted file
    table = job_table(job)
    positions = list(table.header.items())
    labels = {field: label for label, field in COLUMNS.items()}
    headers = [labels[field] for field, _index in positions] + [_("原行号"), _("拒绝原因")]
    rows = []
    for offset, raw in enumerate(table.rows):
        number = table.first_row_number + offset
        if number in refused:
            cells = [raw[index] if index < len(raw) else "" for _field, index in positions]
            rows.append([*cells, number, refused[number]])
    return xlsx_response(_("导入被拒绝的行-%(id)s.xlsx") % {"id": job.pk}, headers, rows)
