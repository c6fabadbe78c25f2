"""Residents' pages of published bulletins: no account, phone first. Nothing here reads
`request.user`: a signed-in officer opening them is a resident like any other."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.http import urlencode

from shouwang.units.models import Unit, UnitKind

from ..models import Bulletin, BulletinStatus
from ..selectors import bulletins_published, copy_text

PER_PAGE = 20
PICKABLE_KINDS = (UnitKind.STATION, UnitKind.COMMUNITY, UnitKind.VILLAGE)


def _unit_param(text: str) -> str:
    return text if text.isdigit() and len(text) < 19 else ""


def public_bulletins(request):
    params = {"q": request.GET.get("q", "")[:100], "unit": _unit_param(request.GET.get("unit", ""))}
    page = Paginator(bulletins_published(params), PER_PAGE).get_page(request.GET.get("page"))
    query = {k: v for k, v in params.items() if v}
    return render(
        request,
        "outreach/public/bulletin_list.html",
        {
            "page_obj": page,
            "filters": params,
            "query_without_page": urlencode(query),
            # The stations and communities a resident picks to read what is addressed to him.
            "units": Unit.objects.filter(is_active=True, kind__in=PICKABLE_KINDS)
            .only("pk", "name")
            .order_by("path"),
        },
    )


def public_bulletin(request, pk: int):
    bulletin = get_object_or_404(
        Bulletin.objects.filter(status=BulletinStatus.PUBLISHED).select_related("unit"), pk=pk
    )
    return render(
        request,
        "outreach/public/bulletin_detail.html",
        {"bulletin": bulletin, "copy_text": copy_text(bulletin)},
    )
