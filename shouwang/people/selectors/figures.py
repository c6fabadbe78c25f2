"""The people figures of a unit's home page: two aggregate queries, whatever the number of people.

Each figure counts what the list it links to shows (the home page tests follow every link):
- watched: people (not merged) with a watch record in that status (`?watch_status=`);
- handovers waiting: people with an open record handed over at a checkpoint
  (`?source=checkpoint_handover&watch_status=open`);
- follow-ups of isolating people due today: all of them, those done, those still to do (the due
  list), and the days already past with none done (the overdue list).
"""

from datetime import date
from typing import Any

from django.db.models import Count, Q

from ..models import (
    EpisodeStatus,
    FollowUp,
    Person,
    WatchSource,
    WatchStatus,
)

WATCHED_STATUSES = (WatchStatus.OPEN, WatchStatus.VERIFIED, WatchStatus.ISOLATING)


def people_figures(user: Any, *, today: date) -> dict[str, Any]:
    """Figures of the people in the user's scope, on `today`."""
    people = Person.objects.visible_to(user).filter(merged_into__isnull=True)
    counts = people.aggregate(
        **{
            status.value: Count("pk", distinct=True, filter=Q(watch_records__status=status))
            for status in WATCHED_STATUSES
        },
        handovers_waiting=Count(
            "pk",
            distinct=True,
            filter=Q(
                watch_records__status=WatchStatus.OPEN,
                watch_records__source=WatchSource.CHECKPOINT_HANDOVER,
            ),
        ),
    )
    # Only today's rows and the undone ones before it are read (the partial index
    # followup_open_by_day), not every follow-up ever due.
    followups = (
        FollowUp.objects.visible_to(user)
        .filter(episode__status=EpisodeStatus.ISOLATING)
        .filter(Q(due_date=today) | Q(due_date__lt=today, done_at__isnull=True))
        .aggregate(
            due=Count("pk", filter=Q(due_date=today)),
            done=Count("pk", filter=Q(due_date=today, done_at__isnull=False)),
            overdue=Count("pk", filter=Q(due_date__lt=today, done_at__isnull=True)),
        )
    )
    return {
        "watched": {status.value: counts[status.value] for status in WATCHED_STATUSES},
        "handovers_waiting": counts["handovers_waiting"],
        "followups": {**followups, "to_do": followups["due"] - followups["done"]},
    }
