"""Pure-Python computational cores of Werkpad.

Nothing in this package may import Django (enforced by ruff's banned-api rule and by
``tests/unit/test_core_is_pure.py``). Cores take plain typed data in and return results with
explanations; the Django apps adapt their models to and from these types.
"""
