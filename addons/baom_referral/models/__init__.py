from . import baom_service
from . import baom_referral
from . import baom_service_referral
from . import baom_office_referral
from . import baom_case_referral
from . import baom_visit_referral
from . import res_config_settings_referral
from . import baom_record_fence_mixin_referral
