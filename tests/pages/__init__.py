"""Tests across the pages: every link a user can follow answers."""
