"""Every addon manifest is valid for Odoo 19 and lists files that exist."""

import re

import pytest
from baom_static import ACCESS_CSV, ADDONS_DIR, EXPECTED_ADDONS, addon_names, manifest

VERSION = re.compile(r"^19\.0\.\d+\.\d+\.\d+$")


def _asset_paths(assets):
    """Our own files named in an ``assets`` dict (globs included)."""
    for bundle, entries in assets.items():
        for entry in entries:
            if isinstance(entry, list | tuple):
                directive, *args = entry
                if directive in ("include", "remove"):
                    continue  # a bundle name, or a file removed from a bundle
                entry = args[
                    -1
                ]  # (after|before|replace, target, path), (prepend, path)
            yield bundle, entry


def test_expected_addons_are_present():
    missing = sorted(set(EXPECTED_ADDONS) - set(addon_names()))
    assert not missing, f"addons without a __manifest__.py: {missing}"


@pytest.mark.parametrize("addon", addon_names())
def test_manifest_keys(addon):
    values = manifest(addon)
    assert VERSION.match(values.get("version", "")), (
        f"{addon}: version {values.get('version')!r} is not 19.0.x.y.z"
    )
    assert values.get("license") == "LGPL-3", f"{addon}: license must be LGPL-3"
    assert isinstance(values.get("author"), str) and values["author"].strip(), (
        f"{addon}: author is missing"
    )
    depends = values.get("depends")
    assert isinstance(depends, list) and depends, f"{addon}: depends is missing"


@pytest.mark.parametrize("addon", addon_names())
def test_manifest_files_exist(addon):
    values = manifest(addon)
    missing = [
        f"{key}: {name}"
        for key in ("data", "demo")
        for name in values.get(key, [])
        if not (ADDONS_DIR / addon / name).is_file()
    ]
    for bundle, path in _asset_paths(values.get("assets", {})):
        module = path.split("/", 1)[0]
        if (ADDONS_DIR / module).is_dir() and not list(ADDONS_DIR.glob(path)):
            missing.append(f"assets[{bundle}]: {path}")
    assert not missing, f"{addon}: files listed in the manifest are missing: {missing}"


@pytest.mark.parametrize("addon", addon_names())
def test_access_csv_is_loaded(addon):
    if (ADDONS_DIR / addon / ACCESS_CSV).is_file():
        assert ACCESS_CSV in manifest(addon).get("data", []), (
            f"{addon}: {ACCESS_CSV} exists but is not in the manifest's data"
        )
