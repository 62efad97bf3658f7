from . import main, portal, referral_portal
