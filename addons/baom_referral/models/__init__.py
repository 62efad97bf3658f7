from . import baom_service
from . import baom_procedure
from . import res_partner
