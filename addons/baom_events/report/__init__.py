from . import baom_tournament_report
from . import baom_training_certificate_report
from . import baom_activity_report_events
