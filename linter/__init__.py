"""noticelint: a compliance linter for Chinese inspection-rectification notices."""

__version__ = "0.1.0"
