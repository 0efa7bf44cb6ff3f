"""Shared fixtures: real SQLite files in tmp_path, real ffmpeg, the real CLI as a subprocess; any
ERROR logged during a test fails it. Helpers live in tests/support/ (cli, audio, state, logfail)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# Qt aborts the whole process without a display; tests always render offscreen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LOAXA_NO_ENGINE", "1")  # a window opened by a test never starts an engine
if os.environ.get("PYTEST_XDIST_WORKER"):
    # parallel workers (scripts/test runs pytest -n): each has its own PulseAudio (the sound tests
    # load sinks and sources by name and set the default source), started by the first fixture
    # that needs it, at a path of its own
    import tempfile

    os.environ["PULSE_RUNTIME_PATH"] = os.path.join(
        tempfile.gettempdir(), f"loaxa-pulse-{os.getuid() if hasattr(os, 'getuid') else 0}-{os.environ['PYTEST_XDIST_WORKER']}"
    )

from tests.support.audio import audio_maker, ffmpeg_run, have, probe_duration
from tests.support.cli import ROOT, Cli, CliResult, InProcessCli, clone
from tests.support.logfail import LogFail, watching
from tests.support.state import db_rows, rewrite_backup, tree_digest, wait_until

# fixtures defined beside their helpers: clips, key (tests/support/bundles.py); shared_icecast
# (tests/support/icecast.py)
pytest_plugins = ["tests.support.bundles", "tests.support.icecast"]

# the helpers live in tests/support/; these names stay importable from here for older modules
__all__ = [
    "ROOT",
    "Cli",
    "CliResult",
    "InProcessCli",
    "audio_maker",
    "clone",
    "db_rows",
    "ffmpeg_run",
    "have",
    "probe_duration",
    "rewrite_backup",
    "tree_digest",
    "wait_until",
]


# The fast set (`scripts/test -m "not slow"`, under two minutes on two cores) leaves out the tests
# marked slow in their modules and, by this rule, the end-to-end ones (the CLI and the engine as
# subprocesses: seconds per test, minutes per module) and the integration and window modules
# below, whose tests take seconds each (real ffmpeg pipelines, real servers, an engine, speech).
# CI runs everything.
SLOW_PATHS = (
    "tests/e2e/",
    "tests/integration/test_bundles.py",
    "tests/integration/test_speech.py",
    "tests/integration/test_live.py",
    "tests/integration/test_composer.py",
    "tests/integration/test_loudness_pipeline.py",
    "tests/integration/test_library.py",
    "tests/gui/test_workflows.py",
    "tests/gui/test_compose.py",
    "tests/gui/test_httn_window.py",
    "tests/gui/test_live_dialog.py",
    "tests/gui/test_backup_window.py",
    "tests/gui/test_reports_page.py",
    "tests/gui/test_bundle_page.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.nodeid.startswith(SLOW_PATHS):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def logfail(request: pytest.FixtureRequest) -> Iterator[LogFail]:
    """Fails the test when anything logs an ERROR during it (tests/support/logfail.py); a test
    that expects errors is marked ``expect_errors`` or wraps the part in ``logfail.expected()``."""
    with watching() as handler:
        yield handler
    if handler.unexpected and request.node.get_closest_marker("expect_errors") is None:
        pytest.fail(f"errors were logged during the test (mark it expect_errors if they are expected):\n{handler.report()}", pytrace=False)


@pytest.fixture
def english() -> Iterator[None]:
    """Messages of this process in English (the ids the tests read), the language before restored.

    The default language is Vietnamese, and GUI tests switch it: a test that reads an in-process
    message must not depend on which test ran before it.
    """
    from schedules import i18n

    before = i18n.language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)


@pytest.fixture(scope="session")
def pg() -> Iterator[Any]:
    """A real PostgreSQL server for the session (each test takes its own database from it)."""
    from tests.support.postgres import PostgresServer

    srv = PostgresServer().start()
    yield srv
    srv.close()


@pytest.fixture
def cli(tmp_path: Path) -> Iterator[Cli]:
    c = Cli(tmp_path / "data")
    yield c
    # an engine run by the test that blocked its event loop fails it: a bug, not machine load
    for log in (c.data_dir / "logs").glob("engine.log*"):
        blocked = [line for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if "event loop was blocked" in line]
        assert not blocked, f"the engine's event loop was blocked: {blocked[:3]}"


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Any]:
    from schedules.workspace import Workspace

    w = Workspace.open(tmp_path / "data")
    yield w
    w.close()


@pytest.fixture
def make_audio(tmp_path: Path) -> Callable[..., Path]:
    """Make a real audio file: a tone (default), or speech with ``text=`` via espeak-ng."""
    return audio_maker(tmp_path)


_TEMPLATES: dict[str, Path] = {}


@pytest.fixture(scope="session")
def data_template(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, Callable[[Cli, Callable[..., Path], Path], None]], Path]:
    """A data folder built once per session by ``build(cli, make_audio, folder)`` through the
    real CLI, for tests that each start from a copy of it (see :func:`clone`)."""

    def get(name: str, build: Callable[[Cli, Callable[..., Path], Path], None]) -> Path:
        if name not in _TEMPLATES:
            root = tmp_path_factory.mktemp(f"template-{name}")
            build(Cli(root / "data"), audio_maker(root), root)
            _TEMPLATES[name] = root / "data"
        return _TEMPLATES[name]

    return get
