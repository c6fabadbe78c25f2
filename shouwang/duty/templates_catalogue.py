"""Shift templates: a day cut into equal shifts (三班倒 3×8 h, 两班倒 2×12 h, 4×6 h, 1×24 h).

A template applied to a post for a week gives each of its shifts, every day, to one team.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils.translation import gettext_lazy as _

from .times import local_midnight


@dataclass(frozen=True)
class ShiftTemplate:
    key: str
    label: object  # a lazy translation
    shifts_per_day: int

    @property
    def hours(self) -> int:
        return 24 // self.shifts_per_day

    def slots(self, first_hour: int) -> list[tuple[int, int]]:
        """(start hour from midnight, length in hours) of each shift of a day."""
        return [(first_hour + n * self.hours, self.hours) for n in range(self.shifts_per_day)]

    def shifts_of_week(self, week_start: date, first_hour: int) -> list[list[tuple]]:
        """For each shift of the day (team), its 7 (start, end) instants across the week."""
        teams = []
        for start_hour, length in self.slots(first_hour):
            times = []
            for offset in range(7):
                midnight = local_midnight(week_start + timedelta(days=offset))
                start: datetime = midnight + timedelta(hours=start_hour)
                times.append((start, start + timedelta(hours=length)))
            teams.append(times)
        return teams

    def slot_labels(self, first_hour: int) -> list[str]:
        return [
            f"{start % 24:02d}:00–{(start + length) % 24:02d}:00"
            for start, length in self.slots(first_hour)
        ]


TEMPLATES = {
    template.key: template
    for template in (
        ShiftTemplate("3x8", _("三班倒（3×8小时）"), 3),
        ShiftTemplate("2x12", _("两班倒（2×12小时）"), 2),
        ShiftTemplate("4x6", _("四班（4×6小时）"), 4),
        ShiftTemplate("1x24", _("24小时班（1×24小时）"), 1),
    )
}
TEMPLATE_CHOICES = [(key, template.label) for key, template in TEMPLATES.items()]
