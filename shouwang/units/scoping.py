"""The one jurisdiction mechanism: where a unit stands in the tree, and what a user reaches.

A user sees his unit and the units below it (`visible_to`); key areas and the like published
above him he also reads (`readable_by`). Every model whose rows belong to a unit uses
`ScopedQuerySet` and names, in `scope_path_field`, the lookup that reaches the owning unit's
materialised path. Access helpers answer 404 for both missing and out-of-scope rows, so a
sibling station cannot even learn that a record exists. A user without an active unit reaches
nothing and is refused with `NO_UNIT_REFUSAL` (units.middleware, api.auth).
"""

from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from shouwang.accounts.models import User

    from .models import Unit

ModelT = TypeVar("ModelT", bound=models.Model)

NO_UNIT_REFUSAL = _("账号未分配单位，请联系管理员")


def scope_path_of(user: Any) -> str | None:
    """The path of the active unit an active, signed-in user works for; None reaches nothing."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    unit = getattr(user, "unit", None)
    if unit is None or not unit.is_active:
        return None
    return unit.path


def has_jurisdiction(user: Any) -> bool:
    return scope_path_of(user) is not None


def ancestor_ids_of(path: str) -> list[int]:
    """The ids of the units on a materialised path, root first: "000001/000004/" → [1, 4]."""
    return [int(part) for part in path.strip("/").split("/") if part]


def ancestor_paths_of(path: str) -> list[str]:
    """The paths of the units on a materialised path: "1/4/" → ["1/", "1/4/"]."""
    paths, prefix = [], ""
    for part in path.strip("/").split("/"):
        if part:
            prefix += f"{part}/"
            paths.append(prefix)
    return paths


def _nearest_above(unit: "Unit", kind: str, *, fallback_to_root: bool) -> "Unit":
    """The deepest unit of `kind` at or above `unit`, in at most one query.

    Without one: the root of the tree when `fallback_to_root`, else the unit itself.
    """
    if unit.kind == kind:
        return unit
    ids = ancestor_ids_of(unit.path)
    candidates = models.Q(kind=kind)
    if fallback_to_root:
        candidates |= models.Q(pk=ids[0])
    found = (
        type(unit)
        .objects.filter(candidates, pk__in=ids)
        .order_by(
            models.Case(models.When(kind=kind, then=0), default=1),
            "-depth",
        )
        .first()
    )
    return found or unit


def bureau_of(unit: "Unit") -> "Unit":
    """The bureau at or above a unit (the root of its tree when none is a bureau).

    It signs passes and trusts other bureaus' keys; returning vehicles are looked up in it.
    """
    from .models import UnitKind  # models imports this module for its manager

    return _nearest_above(unit, UnitKind.BUREAU, fallback_to_root=True)


def station_of(unit: "Unit") -> "Unit":
    """The police station at or above a unit (the unit itself when none is a station).

    Its duty desk and health liaison get the alerts; its posts share one green-channel board.
    """
    from .models import UnitKind  # models imports this module for its manager

    return _nearest_above(unit, UnitKind.STATION, fallback_to_root=False)


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user: "User | Any") -> "ScopedQuerySet":
        """Rows of the user's unit and the units below it."""
        path = scope_path_of(user)
        if path is None:
            return self.none()
        field = getattr(self.model, "scope_path_field", "unit__path")
        return self.filter(**{f"{field}__startswith": path})

    def readable_by(self, user: "User | Any") -> "ScopedQuerySet":
        """Rows a user reads: his unit's, those below it and those of the units above it.

        For rules published from above (key areas, isolation policies) that a station applies
        but may not change; a sibling station's own rows stay hidden.
        """
        path = scope_path_of(user)
        if path is None:
            return self.none()
        field = getattr(self.model, "scope_path_field", "unit__path")
        return self.filter(
            models.Q(**{f"{field}__startswith": path})
            | models.Q(**{f"{field}__in": ancestor_paths_of(path)})
        )


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
    """Whether the unit is the user's or below it: his jurisdiction reaches it."""
    path = scope_path_of(user)
    return path is not None and unit is not None and unit.path.startswith(path)


def unit_is_readable_by(unit: Any, user: Any) -> bool:
    """Whether the unit is the user's, below it or above it (see `readable_by`)."""
    path = scope_path_of(user)
    if path is None or unit is None:
        return False
    return unit.path.startswith(path) or path.startswith(unit.path)
