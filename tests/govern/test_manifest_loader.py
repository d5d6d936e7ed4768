"""A malformed manifest is refused with its file and line (the CLI then exits 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cityprivacy.errors import PolicyError
from cityprivacy.govern.manifest import load_manifest, parse_manifest

GOOD = """\
version: 1
agency: DSS
systems:
  - name: Cases
    datasets:
      - name: Applicants
        purpose: Eligibility
        fields:
          - name: full_name
            types: [name]
            collection_basis: routine
designations:
  - ref: names
    types: [name]
    effective_from: 2024-01-01
disclosures:
  - name: referral
    recipient: Department of Homeless Services
    recipient_type: city_agency
    recipient_tags: [researcher]
    types: [name]
    basis: routine
"""


def replace(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


def test_a_good_manifest_loads() -> None:
    manifest = parse_manifest(GOOD, "m.yaml")
    assert manifest.spec.agency == "DSS"
    assert manifest.spec.disclosures[0].kind.value == "proposal"  # the default
    assert manifest.counts() == {"systems": 1, "datasets": 1, "fields": 1, "disclosures": 1}
    assert manifest.line(("disclosures", 0, "basis")) == 22


MALFORMED = [
    pytest.param("version: 1\nagency: DSS\n\tsystems: []\n", 3, "invalid YAML", id="yaml-syntax"),
    pytest.param("", 1, "the file is empty", id="empty"),
    pytest.param("- version: 1\n", 1, "a manifest is a mapping", id="not-a-mapping"),
    pytest.param(
        replace("version: 1\n", ""), 1, "version: required field is missing", id="no-version"
    ),
    pytest.param(
        replace("version: 1", "version: 2"), 1, "version: Input should be 1", id="unknown-version"
    ),
    pytest.param(
        replace("        purpose: Eligibility", "        purpse: Eligibility"),
        7,
        "systems.0.datasets.0.purpse: unknown field",
        id="misspelt-field",
    ),
    pytest.param(
        replace("collection_basis: routine", "collection_basis: maybe"),
        11,
        "systems.0.datasets.0.fields.0.collection_basis: Input should be 'routine'",
        id="bad-collection-basis",
    ),
    pytest.param(
        replace("effective_from: 2024-01-01", "effective_from: 2024-13-01"),
        15,
        "designations.0.effective_from:",
        id="bad-date",
    ),
    pytest.param(
        replace("    types: [name]\n    basis", "    types: []\n    basis"),
        21,
        "disclosures.0.types: List should have at least 1 item",
        id="nothing-disclosed",
    ),
    pytest.param(
        replace("            types: [name]", "            types: name"),
        10,
        "systems.0.datasets.0.fields.0.types: Input should be a valid list",
        id="types-not-a-list",
    ),
    pytest.param(
        replace("recipient_type: city_agency", "recipient_type: friends"),
        19,
        "disclosures.0.recipient_type: Input should be",
        id="bad-recipient-type",
    ),
    pytest.param(
        replace("[researcher]", "[researcher, spies]"),
        20,
        "unknown tag 'spies'",
        id="unknown-recipient-tag",
    ),
    pytest.param(
        replace(
            "        purpose: Eligibility\n", "        purpose: Eligibility\n        purpose: x\n"
        ),
        8,
        "field 'purpose' appears twice",
        id="repeated-key",
    ),
    pytest.param(
        GOOD.replace(
            "      - name: Applicants",
            "      - name: Applicants\n        fields: []\n      - name: Applicants",
        ),
        8,
        "dataset 'Applicants' is described twice",
        id="repeated-dataset",
    ),
    pytest.param(
        GOOD + "  - name: referral\n    recipient: x\n    recipient_type: city_agency\n"
        "    types: [name]\n    basis: routine\n",
        23,
        "disclosure 'referral' is described twice",
        id="repeated-disclosure",
    ),
    pytest.param(
        replace(
            "            collection_basis: routine\n",
            "            collection_basis: routine\n          - name: full_name\n",
        ),
        12,
        "in dataset 'Applicants', field 'full_name' is described twice",
        id="repeated-field",
    ),
]


@pytest.mark.parametrize(("text", "line", "message"), MALFORMED)
def test_malformed_manifests_name_their_line(text: str, line: int, message: str) -> None:
    with pytest.raises(PolicyError) as caught:
        parse_manifest(text, "m.yaml")
    assert caught.value.line == line
    assert caught.value.source == "m.yaml"
    assert str(caught.value).startswith(f"m.yaml:{line}: ")
    assert message in str(caught.value)


def test_an_unreadable_manifest_is_a_policy_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match=r"missing\.yaml: cannot read the manifest: not found"):
        load_manifest(tmp_path / "missing.yaml")
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\xff\xfe\x00version")
    with pytest.raises(
        PolicyError, match=r"binary\.yaml: cannot read the manifest: not UTF-8 at byte 0"
    ):
        load_manifest(binary)
