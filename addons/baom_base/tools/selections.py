"""The suite's shared selections, defined once (keys are a contract).

Every BAOM addon's fields and the Excel import use these lists; the keys are
stored in the database and read by statistics, so they never change. The
English labels are translated from the field definitions (Odoo exports a
field's selection labels), which is why they stay plain tuples here.
"""

GENDER_SELECTION = [("female", "Female"), ("male", "Male")]

# Statistics only: a value missing on the record is counted under a value of
# its own, so that pivots and reports say "Not recorded" in the reader's
# language instead of a bare "None". Extend a selection with it, never copy one.
NOT_RECORDED = "not_recorded"
NOT_RECORDED_OPTION = (NOT_RECORDED, "Not recorded")

PROFILE_SELECTION = [
    ("mdm_visit", "Moroccan abroad on a visit (MDM)"),
    ("returnee", "Returnee"),
    ("rights_holder", "Rights holder (ayant droit)"),
    ("tcn_settled", "Third-country national, settled"),
    ("tcn_transit", "Third-country national, in transit"),
    ("tcn_displaced", "Third-country national, displaced"),
]

GENDER_REPORT_SELECTION = [*GENDER_SELECTION, NOT_RECORDED_OPTION]
PROFILE_REPORT_SELECTION = [*PROFILE_SELECTION, NOT_RECORDED_OPTION]

# How a person reached the office: the reception register's channels...
CHANNEL_SELECTION = [
    ("walk_in", "Walk-in, alone"),
    ("walk_in_group", "Walk-in, in a group"),
    ("phone", "Phone call"),
    ("whatsapp", "WhatsApp"),
    ("outreach", "Officer's outreach"),
    ("event", "At an event"),
    ("online", "Online"),
]
# ...and, for a case, the remote ones too (same keys first).
CASE_CHANNEL_SELECTION = CHANNEL_SELECTION + [
    ("email", "E-mail"),
    ("referral", "Referred by a partner"),
]

GENDERS = tuple(key for key, _label in GENDER_SELECTION)
PROFILES = tuple(key for key, _label in PROFILE_SELECTION)
CHANNELS = tuple(key for key, _label in CHANNEL_SELECTION)
CASE_CHANNELS = tuple(key for key, _label in CASE_CHANNEL_SELECTION)
