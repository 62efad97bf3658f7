from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval


@tagged("post_install", "-at_install")
class TestInstitutionDirectory(TransactionCase):
    def test_directory_lists_tagged_institutions_only(self):
        action = self.env.ref("baom_referral.res_partner_action_baom_institution")
        social = self.env.ref("baom_referral.res_partner_category_social")
        cnss = self.env["res.partner"].create(
            {"name": "CNSS Agadir", "is_company": True, "category_id": [(4, social.id)]}
        )
        bakery = self.env["res.partner"].create({"name": "Bakery", "is_company": True})
        shown = self.env["res.partner"].search(safe_eval(action.domain))
        self.assertIn(cnss, shown)
        self.assertNotIn(bakery, shown)
