from . import baom_beneficiary_data_export
from . import baom_beneficiary_import
from . import baom_beneficiary_merge
from . import baom_beneficiary_transfer
