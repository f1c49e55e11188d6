"""Backups: a consistent dump of the database and the uploaded files, and the restore of one."""
