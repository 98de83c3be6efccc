"""Every Python package is pinned with its hashes: the .in files name what
the site and its tools need, `make lock` compiles them into the .txt files
that pip installs with --require-hashes. A package added to a .in file
without compiling again, or a lock edited by hand, fails here."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s\\;]+)")


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def wanted(in_file):
    """{package: version} named in a .in file (its -r includes followed)."""
    pins = {}
    for line in (ROOT / in_file).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            pins.update(wanted(line[3:].strip()))
        elif line and not line.startswith("-"):
            found = PIN.match(line)
            assert found, f"{in_file}: {line!r} is not pinned with =="
            pins[canonical(found[1])] = found[2]
    return pins


def locked(txt_file):
    """{package: (version, number of hashes)} of a compiled lock file."""
    entries = {}
    current = None
    for line in (ROOT / txt_file).read_text().splitlines():
        found = PIN.match(line)
        if found:
            current = canonical(found[1])
            entries[current] = [found[2], 0]
        elif current and line.strip().startswith("--hash=sha256:"):
            entries[current][1] += 1
    return {name: tuple(entry) for name, entry in entries.items()}


@pytest.mark.parametrize(
    "in_file, txt_file",
    [("requirements.in", "requirements.txt"), ("requirements-dev.in", "requirements-dev.txt")],
)
def test_every_named_package_is_locked_at_its_version(in_file, txt_file):
    lock = locked(txt_file)
    for name, version in wanted(in_file).items():
        assert name in lock, f"{name} is in {in_file} but not in {txt_file}: run `make lock`"
        in_lock = lock[name][0]
        assert in_lock == version, f"{name}: {in_file} says {version}, {txt_file} {in_lock}"


@pytest.mark.parametrize("txt_file", ["requirements.txt", "requirements-dev.txt"])
def test_every_locked_package_has_hashes(txt_file):
    unhashed = [name for name, (_version, hashes) in locked(txt_file).items() if not hashes]
    assert len(locked(txt_file)) > 20
    assert not unhashed


def test_tools_install_the_site_at_the_same_versions():
    site, tools = locked("requirements.txt"), locked("requirements-dev.txt")
    assert {name: site[name][0] for name in site} == {name: tools[name][0] for name in site}
    assert "pytest" in tools and "pytest" not in site
