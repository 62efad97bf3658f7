from . import baom_beneficiary_data_report
