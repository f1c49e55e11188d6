"""Bodies (organen), organisations, memberships, fixed agenda items and action lines."""
