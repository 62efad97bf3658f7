from . import baom_case_report
from . import baom_activity_report
from . import baom_network_report
from . import baom_activity_report_objectives
