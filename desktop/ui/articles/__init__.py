"""Bringing articles in from the window: files, drops, the clipboard."""
