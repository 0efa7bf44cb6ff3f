"""The real ``loaxa`` command line against one data folder: as a subprocess (:class:`Cli`), or
in this process through ``desktop.cli.main`` (:class:`InProcessCli`, the same answers without the
second or so a new Python costs; for corpora of many refusals)."""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


class Cli:
    """The real ``loaxa`` command line, run as a subprocess against one data folder."""

    def __init__(self, data_dir: Path, env: dict[str, str] | None = None) -> None:
        self.data_dir = data_dir
        outside = {k: v for k, v in os.environ.items() if k != "LOAXA_DB"}  # the database is the test's choice
        self.env = {**outside, "LOAXA_LANG": "en", **(env or {})}

    def cmd(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "desktop.cli", "--data-dir", str(self.data_dir), *args]

    def __call__(self, *args: str, timeout: float = 120, input_text: str | None = None) -> CliResult:
        res = subprocess.run(
            self.cmd(*args), check=False, capture_output=True, text=True, encoding="utf-8", timeout=timeout, env=self.env, input=input_text, cwd=ROOT
        )
        return CliResult(res.returncode, res.stdout, res.stderr)

    def ok(self, *args: str, timeout: float = 120) -> CliResult:
        r = self(*args, timeout=timeout)
        assert r.code == 0, f"loaxa {' '.join(args)} exited {r.code}\nstdout: {r.stdout}\nstderr: {r.stderr}"
        return r

    def json(self, *args: str) -> Any:
        return self.ok(*args, "--json").json()

    def popen(self, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
        return subprocess.Popen(self.cmd(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**self.env, **(env or {})}, cwd=ROOT)

    def in_process(self) -> InProcessCli:
        """This command line (same data folder, same environment) run in the test process: for
        the status and runs a test polls while engines run, where a new Python every 0.2 s would
        take a core from the engines under test."""
        ip = InProcessCli(self.data_dir)
        ip.env = dict(self.env)
        return ip


class InProcessCli(Cli):
    """The same command line run by ``desktop.cli.main`` in this process: its stdout and stderr
    captured, its environment (``LOAXA_LANG=en``, no ``LOAXA_DB`` unless given) set for the call,
    and the language and the ``loaxa`` loggers as they were afterwards. The database and the media
    store are the same real files a subprocess would use; only the interpreter is shared."""

    def __call__(self, *args: str, timeout: float = 120, input_text: str | None = None) -> CliResult:
        assert input_text is None, "InProcessCli reads no stdin: use Cli for that"
        from desktop.cli import main
        from schedules import i18n

        before_env = dict(os.environ)
        before_lang = i18n.language()
        logger = logging.getLogger("loaxa")
        before_log = (list(logger.handlers), logger.level, logger.propagate)
        out, err = io.StringIO(), io.StringIO()
        os.environ.clear()
        os.environ.update(self.env)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = main(["--data-dir", str(self.data_dir), *args])
                except SystemExit as exc:  # argparse: usage errors and --help
                    code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        finally:
            os.environ.clear()
            os.environ.update(before_env)
            i18n.set_language(before_lang)
            for h in list(logger.handlers):
                if h not in before_log[0]:
                    logger.removeHandler(h)
                    h.close()
            logger.handlers[:] = before_log[0]
            logger.setLevel(before_log[1])
            logger.propagate = before_log[2]
        return CliResult(code, out.getvalue(), err.getvalue())


def clone(template: Path, cli: Cli) -> Cli:
    """The test's data folder as a copy of ``template`` (SQLite file and media store)."""
    import shutil

    shutil.copytree(template, cli.data_dir)
    return cli
