from . import test_baom_events
from . import test_baom_tournament
from . import test_baom_tournament_tour
from . import test_campaign
from . import test_outreach
from . import test_training
from . import test_mission
from . import test_security
