"""The lock files (requirements/*.txt, written by scripts/lock) and the install made from them.

- Every dependency pyproject.toml declares (for this Python) is pinned in the lock, at a version
  its range accepts, with hashes: a dependency added without running scripts/lock fails here.
- The environment the tests run in is the lock's (scripts/test installs from it), exactly.
- run.txt and package.txt pin the same versions as test.txt.
- `pip install .` needs no Qt to build (the build requirements are setuptools and wheel).
"""

from __future__ import annotations

import importlib.metadata as md
import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LOCKS = ROOT / "requirements"


def pins(name: str) -> dict[str, tuple[str, int]]:
    """{package: (version, number of hashes)} for the entries whose markers hold here."""
    text = (LOCKS / name).read_text(encoding="utf-8").replace("\\\n", " ")
    out: dict[str, tuple[str, int]] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        req = Requirement(line.split(" --hash", 1)[0].strip())
        if req.marker is not None and not req.marker.evaluate():
            continue
        (spec,) = req.specifier
        assert spec.operator == "==", f"{name}: {line[:80]} is not pinned"
        out[canonicalize_name(req.name)] = (spec.version, len(re.findall(r"--hash=sha256:[0-9a-f]{64}", line)))
    return out


def declared(extras: tuple[str, ...]) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = [Requirement(r) for r in project["dependencies"]]
    for extra in extras:
        reqs += [Requirement(r) for r in project["optional-dependencies"][extra]]
    return [r for r in reqs if r.marker is None or r.marker.evaluate({"extra": ""})]


def test_every_declared_dependency_is_pinned_with_hashes() -> None:
    for lock, extras in (("test.txt", ("test",)), ("run.txt", ()), ("package.txt", ("package",))):
        pinned = pins(lock)
        for req in declared(extras):
            name = canonicalize_name(req.name)
            assert name in pinned, f"{req} is declared in pyproject.toml but not in requirements/{lock}: run scripts/lock"
            version, hashes = pinned[name]
            assert req.specifier.contains(version, prereleases=True), f"requirements/{lock} pins {name}=={version}, outside {req}: run scripts/lock"
        for name, (version, hashes) in pinned.items():
            assert hashes >= 1, f"requirements/{lock}: {name}=={version} has no hash"


def test_the_tests_run_on_the_locked_versions() -> None:
    wrong = []
    for name, (version, _) in pins("test.txt").items():
        try:
            have = md.version(name)
        except md.PackageNotFoundError:
            have = None
        if have != version:
            wrong.append(f"{name}: locked {version}, installed {have}")
    assert not wrong, "the environment is not the lock's (scripts/venv test installs it): " + "; ".join(wrong)


def test_run_and_package_locks_agree_with_the_test_lock() -> None:
    test = pins("test.txt")
    for lock in ("run.txt", "package.txt"):
        for name, (version, _) in pins(lock).items():
            if name in test:
                assert test[name][0] == version, f"{name}: {version} in {lock}, {test[name][0]} in test.txt: run scripts/lock"


def test_building_needs_no_qt() -> None:
    build = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["requires"]
    assert not [r for r in build if "pyside" in r.lower()], build
