from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import BaomBaseCommon


@tagged("post_install", "-at_install", "baom_base")
class TestOfficeRegion(BaomBaseCommon):
    def test_the_twelve_regions_of_morocco_are_shipped(self):
        regions = self.env["res.country.state"].search(
            [("country_id", "=", self.env.ref("base.ma").id)]
        )
        self.assertEqual(len(regions), 12)
        self.assertIn("Souss-Massa", regions.mapped("name"))

    def test_offices_group_by_region(self):
        souss = self.env.ref("baom_base.state_ma_09")
        oriental = self.env.ref("baom_base.state_ma_02")
        self.office_a.region_id = souss
        self.office_b.region_id = oriental
        groups = dict(
            self.env["baom.office"]._read_group(
                [("id", "in", (self.office_a | self.office_b).ids)],
                ["region_id"],
                ["__count"],
            )
        )
        self.assertEqual(groups, {souss: 1, oriental: 1})

    def test_a_region_outside_morocco_is_refused(self):
        spain = self.env.ref("base.state_es_m")
        with self.assertRaisesRegex(ValidationError, "region of Morocco"):
            self.office_a.region_id = spain
