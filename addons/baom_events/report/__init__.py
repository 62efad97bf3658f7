from . import baom_training_certificate_report
