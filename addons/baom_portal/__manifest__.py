{
    "name": "BAOM Portal",
    "summary": "Public directory of the BAOM offices; portal for beneficiaries and "
    "partner institutions",
    "version": "19.0.1.1.0",
    "category": "Services/BAOM",
    "author": "Migrations & Développement, BAOM suite contributors",
    "website": "https://github.com/baom-suite/baom",
    "license": "LGPL-3",
    "depends": ["baom_case", "baom_referral", "baom_events", "portal"],
    "data": [
        "security/ir.model.access.csv",
        "security/baom_portal_security.xml",
        "data/ir_config_parameter_data.xml",
        "data/mail_template_data.xml",
        "views/baom_beneficiary_views.xml",
        "views/baom_case_views.xml",
        "views/res_config_settings_views.xml",
        "views/baom_office_templates.xml",
        "views/baom_service_guide_templates.xml",
        "views/baom_request_templates.xml",
        "views/baom_case_portal_templates.xml",
        "views/baom_referral_portal_templates.xml",
    ],
    "demo": [
        "demo/baom_portal_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "baom_portal/static/tests/tours/*.js",
        ],
    },
}
