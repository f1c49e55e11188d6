"""The one error of the backup feature."""


class BackupError(Exception):
    """A backup cannot be written or restored; the message says why."""
