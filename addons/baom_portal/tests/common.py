import re

from odoo import fields
from odoo.tests import HttpCase, new_test_user

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
STAMP_RE = re.compile(r'name="form_stamp" value="([^"]+)"')
# Smallest files whose content matches their type.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08"
    b"\x02\x00\x00\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00"
    b"\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


class BaomPortalCommon(HttpCase):
    """Two offices with an officer each, one person and case per office, a
    portal account for the first person."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("baom_portal.request_min_seconds", 0)
        params.set_param("baom_portal.request_hourly_limit", 5)
        cls.officer_a = new_test_user(
            cls.env,
            "portal_officer_a",
            groups="baom_base.group_baom_officer",
            name="Rachida Amzil",
            email="rachida@example.com",
        )
        cls.officer_b = new_test_user(
            cls.env,
            "portal_officer_b",
            groups="baom_base.group_baom_officer",
            name="Youssef Ouali",
        )
        cls.supervisor = new_test_user(
            cls.env,
            "portal_supervisor",
            groups="baom_base.group_baom_supervisor",
            name="Karim Bennani",
        )
        cls.office_a = cls.env["baom.office"].create(
            {
                "name": "BAOM Tiznit Test",
                "code": "TZT",
                "commune": "Tiznit",
                "officer_ids": [(6, 0, cls.officer_a.ids)],
                "supervisor_ids": [(6, 0, cls.supervisor.ids)],
            }
        )
        cls.office_b = cls.env["baom.office"].create(
            {
                "name": "BAOM Taroudant Test",
                "code": "TRD",
                "commune": "Taroudant",
                "officer_ids": [(6, 0, cls.officer_b.ids)],
            }
        )
        cls.need = cls.env["baom.need.category"].search(
            [("parent_id", "=", False)], limit=1
        )
        cls.doc_type = cls.env["baom.document.type"].create({"name": "Birth record"})
        cls.stage_first = cls.env["baom.case.stage"].search([], limit=1)
        cls.stage_closed = cls.env.ref("baom_case.baom_case_stage_resolved")
        cls.person_a = cls._new_person(
            cls.office_a, first_name="Fatima", email="fatima.a@example.com"
        )
        cls.person_b = cls._new_person(
            cls.office_b, first_name="Hafida", email="hafida.b@example.com"
        )
        cls.case_a = cls._new_case(cls.person_a, "Pension from Belgium")
        cls.case_b = cls._new_case(cls.person_b, "Driving licence exchange")
        cls.portal_a = new_test_user(
            cls.env,
            "portal_fatima",
            groups="base.group_portal",
            partner_id=cls.person_a.partner_id.id,
        )
        cls.portal_b = new_test_user(
            cls.env,
            "portal_hafida",
            groups="base.group_portal",
            partner_id=cls.person_b.partner_id.id,
        )

    @classmethod
    def _new_person(cls, office, **values):
        return cls.env["baom.beneficiary"].create(
            {
                "last_name": "Test",
                "gender": "female",
                "profile": "rights_holder",
                "office_id": office.id,
                "consent_date": fields.Date.today(),
                **values,
            }
        )

    @classmethod
    def _new_case(cls, person, title):
        case = cls.env["baom.case"].create(
            {
                "beneficiary_id": person.id,
                "title": title,
                "description": f"<p>{title}: details</p>",
                "confidential_note": "<p>Secret: family conflict</p>",
            }
        )
        case.document_ids = [(0, 0, {"document_type_id": cls.doc_type.id})]
        return case

    # ------------------------------------------------------------
    # Public form helpers
    # ------------------------------------------------------------

    def _open_form(self, url="/baom/request"):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return {
            "csrf_token": CSRF_RE.search(response.text).group(1),
            "form_stamp": STAMP_RE.search(response.text).group(1),
        }

    def _request_values(self, **values):
        return {
            "office_id": self.office_a.id,
            "need_id": self.need.id,
            "description": "My late husband worked in Belgium. Am I entitled to "
            "his pension?",
            "profile": "rights_holder",
            "first_name": "Zahra",
            "last_name": "Online",
            "phone": "+33 6 12 34 56 78",
            "email": "zahra.online@example.com",
            "country_id": self.env.ref("base.fr").id,
            "lang": self.env["res.lang"].search([], limit=1).code,
            "consent": "1",
            **values,
        }

    def _submit(self, files=None, form=None, **values):
        data = dict(form or self._open_form(), **self._request_values(**values))
        data = {key: value for key, value in data.items() if value is not None}
        return self.url_open("/baom/request/submit", data=data, files=files)

    def _online_cases(self):
        # Only the test offices: the demo data holds online requests too.
        return self.env["baom.case"].search(
            [
                ("channel", "=", "online"),
                ("office_id", "in", (self.office_a | self.office_b).ids),
            ]
        )
