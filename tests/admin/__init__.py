"""Tests of the site manager's pages: users, bodies, organisations, memberships, fixed items."""
