"""Every concrete model has access rules; every access rule names a model."""

import pytest
from baom_static import access_rows, addon_names, dependents, model_key, models


@pytest.mark.parametrize("addon", addon_names())
def test_models_have_access_rules(addon):
    declared, _touched = models(addon)
    covered = {
        key
        for other in dependents(addon)
        for _line, _module, key, _ref in access_rows(other)
    }
    missing = sorted(m for m in declared if model_key(m) not in covered)
    assert not missing, (
        f"{addon}: models without a line in security/ir.model.access.csv"
        f" (of {addon} or of an addon depending on it): {missing}"
    )


@pytest.mark.parametrize("addon", addon_names())
def test_access_rules_name_known_models(addon):
    repo_addons = set(addon_names())
    wrong = []
    for line, module, key, ref in access_rows(addon):
        if not ref.rpartition(".")[2].startswith("model_"):
            wrong.append(f"line {line}: {ref!r} is not a model_... XML id")
        elif module not in repo_addons:
            if module.startswith("baom_"):
                wrong.append(f"line {line}: {ref!r}: no addon {module} here")
            # else: a core Odoo model (e.g. base.model_res_partner)
        elif key not in {model_key(m) for m in models(module)[1]}:
            wrong.append(
                f"line {line}: {ref!r}: {module} neither declares nor extends"
                f" a model whose XML id is model_{key}"
            )
    assert not wrong, f"{addon}/security/ir.model.access.csv: {wrong}"
