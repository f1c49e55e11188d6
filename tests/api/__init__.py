"""Tests of the JSON API: its skeleton (tokens, errors) and its robustness against bad input."""
