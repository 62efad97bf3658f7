from . import test_institution_directory
from . import test_baom_referral
