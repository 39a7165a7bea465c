"""imr-tui: a guided writer for an Individual Management Review (IMR)."""

__version__ = "0.1.0"
