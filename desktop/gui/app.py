"""Placeholder: the GUI entry points (replaced below)."""
from typing import Any


def run_gui(args: Any, ws: Any) -> int:
    return 0


def main() -> int:
    return 0
