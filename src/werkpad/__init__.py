"""Werkpad: the path to work for newcomers in the Netherlands."""

__version__ = "0.1.0"
