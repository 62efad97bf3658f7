"""Every XML file of the addons is well-formed."""

from xml.etree import ElementTree

import pytest
from baom_static import ADDONS_DIR, ROOT

XML_FILES = sorted(ADDONS_DIR.glob("*/**/*.xml"))


@pytest.mark.parametrize(
    "path", XML_FILES, ids=[str(p.relative_to(ADDONS_DIR)) for p in XML_FILES]
)
def test_xml_is_well_formed(path):
    try:
        ElementTree.parse(path)
    except ElementTree.ParseError as exc:
        pytest.fail(f"{path.relative_to(ROOT)}: {exc}")
