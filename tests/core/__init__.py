"""Tests of the core: permissions, workflow and versions, Markdown, translations, the app factory."""
