"""Minutes per agenda item, with revisions, the lock rule and approval.

The minute-taking screen, which joins minutes, decisions and actions, lives above both features in
`app/record/`.
"""
from app.minutes import approval  # noqa: F401  (registers the approval effect on the meeting workflow)
from app.minutes import previous  # noqa: F401,E402  (links the approval item to the previous minutes)
