"""Tests of the foundation: a package, so its module names (test_api, test_cli...) do not clash with other folders."""
