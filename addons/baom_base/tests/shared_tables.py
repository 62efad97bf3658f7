from odoo.exceptions import AccessError, MissingError
from odoo.tests.common import JsonRpcException

# The core tables every addon shares, with what to read and group by on each.
SHARED_TABLES = {
    "mail.followers": (("res_model", "res_id", "partner_id", "display_name"), "res_id"),
    "rating.rating": (("res_name", "partner_id", "feedback", "rating"), "res_id"),
    "mail.message": (("body", "author_id", "record_name", "partner_ids"), "res_id"),
    "ir.attachment": (("name", "datas", "res_name", "res_id"), "res_id"),
    "mail.activity": (("summary", "res_name", "res_id"), "res_id"),
}


def or_refused(func, *args, **kwargs):
    """What ``func`` returns, or None when it is refused: only AccessError and
    MissingError count as a refusal, never a business error."""
    try:
        return func(*args, **kwargs)
    except (AccessError, MissingError):
        return None


# What a JSON route answers when it refuses a record to the caller.
DENIALS = (
    "odoo.exceptions.AccessError",
    "odoo.exceptions.MissingError",
    "werkzeug.exceptions.NotFound",
    "werkzeug.exceptions.Forbidden",
)


class SharedTablesMixin:
    """Probe the rows that core's shared tables keep about a record, by every
    route a user has: search, read, name_search, grouping, export."""

    @classmethod
    def _allow_export(cls, users):
        export = cls.env.ref("base.group_allow_export")
        for user in users.filtered(lambda u: not u.share):
            user.group_ids = [(4, export.id)]

    def _shared_rows(self, record):
        """{model: the rows of the shared tables about ``record``} (sudo)."""
        rows = {}
        for model in SHARED_TABLES:
            if model not in self.env:
                continue
            model_field = "model" if model == "mail.message" else "res_model"
            found = self.env[model].search(
                [(model_field, "=", record._name), ("res_id", "=", record.id)]
            )
            if found:
                rows[model] = found
        return rows

    def assertFindsNothing(self, user, rows):
        """``user`` finds and reads none of ``rows``, by any route."""
        model = rows._name
        fields, groupby = SHARED_TABLES[model]
        Model = self.env[model].with_user(user)
        on_rows = [("id", "in", rows.ids)]
        what = f"{user.login} must not find {model} {rows.ids}"
        self.assertFalse(or_refused(Model.search, on_rows), f"{what} (search)")
        self.assertFalse(or_refused(Model.search_count, on_rows), f"{what} (count)")
        self.assertFalse(
            or_refused(Model.search_read, on_rows, list(fields)),
            f"{what} (search_read)",
        )
        self.assertFalse(
            or_refused(Model.formatted_read_group, on_rows, [groupby], ["__count"]),
            f"{what} (formatted_read_group)",
        )
        self.assertFalse(
            or_refused(Model._read_group, on_rows, [groupby], ["__count"]),
            f"{what} (_read_group)",
        )
        for row in rows:
            found = or_refused(Model.name_search, row.display_name) or []
            self.assertNotIn(row.id, [rid for rid, __ in found], f"{what} (name)")
            for field in fields:
                self.assertIsNone(
                    or_refused(row.with_user(user).read, [field]),
                    f"{what} (read {field})",
                )
            if user.has_group("base.group_allow_export"):
                self.assertIsNone(
                    or_refused(row.with_user(user).export_data, list(fields)),
                    f"{what} (export)",
                )

    def assertFindsAll(self, user, rows):
        model = rows._name
        fields, __ = SHARED_TABLES[model]
        if model == "mail.message":
            # Notifications to someone else are theirs alone, as in core.
            rows = rows.filtered(lambda m: m.message_type != "user_notification")
        found = self.env[model].with_user(user).search([("id", "in", rows.ids)])
        self.assertEqual(found, rows, f"{user.login} must find {model} {rows.ids}")
        rows.with_user(user).read(list(fields))


class SharedTablesHttpMixin:
    """The HTTP routes of the chatter and of attachments, as each user."""

    def _login(self, user):
        if user:
            self.authenticate(user.login, user.login)
        else:
            self.authenticate(None, None)

    def assertWebContentGuarded(self, record, secret):
        """Outsiders get 403/404 on the record's attachment, its officer the file."""
        attachment = self._shared_rows(record)["ir.attachment"]
        url = f"/web/content/{attachment.id}?download=true"
        for role in ("public", "accountant", "portal", "other_office", "supervisor"):
            with self.subTest(role=role):
                self._login(self.outsiders.get(role))
                response = self.url_open(url)
                self.assertIn(response.status_code, (403, 404), role)
                self.assertNotIn(secret, response.content)
        self._login(self.officer_a)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn(secret, response.content)

    def assertThreadRoutesGuarded(self, record, hidden, shown):
        """Through /mail/thread/messages and /mail/data, outsiders get none of
        the record's messages nor any of ``hidden``; its officer gets them and
        every text of ``shown``."""
        message = self._shared_rows(record)["mail.message"].filtered(
            lambda m: m.message_type == "comment"
        )
        thread = {"thread_model": record._name, "thread_id": record.id}
        for role in ("accountant", "portal", "other_office", "supervisor"):
            with self.subTest(role=role):
                self._login(self.outsiders[role])
                self.assertNotIn(message.id, self._thread_message_ids(thread))
                data = str(self._thread_data(thread))
                for secret in hidden:
                    self.assertNotIn(secret, data, f"{role} learns {secret}")
        self._login(self.officer_a)
        self.assertIn(message.id, self._thread_message_ids(thread))
        data = str(self._thread_data(thread))
        for secret in shown:
            self.assertIn(secret, data, "the office's officer works the file")

    def _thread_message_ids(self, thread):
        try:
            result = self.make_jsonrpc_request("/mail/thread/messages", thread)
        except JsonRpcException as error:
            self._assert_denied(error)
            return []
        return result["messages"]

    def _thread_data(self, thread):
        request = dict(thread, request_list=["followers", "attachments", "activities"])
        try:
            return self.make_jsonrpc_request(
                "/mail/data", {"fetch_params": [["mail.thread", request]]}
            )
        except JsonRpcException as error:
            self._assert_denied(error)
            return {}

    def _assert_denied(self, error):
        # A crash must not pass for "the outsider sees nothing".
        self.assertIn(str(error), DENIALS, "the route refuses, it does not crash")
