"""Make each addon's plain-Python ``tools`` package importable without Odoo.

``addons/baom_base/tools`` is loaded as the top-level package ``baom_base_tools``
(likewise for the other addons), so unit tests never import ``odoo``.
"""

import importlib.util
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
ADDONS = ROOT / "addons"


def _load_tools_package(addon_dir):
    tools_dir = addon_dir / "tools"
    if not (tools_dir / "__init__.py").is_file():
        return
    alias = f"{addon_dir.name}_tools"
    if alias in sys.modules:
        return
    spec = importlib.util.spec_from_file_location(
        alias, tools_dir / "__init__.py", submodule_search_locations=[str(tools_dir)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[alias] = module
    spec.loader.exec_module(module)


for _addon in sorted(ADDONS.glob("baom_*")):
    _load_tools_package(_addon)
