"""Exports: pure functions from the services' data to bytes (Word, iCalendar, CSV)."""
