"""Every addon ships French and Arabic translations that parse."""

import polib
import pytest
from baom_static import ADDONS_DIR, ROOT, addon_names

PO_FILES = sorted([*ADDONS_DIR.glob("*/i18n/*.po"), *ADDONS_DIR.glob("*/i18n/*.pot")])


@pytest.mark.parametrize("addon", addon_names())
def test_french_and_arabic_exist(addon):
    i18n = ADDONS_DIR / addon / "i18n"
    missing = [name for name in ("fr.po", "ar.po") if not (i18n / name).is_file()]
    assert not missing, f"{addon}: missing i18n/{missing}"
    assert not (i18n / "en.po").exists(), f"{addon}: i18n/en.po must not exist"


@pytest.mark.parametrize(
    "path", PO_FILES, ids=[str(p.relative_to(ADDONS_DIR)) for p in PO_FILES]
)
def test_po_file_parses(path):
    try:
        polib.pofile(str(path))
    except (OSError, ValueError) as exc:
        pytest.fail(f"{path.relative_to(ROOT)}: {exc}")
