"""Unit tests of werkpad.core.taxonomy."""
