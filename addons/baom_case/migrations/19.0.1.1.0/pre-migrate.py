"""Ratings and followers of cases are fenced by one global rule since 1.1.

The group rules of 1.0 (noupdate, so never removed by an update) filter on the
``baom_case_id`` helper columns, which 1.1 drops: they would make every search
on ratings and followers fail. Delete them before the new rules load.
"""

OBSOLETE_RULES = (
    "rating_rating_rule_not_baom_case",
    "rating_rating_rule_baom_case_office",
    "rating_rating_rule_baom_case_system",
    "mail_followers_rule_not_baom_case",
    "mail_followers_rule_baom_case_office",
    "mail_followers_rule_baom_case_system",
)


def migrate(cr, version):
    cr.execute(
        """
        DELETE FROM ir_rule
         WHERE id IN (SELECT res_id FROM ir_model_data
                       WHERE module = 'baom_case' AND model = 'ir.rule'
                         AND name = ANY(%s))
        """,
        [list(OBSOLETE_RULES)],
    )
    cr.execute(
        "DELETE FROM ir_model_data WHERE module = 'baom_case' AND name = ANY(%s)",
        [list(OBSOLETE_RULES)],
    )
