from . import baom_referral_report
from . import baom_referral_slip
