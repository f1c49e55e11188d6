"""The link from "Goedkeuring verslag vorige vergadering" to the minutes it approves: those of the
body's previous held meeting, on the meeting page, when the reader may read them."""
from app.core.permissions import VIEW, can
from app.meetings.overview import overview_built
from app.meetings.queries import HELD_STATES, previous_meeting
from app.minutes.models import MeetingMinutes
from app.minutes.services import APPROVE_ITEM_TITLE, is_item_of_kind


@overview_built.connect
def link_previous_minutes(user, overview) -> None:
    """overview.extra("previous_minutes", item): [the previous held meeting] for the approval item."""
    item = next((view.item for view in overview.items
                 if (view.item.is_fixed or view.item.is_standing) and is_item_of_kind(view.item, APPROVE_ITEM_TITLE)),
                None)
    if item is None:
        return
    previous = previous_meeting(overview.meeting, HELD_STATES)
    if previous is not None and can(user, VIEW, MeetingMinutes(previous)):
        overview.extras["previous_minutes"] = {item.id: [previous]}
