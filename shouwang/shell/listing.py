"""One way to list records: filters as classes, search, whitelisted sort, pages of 50, xlsx export.

A list declares a django-filter `FilterSet` (in its app's `filters.py`) and a `Listing`:

    PEOPLE = Listing(PersonFilter, sensitive=("q",))

    def person_list(request):
        if request.method == "POST":
            return PEOPLE.search_redirect(request)
        return render(request, "…", {**PEOPLE.page(request, people_listed(request.user)), …})

    def person_export(request):
        return PEOPLE.export(request, people_listed(request.user), filename=…, columns=…, model=Person)

The API reads the same `FilterSet` through `filtered()`, so a page and its API list filter alike.
Terms named `sensitive` (ID numbers, phones) are posted and kept in the session
(`privacy.searches`), never in a URL; exports are POST and go through `privacy.exports`.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

import django_filters
from django import forms
from django.core.paginator import Paginator
from django.db.models import Model, Q, QuerySet
from django.http import HttpResponse, HttpResponseRedirect, QueryDict
from django.utils.translation import gettext_lazy as _

from shouwang.identity import to_simplified
from shouwang.privacy.exports import Column, export_response
from shouwang.privacy.searches import search_redirect, search_terms

PER_PAGE = 50
PAGE_PARAM = "page"


class ListingFilterSet(django_filters.FilterSet):
    """A FilterSet that knows whose list it filters (`user`: the page's or the API's actor)."""

    # Parameters a page names by Python keywords (`?from=…&to=…`), read as these filters.
    ALIASES = {"from": "date_from", "to": "date_to"}

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, user=None):
        if data is not None:
            data = data.copy()
            for param, name in self.ALIASES.items():
                if param in data and name not in data:
                    data[name] = data[param]
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.user = user if user is not None else getattr(request, "user", None)


class SearchFilter(django_filters.CharFilter):
    """The search box: its text stripped and in Simplified Chinese ("張偉" finds "张伟"), then
    matched by `match(text) -> Q` (a function, or the name of a method of the FilterSet when the
    match depends on who searches), or, without one, contained in any of `fields`."""

    def __init__(
        self,
        *,
        fields: Sequence[str] = (),
        match: Callable[[str], Q] | str | None = None,
        **kwargs: Any,
    ) -> None:
        if not fields and match is None:
            raise ValueError("a search names its fields or its match")
        kwargs.setdefault("label", _("搜索"))
        super().__init__(**kwargs)
        self.fields = tuple(fields)
        self.match = match

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        text = to_simplified((value or "").strip())
        if not text:
            return qs
        if isinstance(self.match, str):
            return qs.filter(getattr(self.parent, self.match)(text))
        if self.match is not None:
            return qs.filter(self.match(text))
        return qs.filter(reduce(or_, (Q(**{f"{f}__icontains": text}) for f in self.fields)))


class SortFilter(django_filters.OrderingFilter):
    """`?sort=key` or `?sort=-key` over whitelisted keys ({model lookup: key}); another value is
    ignored and the list keeps its own order. The row id breaks ties, so pages never overlap."""

    def __init__(self, *, fields: Mapping[str, str], **kwargs: Any) -> None:
        kwargs.setdefault("label", _("排序"))
        super().__init__(fields=dict(fields), **kwargs)

    def filter(self, qs: QuerySet, value: Any) -> QuerySet:
        ordering = [self.get_ordering_value(p) for p in value or () if p]
        if not ordering:
            return qs
        tie = "-pk" if ordering[-1].startswith("-") else "pk"
        return qs.order_by(*ordering, tie)


# The largest id a database column takes: a larger number in a URL is ignored, never a 500.
MAX_ID = 2**63 - 1


class IdFilter(django_filters.Filter):
    """A record id (`?unit=12`); text, zero, negative or oversized ids are ignored."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class YesNoFilter(django_filters.Filter):
    """`1` for yes, `0` for no, anything else not filtered (`?out_of_town=1`)."""

    field_class = forms.CharField

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        answer = {"1": True, "0": False}.get(value)
        if answer is None:
            return qs
        return qs.filter(**{self.field_name: answer})


def filtered(
    filterset: type[django_filters.FilterSet],
    queryset: QuerySet,
    params: Mapping[str, Any],
    *,
    user: Any = None,
    request: Any = None,
) -> QuerySet:
    """`queryset` narrowed by `params` (None and "" mean "not given"), for selectors and the API."""
    data = QueryDict(mutable=True)
    for name, value in params.items():
        if value is None or value == "":
            continue
        if isinstance(value, bool):
            value = "1" if value else "0"
        data[name] = str(value)
    kwargs = {"user": user} if issubclass(filterset, ListingFilterSet) else {}
    return filterset(data, queryset, request=request, **kwargs).qs


@dataclass(frozen=True)
class Listing:
    """A list page's parameters, page and export, all read through one FilterSet."""

    filterset: type[django_filters.FilterSet] = django_filters.FilterSet  # none: paging alone
    sensitive: tuple[str, ...] = ()  # terms that may be an ID number or a phone
    per_page: int = PER_PAGE

    def params(self, request: Any) -> QueryDict:
        """The query string, the sensitive terms read from the stored search (privacy.searches)."""
        data = request.GET.copy()
        data.pop(PAGE_PARAM, None)
        for name, value in search_terms(request).items():
            if name in self.sensitive:
                data[name] = value
        return data

    def filter(self, request: Any, queryset: QuerySet) -> django_filters.FilterSet:
        kwargs = {"user": request.user} if issubclass(self.filterset, ListingFilterSet) else {}
        return self.filterset(self.params(request), queryset, request=request, **kwargs)

    def page(self, request: Any, queryset: QuerySet) -> dict[str, Any]:
        """The template context of one page: `page_obj`, `filters` (the parameters as typed,
        by name), `filterset`, and `query_without_page` for the paging and export links.

        A `page` that is not a number, below 1 or past the end shows the first or last page.
        """
        filterset = self.filter(request, queryset)
        query = request.GET.copy()
        query.pop(PAGE_PARAM, None)
        return {
            "page_obj": Paginator(filterset.qs, self.per_page).get_page(
                request.GET.get(PAGE_PARAM)
            ),
            "filters": {name: filterset.data.get(name, "") for name in self._names(filterset)},
            "filterset": filterset,
            "query_without_page": query.urlencode(),
        }

    def _names(self, filterset: django_filters.FilterSet) -> Iterable[str]:
        return {*filterset.filters, *self.sensitive, *filterset.data}

    def export(
        self,
        request: Any,
        queryset: QuerySet,
        *,
        filename: str,
        columns: Sequence[Column],
        model: type[Model] | None = None,
        default_reason: str = "",
        limit: int | None = None,
        prepare: Callable[[QuerySet], QuerySet] | None = None,
    ) -> HttpResponse:
        """The list, filtered as on the page, as xlsx through the export-column policy
        (privacy.exports: POST, masked unless a full export is asked for with a reason, logged)."""

        def records() -> QuerySet:
            rows = self.filter(request, queryset).qs
            if prepare is not None:
                rows = prepare(rows)
            return rows[:limit] if limit else rows

        return export_response(
            request,
            filename=filename,
            columns=columns,
            records=records,
            model=model,
            default_reason=default_reason,
        )

    def search_redirect(self, request: Any) -> HttpResponseRedirect:
        """Answer the posted filter form: sensitive terms to the session, the rest to the URL."""
        return search_redirect(request, self.sensitive)
