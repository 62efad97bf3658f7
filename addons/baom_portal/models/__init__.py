from . import (
    baom_beneficiary,
    baom_case,
    baom_referral,
    baom_request_attempt,
    res_config_settings,
)
