"""Tests of the to-do list on the start page (app/todo)."""
