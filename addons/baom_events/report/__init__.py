from . import baom_tournament_report
