"""The pass figures of a unit's home page: one aggregate query."""

from datetime import datetime
from typing import Any

from django.db.models import Count

from .filters import expiring_q
from .models import Pass


def passes_expiring(user: Any, *, now: datetime, days: tuple[int, ...] = (1, 3)) -> dict[int, int]:
    """{days: how many passes the user sees are valid now and end within that many days}, the
    rows the pass list shows with `?expiring=<days>`."""
    counts = Pass.objects.visible_to(user).aggregate(
        **{f"within_{n}": Count("pk", filter=expiring_q(n, now=now)) for n in days}
    )
    return {n: counts[f"within_{n}"] for n in days}
