"""Kansrijke koppeling: linking new status holders to municipalities.

For now the app holds only ``werkpad assign-instance`` (the public HIAS test instances through the
pure core ``werkpad.core.koppeling``); households, quotas, runs, proposals and overrides follow.
"""
