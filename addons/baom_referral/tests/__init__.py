from . import test_institution_directory
from . import test_baom_referral
from . import test_baom_referral_security
from . import test_baom_referral_slip
from . import test_baom_referral_statistics
