{
    "name": "BAOM Events",
    "summary": "Promotion days, the 10 August national day, tournaments, workshops "
    "and trainings of the BAOM offices",
    "version": "19.0.1.0.0",
    "category": "Services/BAOM",
    "author": "Migrations & Développement, BAOM suite contributors",
    "website": "https://github.com/baom-suite/baom",
    "license": "LGPL-3",
    "depends": ["baom_base", "baom_case", "event", "survey"],
    "data": [
        "data/event_type_data.xml",
        "views/event_event_views.xml",
        "security/baom_events_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "views/baom_event_campaign_views.xml",
        "views/baom_coaching_mission_views.xml",
        "views/baom_training_certificate_views.xml",
        "views/baom_visit_views.xml",
        "views/res_config_settings_views.xml",
        "report/baom_training_certificate_report.xml",
        "views/baom_events_menus.xml",
        "security/baom_tournament_security.xml",
        "report/baom_tournament_report.xml",
        "views/baom_tournament_views.xml",
        "views/baom_tournament_templates.xml",
        "report/baom_activity_report_events.xml",
    ],
    "demo": [
        "demo/baom_events_demo.xml",
        "demo/baom_tournament_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "baom_events/static/tests/tours/baom_tournament_tour.js",
        ],
    },
}
