from . import test_hsds_exchange
from . import test_institution_directory
from . import test_procedure
from . import test_security_directory
from . import test_service_directory
from . import test_service_guide
