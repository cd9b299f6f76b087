"""The window: PySide6 widgets, Qt item models and pyqtgraph charts. Only this package imports Qt."""
