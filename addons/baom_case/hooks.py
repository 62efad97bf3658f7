from odoo.tools import SQL

from .tools import periods


def pre_init_hook(env):
    """Give existing register lines their age band and nationality in SQL: the
    ORM would recompute a large register batch after batch at install."""
    cr = env.cr
    cr.execute(
        """
        ALTER TABLE baom_visit
            ADD COLUMN IF NOT EXISTS age_band varchar,
            ADD COLUMN IF NOT EXISTS nationality_id integer
        """
    )
    age = SQL(
        """COALESCE(
               date_part('year', age(
                   v.visit_date::date,
                   CASE WHEN b.birth_year_only
                       THEN make_date(date_part('year', b.birth_date)::integer, 7, 1)
                       ELSE b.birth_date
                   END
               )),
               CASE WHEN b.birth_band ~ '^[0-9]{4}-'
                   THEN date_part('year', v.visit_date)
                        - (split_part(b.birth_band, '-', 1)::integer + 5)
               END
           )"""
    )
    bands = SQL(" ").join(
        SQL("WHEN %s BETWEEN %s AND %s THEN %s", age, low, high, key)
        for key, low, high in periods.AGE_BANDS
    )
    cr.execute(
        SQL(
            """
            UPDATE baom_visit v
               SET nationality_id = b.nationality_id,
                   age_band = CASE %s END
              FROM baom_beneficiary b
             WHERE b.id = v.beneficiary_id
            """,
            bands,
        )
    )
