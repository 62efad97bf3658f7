from contextlib import nullcontext
from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields, models
from odoo.tools import SQL

from .baom_beneficiary import ACCESS_LOG_WINDOW_MINUTES

# How personal data left, one key per way; other addons log merges and transfers.
ACCESS_TYPE_SELECTION = [
    ("form", "Form"),
    ("export", "Export"),
    ("report", "Report"),
    ("api", "API"),
    ("merge", "Merge"),
    ("transfer", "Transfer"),
]
# Consultations repeat (a form is read again after every save) and are logged
# once per window; a merge or a transfer is an act, each one is recorded.
WINDOWED_ACCESS_TYPES = ("form", "export", "report", "api")


class BaomBeneficiaryAccessLog(models.Model):
    """Who consulted which file, how and when ("who viewed what").

    Append-only: rows are inserted by ``_log`` only, officers may read those of
    their offices and nobody but an administrator may delete them.
    """

    _name = "baom.beneficiary.access.log"
    _description = "BAOM Beneficiary Access Log"
    _order = "access_date desc, id desc"
    _log_access = False

    beneficiary_id = fields.Many2one(
        "baom.beneficiary", required=True, index=True, ondelete="cascade", readonly=True
    )
    office_id = fields.Many2one(
        related="beneficiary_id.office_id", store=True, index=True
    )
    company_id = fields.Many2one(related="beneficiary_id.company_id", store=True)
    user_id = fields.Many2one(
        "res.users", "Consulted By", required=True, readonly=True, ondelete="restrict"
    )
    access_date = fields.Datetime(
        "Consulted On", required=True, readonly=True, default=fields.Datetime.now
    )
    access_type = fields.Selection(
        ACCESS_TYPE_SELECTION,
        "How",
        required=True,
        readonly=True,
        default="form",
    )
    detail = fields.Char(
        readonly=True, help="What carried the data: a report, a case, an API method."
    )

    # A person's consultations, newest first; also the window check of _log.
    _beneficiary_date_idx = models.Index("(beneficiary_id, access_date DESC)")

    @api.model
    def _log(self, beneficiaries, access_type, detail=None):
        """Record that the current user consulted ``beneficiaries``.

        One INSERT for all of them; a person already consulted by the same
        user the same way within the window is skipped (merges and transfers
        never are). Callable on a read-only cursor: the row is then written in a
        short transaction of its own, as core's device log does.
        """
        ids = [id_ for id_ in beneficiaries._ids if isinstance(id_, int)]
        uid = self.env.uid
        if not ids or not uid or uid == SUPERUSER_ID:
            return
        now = fields.Datetime.now()
        query = SQL(
            """
            INSERT INTO baom_beneficiary_access_log
                (beneficiary_id, office_id, company_id, user_id, access_date,
                 access_type, detail)
            SELECT person.id, person.office_id, person.company_id, %(uid)s,
                   %(now)s, %(access_type)s, %(detail)s
              FROM baom_beneficiary person
             WHERE person.id = ANY(%(ids)s)
               AND (NOT %(windowed)s OR NOT EXISTS (
                   SELECT 1
                     FROM baom_beneficiary_access_log log
                    WHERE log.beneficiary_id = person.id
                      AND log.user_id = %(uid)s
                      AND log.access_type = %(access_type)s
                      AND log.access_date >= %(since)s
               ))
            """,
            uid=uid,
            now=now,
            since=now - timedelta(minutes=ACCESS_LOG_WINDOW_MINUTES),
            access_type=access_type,
            windowed=access_type in WINDOWED_ACCESS_TYPES,
            detail=detail or None,
            ids=sorted(set(ids)),
        )
        self.env["baom.beneficiary"].flush_model(["office_id", "company_id"])
        if self.env.cr.readonly:
            # Reads run on a read-only cursor (or a replica): never turn them
            # read-write, log beside them. The read transaction holds nothing to
            # keep, and ending it lets tests open the read-write cursor.
            self.env.cr.rollback()
            cursor = self.env.registry.cursor(readonly=False)
        else:
            # Same transaction: a person created by this very call (a form
            # save reads the new record back) is not visible to another one.
            cursor = nullcontext(self.env.cr)
        with cursor as log_cr:
            log_cr.execute(query)
        self.invalidate_model()
        beneficiaries.invalidate_recordset(["access_log_count"])
