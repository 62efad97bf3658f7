"""Plain-Python algorithms of baom_base: importable and testable without Odoo."""
