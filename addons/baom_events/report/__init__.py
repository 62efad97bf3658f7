from . import baom_tournament_report
from . import baom_training_certificate_report
