"""The shared selections: one definition, stable keys, used by the import."""

import pytest
from baom_base_tools import normalize, selections


def test_keys_are_the_stored_contract():
    assert selections.GENDERS == ("female", "male")
    assert selections.PROFILES == (
        "mdm_visit",
        "returnee",
        "rights_holder",
        "tcn_settled",
        "tcn_transit",
        "tcn_displaced",
    )
    assert selections.CHANNELS == (
        "walk_in",
        "walk_in_group",
        "phone",
        "whatsapp",
        "outreach",
        "event",
        "online",
    )
    assert selections.CASE_CHANNELS == (*selections.CHANNELS, "email", "referral")


@pytest.mark.parametrize(
    "selection",
    [
        selections.GENDER_SELECTION,
        selections.PROFILE_SELECTION,
        selections.CHANNEL_SELECTION,
        selections.CASE_CHANNEL_SELECTION,
        selections.GENDER_REPORT_SELECTION,
        selections.PROFILE_REPORT_SELECTION,
    ],
)
def test_each_selection_is_a_list_of_unique_labelled_keys(selection):
    # Odoo attributes selection labels to a module only for plain lists.
    assert isinstance(selection, list)
    keys = [key for key, _label in selection]
    labels = [label for _key, label in selection]
    assert len(set(keys)) == len(keys)
    assert len(set(labels)) == len(labels)
    assert all(label.strip() for label in labels)


def test_statistics_extend_the_shared_lists_with_not_recorded():
    # Same keys and labels first (one definition), one key for a missing value.
    for shared, report in (
        (selections.GENDER_SELECTION, selections.GENDER_REPORT_SELECTION),
        (selections.PROFILE_SELECTION, selections.PROFILE_REPORT_SELECTION),
    ):
        assert report == [*shared, ("not_recorded", "Not recorded")]
    assert selections.NOT_RECORDED not in selections.GENDERS


def test_import_uses_the_shared_profile_keys():
    assert normalize.PROFILES is selections.PROFILES


def test_import_recognises_exactly_the_shared_genders():
    assert set(normalize._GENDERS) == set(selections.GENDERS)
    assert {normalize.parse_gender(word) for word in ("F", "M")} == set(
        selections.GENDERS
    )
