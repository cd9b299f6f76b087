"""Signpost: a scenario tracker for analysts following a fast-moving crisis."""

__version__ = "0.1.0"
