from . import (
    test_case_portal,
    test_office_directory,
    test_referral_portal,
    test_request_form,
    test_tours,
)
