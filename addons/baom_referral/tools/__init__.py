"""Plain-Python algorithms of baom_referral: importable and testable without Odoo."""
