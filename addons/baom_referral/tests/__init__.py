from . import test_institution_directory
from . import test_baom_convention
from . import test_baom_convention_report
from . import test_baom_convention_security
