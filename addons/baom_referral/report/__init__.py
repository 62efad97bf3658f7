from . import baom_service_guide
