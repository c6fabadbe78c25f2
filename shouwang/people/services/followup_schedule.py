"""Writing the due follow-up rows a few days ahead, never a whole stay at once.

An episode's rows are written from its start up to today + FOLLOWUP_DAYS_AHEAD (or its end,
if sooner), and `followups_until` remembers how far. `manage.py followups_generate` moves every
isolating episode's window on each day; the due and overdue lists call `followups_generate`
for the reader's scope first, so a day on which the command did not run still shows everyone's
follow-ups (a no-op single query when the window is already there). Rows are written with
`ignore_conflicts`: the command, a list and a recorded follow-up may write the same day at once.
"""

from datetime import date, timedelta
from typing import Any

from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Least
from django.utils import timezone

from ..models import EpisodeStatus, FollowUp, IsolationEpisode

# Today's and tomorrow's rows: tomorrow's list is ready before midnight.
FOLLOWUP_DAYS_AHEAD = 1
# Episodes handled per round trip by the daily command.
CHUNK = 1000


def followup_horizon(today: date | None = None) -> date:
    """The last day whose rows are written now."""
    return (today or timezone.localdate()) + timedelta(days=FOLLOWUP_DAYS_AHEAD)


def _due_days(episode: IsolationEpisode, through: date) -> list[date]:
    """The episode's due days after its `followups_until`, up to `through` and its last day."""
    last_day = min(through, episode.actual_end or episode.planned_end)
    every = episode.followup_every_days or 1
    first = episode.start_date
    if episode.followups_until is not None and episode.followups_until >= first:
        # The next day on the episode's cadence after the ones already written.
        done = (episode.followups_until - first).days // every + 1
        first = episode.start_date + timedelta(days=done * every)
    return [first + timedelta(days=d) for d in range(0, (last_day - first).days + 1, every)]


def _stale(episodes: QuerySet[IsolationEpisode], through: date) -> QuerySet[IsolationEpisode]:
    return episodes.filter(
        Q(followups_until__isnull=True) | Q(followups_until__lt=through),
        Q(followups_until__isnull=True) | Q(followups_until__lt=F("planned_end")),
        status=EpisodeStatus.ISOLATING,
    )


def _write(episodes: list[IsolationEpisode], through: date) -> int:
    rows = [
        FollowUp(episode_id=episode.pk, due_date=day)
        for episode in episodes
        for day in _due_days(episode, through)
    ]
    FollowUp.objects.bulk_create(rows, ignore_conflicts=True, batch_size=CHUNK)
    IsolationEpisode.objects.filter(pk__in=[episode.pk for episode in episodes]).update(
        followups_until=Least(F("planned_end"), Value(through))
    )
    return len(rows)


def followups_generate(
    *, through: date | None = None, episodes: QuerySet[IsolationEpisode] | None = None
) -> int:
    """Write the missing due rows of isolating episodes up to `through`; how many were due.

    `episodes` narrows the work (e.g. to a reader's scope); by default every episode.
    """
    through = through or followup_horizon()
    stale = _stale(IsolationEpisode.objects.all() if episodes is None else episodes, through).only(
        "pk", "start_date", "planned_end", "actual_end", "followup_every_days", "followups_until"
    )
    written = 0
    batch: list[IsolationEpisode] = []
    for episode in stale.order_by("pk").iterator(chunk_size=CHUNK):
        batch.append(episode)
        if len(batch) == CHUNK:
            written += _write(batch, through)
            batch = []
    if batch:
        written += _write(batch, through)
    return written


def followups_reschedule(episode: IsolationEpisode) -> None:
    """After a start, a new start date or a new end: drop undone rows past the last day and
    write the window again from the episode's start."""
    last_day = episode.actual_end or episode.planned_end
    FollowUp.objects.filter(episode=episode, done_at__isnull=True, due_date__gt=last_day).delete()
    episode.followups_until = None  # rewritten from the start; rows already there are kept
    _write([episode], followup_horizon())
    episode.refresh_from_db(fields=["followups_until"])


def followups_catch_up(*, reader: Any) -> int:
    """Before a due or overdue list: the rows of the reader's episodes up to tomorrow.

    Usually one query that finds nothing to write; on a day the daily command did not run, the
    first reader writes them, so no one's follow-up is missing from the lists.
    """
    return followups_generate(episodes=IsolationEpisode.objects.visible_to(reader))
