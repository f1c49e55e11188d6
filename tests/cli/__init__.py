"""Tests of the command line (create-user, seed-demo)."""
