from . import test_baom_events
from . import test_baom_tournament
from . import test_baom_tournament_tour
