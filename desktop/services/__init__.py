"""Use cases shared by the command line and the window.

Services take plain arguments and an open `Database`, and return frozen
dataclasses (or numpy arrays for charts); they never return ORM rows or Qt types.
"""
