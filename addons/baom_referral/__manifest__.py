{
    "name": "BAOM Referral",
    "summary": "Directory of partner institutions the BAOM offices refer people to",
    "version": "19.0.1.0.0",
    "category": "Services/BAOM",
    "author": "Migrations & Développement, BAOM suite contributors",
    "website": "https://github.com/baom-suite/baom",
    "license": "LGPL-3",
    "depends": ["baom_case", "contacts"],
    "data": [
        "security/ir.model.access.csv",
        "security/baom_referral_security.xml",
        "data/res_partner_category_data.xml",
        "views/baom_service_views.xml",
        "views/res_partner_views.xml",
    ],
}
