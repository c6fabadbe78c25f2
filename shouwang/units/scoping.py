"""The one jurisdiction mechanism: a user sees his unit and the units below it.

Every model whose rows belong to a unit uses `ScopedQuerySet` and names, in
`scope_path_field`, the lookup that reaches the owning unit's materialised path.
Access helpers answer 404 for both missing and out-of-scope rows, so a sibling
station cannot even learn that a record exists.
"""

from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models
from django.http import Http404

if TYPE_CHECKING:
    from shouwang.accounts.models import User

ModelT = TypeVar("ModelT", bound=models.Model)


def scope_path_of(user: Any) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    unit = getattr(user, "unit", None)
    if unit is None or not unit.is_active:
        return None
    return unit.path


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user: "User | Any") -> "ScopedQuerySet":
        path = scope_path_of(user)
        if path is None:
            return self.none()
        field = getattr(self.model, "scope_path_field", "unit__path")
        return self.filter(**{f"{field}__startswith": path})


ScopedManager = models.Manager.from_queryset(ScopedQuerySet)


def get_visible_or_404(
    model_or_queryset: type[ModelT] | models.QuerySet, user: Any, **lookup: Any
) -> ModelT:
    """Fetch one row the user may see, or 404: missing and forbidden look the same."""
    queryset = (
        model_or_queryset
        if isinstance(model_or_queryset, models.QuerySet)
        else model_or_queryset._default_manager.all()
    )
    try:
        return queryset.visible_to(user).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as missing:
        raise Http404 from missing


def unit_is_visible_to(unit: Any, user: Any) -> bool:
    path = scope_path_of(user)
    return path is not None and unit is not None and unit.path.startswith(path)
