"""Time helpers: datetimes are stored naive in UTC and shown in Europe/Brussels."""
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")


def utcnow() -> datetime:
    """Now, naive UTC, the way the database stores it."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def to_local(value: datetime) -> datetime:
    """A naive UTC datetime (as stored) as an aware Brussels one; an aware datetime is converted."""
    if value.tzinfo is not None:
        return value.astimezone(BRUSSELS)
    return value.replace(tzinfo=timezone.utc).astimezone(BRUSSELS)


def local_to_utc(value: datetime) -> datetime:
    """A naive Brussels wall-clock datetime (what a form gives) as naive UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=BRUSSELS)
    return value.astimezone(timezone.utc).replace(tzinfo=None)
