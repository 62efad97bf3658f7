from . import baom_beneficiary_import
