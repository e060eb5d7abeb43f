"""One reading of "the person's own sign" for the recogniser's Sign and the page's SignFound."""

from __future__ import annotations

import pytest

from search.describers import SignFound, is_own_sign
from treatments.describe.phrase_table import Sign


def _found(**flags: bool) -> SignFound:
    return SignFound(hpo_id="HP:0001250", name="Seizure", words="seizures", url="/", **flags)


@pytest.mark.parametrize(
    ("flags", "present", "absent"),
    [
        ({}, True, False),
        ({"negated": True}, False, True),  # "no seizures": evidence against
        ({"relative": True}, False, False),  # "her brother has seizures": family history
        ({"relative": True, "negated": True}, False, False),
    ],
)
def test_both_kinds_of_sign_read_alike(flags: dict[str, bool], present: bool, absent: bool):
    for sign in (Sign(hpo_id="HP:0001250", words="seizures", **flags), _found(**flags)):
        assert is_own_sign(sign) is present
        assert is_own_sign(sign, absent=True) is absent


def test_a_removed_chip_is_no_evidence_either_way():
    assert not is_own_sign(_found(removed=True))
    assert not is_own_sign(_found(removed=True, negated=True), absent=True)
