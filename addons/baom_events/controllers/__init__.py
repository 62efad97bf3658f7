from . import baom_tournament
