"""odoo.conf keeps the settings the run and test commands rely on."""

import configparser

from baom_static import ROOT


def _options():
    parser = configparser.RawConfigParser()
    parser.read(ROOT / "odoo.conf", encoding="utf-8")
    return parser["options"]


def test_odoo_conf_defaults():
    options = _options()
    assert options.get("http_interface") == "127.0.0.1"
    assert options.get("list_db") == "False"
    assert options.get("data_dir") == "var/filestore"
    assert options.get("admin_passwd")


def test_odoo_conf_leaves_database_and_demo_to_the_scripts():
    options = _options()
    for name in ("db_host", "db_name", "without_demo", "with_demo"):
        assert name not in options, f"odoo.conf must not set {name}"
