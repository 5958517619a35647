"""What goes wrong in an export, as one line meant for the user."""

from __future__ import annotations


class ExportError(Exception):
    """The export cannot be made or written; the message is one line meant for the user."""


class ExportExists(ExportError):
    """The target exists and overwriting was not asked for (a dialog may offer to)."""
