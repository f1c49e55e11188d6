"""The meeting's timetable: each item's planned start from the meeting start and the durations before it.

An item without a duration takes no time in the plan (it starts where the next one starts); a
skipped item takes none either. The plan runs over when its end passes the meeting's planned end.
"""
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.core.timeutil import to_local


@dataclass(frozen=True)
class Slot:
    item_id: int
    start: datetime          # local (Brussels) time
    minutes: int | None      # the item's planned duration, None when it has none

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.minutes or 0)


@dataclass(frozen=True)
class Timetable:
    slots: dict[int, Slot]   # by agenda item id
    start: datetime
    end: datetime            # start + the sum of the durations
    planned_end: datetime | None

    @property
    def total_minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)

    @property
    def overrun_minutes(self) -> int:
        """How many minutes the plan runs past the meeting's planned end (0 when it fits)."""
        if self.planned_end is None or self.end <= self.planned_end:
            return 0
        return int((self.end - self.planned_end).total_seconds() // 60)

    def slot(self, item) -> Slot | None:
        return self.slots.get(item.id)


def timetable(meeting, items=None) -> Timetable:
    """The plan for `items` (default: every item of the meeting, in agenda order)."""
    items = sorted(meeting.items, key=lambda i: i.position) if items is None else items
    start = to_local(meeting.start_at)
    at = start
    slots = {}
    for item in items:
        minutes = None if item.skipped else item.duration_minutes
        slots[item.id] = Slot(item.id, at, minutes)
        at += timedelta(minutes=minutes or 0)
    planned_end = to_local(meeting.end_at) if meeting.end_at else None
    return Timetable(slots, start, at, planned_end)
