"""The frozen application's entry point (packaging/loaxa.spec builds two executables from it):
``loaxa`` (console: the command line, ``loaxa gui``, ``loaxa engine``) and ``loaxa-gui``
(no console window on Windows: the window, as the ``loaxa-gui`` script)."""

from __future__ import annotations

import sys
from pathlib import Path


def main() -> int:
    if Path(sys.executable).stem.lower() == "loaxa-gui":
        from desktop.gui.app import main as gui_main

        return gui_main()
    from desktop.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
