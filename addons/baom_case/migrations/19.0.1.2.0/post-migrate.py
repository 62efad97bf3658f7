"""Network cells have no create/write columns and no stored company since 1.2.

An update does not drop the columns a model no longer declares: the hub would
keep two foreign keys to res.users and one to res.company checked on every
cell it receives (most of the cost of an ingest), for columns nobody fills.
"""

OBSOLETE_COLUMNS = (
    "create_uid",
    "create_date",
    "write_uid",
    "write_date",
    "company_id",
)


def migrate(cr, version):
    cr.execute(
        """
        SELECT column_name FROM information_schema.columns
         WHERE table_name = 'baom_network_snapshot_line' AND column_name = ANY(%s)
        """,
        [list(OBSOLETE_COLUMNS)],
    )
    for (column,) in cr.fetchall():
        cr.execute(f'ALTER TABLE baom_network_snapshot_line DROP COLUMN "{column}"')
