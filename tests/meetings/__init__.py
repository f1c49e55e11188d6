"""Tests of meetings: services, pages, API, exports, demo data."""
