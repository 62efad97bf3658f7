from . import test_baom_events
