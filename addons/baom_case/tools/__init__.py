"""Plain-Python helpers of baom_case: importable and testable without Odoo."""
