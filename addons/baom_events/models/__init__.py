from . import event_event
from . import baom_tournament
from . import baom_tournament_team
from . import baom_tournament_match
