"""The application people touch: the PySide6 window and the ``loaxa`` command line."""
