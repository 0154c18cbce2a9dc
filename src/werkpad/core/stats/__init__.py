"""Report tables and their disclosure control (pure Python, no Django)."""

from .suppression import (
    Cell,
    CellStatus,
    Table1D,
    Table2D,
    suppress_1d,
    suppress_2d,
)

__all__ = ["Cell", "CellStatus", "Table1D", "Table2D", "suppress_1d", "suppress_2d"]
