from . import baom_service
from . import baom_convention
from . import baom_convention_obligation
from . import baom_convention_report
from . import baom_procedure
from . import res_partner
