from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    baom_portal_upload_types = fields.Char(
        "Accepted File Types",
        config_parameter="baom_portal.upload_types",
        default="pdf,jpeg,jpg,png",
        help="File extensions people may send online, separated by commas.",
    )
    baom_portal_upload_max_mb = fields.Integer(
        "File Size Limit (MB)", config_parameter="baom_portal.upload_max_mb", default=5
    )
    baom_portal_upload_max_count = fields.Integer(
        "Files per Request", config_parameter="baom_portal.upload_max_count", default=3
    )
    baom_portal_request_hourly_limit = fields.Integer(
        "Requests per Hour and Connection",
        config_parameter="baom_portal.request_hourly_limit",
        default=5,
        help="Further requests from the same connection within the hour are "
        "refused (protects the offices from floods).",
    )
    baom_portal_request_min_seconds = fields.Integer(
        "Minimum Fill Time (seconds)",
        config_parameter="baom_portal.request_min_seconds",
        default=5,
        help="A form sent faster than this was filled by a robot.",
    )
    baom_portal_referral_token_days = fields.Integer(
        "Referral Link Validity (days)",
        config_parameter="baom_portal.referral_token_days",
        default=30,
        help="How long the link e-mailed to an institution opens its referral "
        "without an account.",
    )
