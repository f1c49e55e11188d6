"""Tests of logging in and out, on the pages and through the API."""
