from . import baom_service_guide
from . import baom_referral_report
from . import baom_referral_slip
from . import baom_activity_report_referrals
