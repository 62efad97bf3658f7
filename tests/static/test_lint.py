"""ruff (lint + format) and pylint-odoo with OCA's mandatory checks."""

import functools
import subprocess
import sys

import pytest
from baom_static import ROOT, addon_names

RUFF_PATHS = ["addons", "tests", "scripts"]
PYLINT_FATAL = 1 | 32  # pylint exit bits: fatal message, usage error


def _run(*args):
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def _check(*args):
    result = _run(*args)
    if result.returncode:
        pytest.fail(f"{' '.join(args)}\n{result.stdout}{result.stderr}", pytrace=False)


def test_ruff_check():
    _check("ruff", "check", "--no-fix", "--output-format=concise", *RUFF_PATHS)


def test_ruff_format():
    _check("ruff", "format", "--check", "--output-format=concise", *RUFF_PATHS)


@functools.cache
def _pylint():
    """One pylint run over every addon (much faster than one run per addon)."""
    paths = [f"addons/{addon}" for addon in addon_names()]
    return _run("pylint", "--rcfile=.pylintrc", "--output-format=text", *paths)


@pytest.mark.parametrize("addon", addon_names())
def test_pylint_odoo(addon):
    result = _pylint()
    if result.returncode & PYLINT_FATAL:
        pytest.fail(f"pylint could not run:\n{result.stdout}{result.stderr}")
    messages = [
        line
        for line in result.stdout.splitlines()
        if line.startswith(f"addons/{addon}/")
    ]
    if messages:
        pytest.fail("\n".join(["pylint-odoo:", *messages]), pytrace=False)
