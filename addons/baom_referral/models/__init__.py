from . import baom_service
