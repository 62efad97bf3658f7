from . import baom_case_handover
from . import baom_activity_report_wizard
from . import baom_beneficiary_import
from . import baom_beneficiary_transfer
from . import baom_network_snapshot_import
from . import baom_network_report_wizard
