{
    "name": "BAOM Portal",
    "summary": "Public directory of the BAOM offices; portal for beneficiaries and "
    "partner institutions",
    "version": "19.0.1.0.0",
    "category": "Services/BAOM",
    "author": "Migrations & Développement, BAOM suite contributors",
    "website": "https://github.com/baom-suite/baom",
    "license": "LGPL-3",
    "depends": ["baom_case", "baom_referral", "baom_events", "portal"],
    "data": [
        "views/baom_office_templates.xml",
    ],
}
