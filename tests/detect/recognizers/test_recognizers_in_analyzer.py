"""The identifier recognizers run through :class:`TextAnalyzer`: overlaps, threshold, taxonomy."""

from __future__ import annotations

import pytest
from recognizer_support import all_recognizers

from cityprivacy.detect.analyzer import TextAnalyzer
from cityprivacy.detect.entities import EntityType as E


@pytest.fixture(scope="module")
def analyzer() -> TextAnalyzer:
    return TextAnalyzer(all_recognizers())


def _found(analyzer: TextAnalyzer, text: str) -> list[tuple[E, str]]:
    return [(f.entity_type, text[f.start : f.end]) for f in analyzer.analyze(text)]


NOTE = (
    "Intake 2024-03-05: Ms. R. called from (347) 555-0188 and wrote from rosa.v@example.org. "
    "SSN 219-45-6781; Medicaid CIN KT40981M. Her van (plate HMT-7302, VIN 1FTFW1ET9DFC10312) "
    "was towed from BBL 3-01234-0056. Order #448812 shipped; invoice 40021873 paid. "
    "Profile https://www.instagram.com/rosa.v.bk/ and laptop 3c:5a:b4:19:2e:0f at 172.16.254.3."
)


def test_note_findings(analyzer: TextAnalyzer) -> None:
    assert _found(analyzer, NOTE) == [
        (E.PHONE_NUMBER, "(347) 555-0188"),
        (E.EMAIL_ADDRESS, "rosa.v@example.org"),
        (E.US_SSN, "219-45-6781"),
        (E.NY_MEDICAID_CIN, "KT40981M"),
        (E.LICENSE_PLATE, "HMT-7302"),
        (E.VIN, "1FTFW1ET9DFC10312"),
        (E.NYC_BBL, "3-01234-0056"),
        (E.SOCIAL_MEDIA, "https://www.instagram.com/rosa.v.bk/"),
        (E.MAC_ADDRESS, "3c:5a:b4:19:2e:0f"),
        (E.IP_ADDRESS, "172.16.254.3"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Order #219-45-6781 shipped on 2024-03-05 10:42", id="order-ssn-shape"),
        pytest.param("Invoice 2125550147, total $1,299.00, account statement", id="invoice-phone"),
        pytest.param("Tracking 1Z999AA10123456784 / 940011189922385", id="tracking"),
        pytest.param("PO # 404417729301 for checking supplies", id="po-number"),
        pytest.param("Upgraded to version 10.2.3.4 (build 20240305)", id="version"),
        pytest.param("SKU 347-555-0188, item 88190234", id="sku-item"),
        pytest.param("Confirmation 219456781; reference 501234567", id="confirmation"),
        pytest.param("Paid $2,125,550.14 on 03/05/2024 at 10:42:17", id="price-timestamp"),
    ],
)
def test_hard_negatives_report_nothing(analyzer: TextAnalyzer, text: str) -> None:
    assert _found(analyzer, text) == []


def test_profile_url_wins_over_url(analyzer: TextAnalyzer) -> None:
    text = "see https://www.tiktok.com/@queens.cooks/video/731"
    assert _found(analyzer, text) == [
        (E.SOCIAL_MEDIA, "https://www.tiktok.com/@queens.cooks/video/731")
    ]


def test_email_is_not_also_a_url(analyzer: TextAnalyzer) -> None:
    assert _found(analyzer, "write ana@parks.nyc.gov") == [(E.EMAIL_ADDRESS, "ana@parks.nyc.gov")]


def test_routing_number_beats_bank_number(analyzer: TextAnalyzer) -> None:
    text = "direct deposit: routing 026109312, checking account 004417729301"
    assert _found(analyzer, text) == [
        (E.ABA_ROUTING_NUMBER, "026109312"),
        (E.US_BANK_NUMBER, "004417729301"),
    ]


def test_categories_come_from_the_taxonomy(analyzer: TextAnalyzer) -> None:
    findings = analyzer.analyze("SSN 219-45-6781, VIN 1FTFW1ET9DFC10312")
    assert [f.entity_type for f in findings] == [E.US_SSN, E.VIN]
    assert all(f.category for f in findings)


def test_weak_formats_need_context(analyzer: TextAnalyzer) -> None:
    assert _found(analyzer, "ref 209384756") == []
    assert _found(analyzer, "OSIS 209384756") == [(E.NYC_OSIS, "209384756")]
    assert _found(analyzer, "value 026109312") == []
    low = analyzer.analyze("value 026109312", min_score=0.0)
    assert [(f.entity_type, f.score) for f in low] == [(E.ABA_ROUTING_NUMBER, 0.4)]
    assert _found(analyzer, "routing 026109312") == [(E.ABA_ROUTING_NUMBER, "026109312")]


def test_builtin_registry_includes_these_recognizers() -> None:
    names = {r.name for r in TextAnalyzer().recognizers}
    assert {r.name for r in all_recognizers()} <= names
