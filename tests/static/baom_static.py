"""What the static checks know about the addons, read without Odoo."""

import ast
import csv
import functools
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ADDONS_DIR = ROOT / "addons"
EXPECTED_ADDONS = (
    "baom_base",
    "baom_case",
    "baom_referral",
    "baom_events",
    "baom_portal",
)
ACCESS_CSV = "security/ir.model.access.csv"
CONCRETE_BASES = {"Model", "TransientModel"}  # AbstractModel needs no ACL


def addon_names():
    """Addons present in the repository (a folder with a manifest)."""
    return sorted(p.parent.name for p in ADDONS_DIR.glob("*/__manifest__.py"))


@functools.cache
def manifest(addon):
    source = (ADDONS_DIR / addon / "__manifest__.py").read_text(encoding="utf-8")
    return ast.literal_eval(source)


@functools.cache
def dependents(addon):
    """The addon itself and every repository addon depending on it."""
    result = {addon}
    for other in addon_names():
        if addon in manifest(other).get("depends", []):
            result |= dependents(other)
    return frozenset(result)


def model_key(name):
    """``baom.case`` -> ``baom_case``, the part after ``model_`` in XML ids."""
    return name.replace(".", "_")


def _strings(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.List | ast.Tuple):
        return [e.value for e in node.elts if isinstance(e, ast.Constant)]
    return []


def _base_name(node):
    return node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")


@functools.cache
def models(addon):
    """(declared, touched): new concrete models, and every model the addon
    declares or extends (each of them gets a ``<addon>.model_x`` XML id)."""
    declared, touched = set(), set()
    for path in sorted((ADDONS_DIR / addon).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            attrs = {}
            for stmt in node.body:
                if isinstance(stmt, ast.Assign):
                    for target in stmt.targets:
                        if isinstance(target, ast.Name):
                            attrs[target.id] = _strings(stmt.value)
            names = attrs.get("_name", [])
            inherits = attrs.get("_inherit", [])
            touched.update(names or inherits)
            concrete = any(_base_name(b) in CONCRETE_BASES for b in node.bases)
            if concrete and names and names[0] not in inherits:
                declared.add(names[0])
    return frozenset(declared), frozenset(touched)


@functools.cache
def access_rows(addon):
    """Rows of the addon's ir.model.access.csv as (line, module, model key)."""
    path = ADDONS_DIR / addon / ACCESS_CSV
    if not path.is_file():
        return ()
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            ref = (row.get("model_id:id") or "").strip()
            module, _dot, xmlid = ref.rpartition(".")
            rows.append((number, module or addon, xmlid.removeprefix("model_"), ref))
    return tuple(rows)
