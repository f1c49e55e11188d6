"""The to-do list of the start page: per role a user holds in a body, what waits for them.

A screen package above the meetings, minutes and decisions features: it reads them, nothing imports
it but the start page.
"""
