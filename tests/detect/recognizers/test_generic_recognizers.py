"""Table-driven tests of the jurisdiction-free recognizers (contact, network, devices, cards).

Each row: the module, a text, and the one string it must report at the default
threshold (``None``: it must report nothing). All numbers are invented; card, IMEI and
IBAN values were generated with the checksum helpers.
"""

from __future__ import annotations

import pytest
from recognizer_support import best_score, reported


def _check(module: str, text: str, expected: str | None) -> None:
    assert reported(module, text) == ([] if expected is None else [expected])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "write to ana.k+intake@parks.nyc.gov today",
            "ana.k+intake@parks.nyc.gov",
            id="plus-subdomain",
        ),
        pytest.param("<r_ortiz@example.org>", "r_ortiz@example.org", id="angle-brackets"),
        pytest.param("Email: T.Nguyen@Example.COM.", "T.Nguyen@Example.COM", id="trailing-period"),
        pytest.param("bad a..b@example.org here", None, id="double-dot-local"),
        pytest.param("user@localhost", None, id="no-tld"),
        pytest.param("see @handle and x@y", None, id="no-domain"),
        pytest.param("price 5@3.50 each", None, id="numeric-tld"),
    ],
)
def test_email(text: str, expected: str | None) -> None:
    _check("generic.email", text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("call (212) 555-0147 today", "(212) 555-0147", id="parens"),
        pytest.param("at 212.555.0147", "212.555.0147", id="dots"),
        pytest.param("dial +1 212 555 0147", "+1 212 555 0147", id="plus-one"),
        pytest.param("toll free 1-800-555-0199", "1-800-555-0199", id="toll-free"),
        pytest.param("office 718-555-0123 ext. 45", "718-555-0123 ext. 45", id="extension"),
        pytest.param("desk 646 555 0162 x7", "646 555 0162 x7", id="x-extension"),
        pytest.param("London +44 20 7946 0321, ask for Ade", "+44 20 7946 0321", id="uk"),
        pytest.param("CDMX +52 55 1234 5678.", "+52 55 1234 5678", id="mexico"),
        pytest.param("cell 3475550188", "3475550188", id="bare-with-context"),
        pytest.param("dial 2115550147 now", "2115550147", id="bare-unknown-area-dial"),
        pytest.param("callback 9245550188.", "9245550188", id="bare-unknown-area-callback"),
        pytest.param("ref 2115550147", None, id="bare-unknown-area-no-context"),
        pytest.param("ref 3475550188", None, id="bare-no-context"),
        pytest.param("Order #212-555-0147 shipped", None, id="order-label"),
        pytest.param("invoice 646-555-0162", None, id="invoice-label"),
        pytest.param("tracking 718.555.0123", None, id="tracking-label"),
        pytest.param("123-456-7890", None, id="area-code-starts-with-1"),
        pytest.param("212-155-0147", None, id="exchange-starts-with-1"),
        pytest.param("logged 2024-03-05 10:30:00", None, id="timestamp"),
        pytest.param("SSN 219-45-6781", None, id="ssn-shape"),
        pytest.param("total $2,125,550,147.00", None, id="price"),
        pytest.param("build 212.555.0147.3", None, id="dotted-longer-number"),
    ],
)
def test_phone(text: str, expected: str | None) -> None:
    _check("generic.phone", text, expected)


def test_phone_context_raises_score() -> None:
    assert best_score("generic.phone", "phone: (212) 555-0147", "(212) 555-0147") > best_score(
        "generic.phone", "see (212) 555-0147", "(212) 555-0147"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "see https://www1.nyc.gov/site/hra/index.page.",
            "https://www1.nyc.gov/site/hra/index.page",
            id="https",
        ),
        pytest.param("visit www.example.org/forms?id=3", "www.example.org/forms?id=3", id="www"),
        pytest.param("blog at janedoe-art.com now", "janedoe-art.com", id="bare-domain"),
        pytest.param(
            "(http://10.0.0.7:8080/admin)", "http://10.0.0.7:8080/admin", id="ip-host-port"
        ),
        pytest.param("mail ana@parks.nyc.gov", None, id="email-domain-not-url"),
        pytest.param("attached report.pdf and notes.docx", None, id="file-names"),
        pytest.param("e.g. this, i.e. that", None, id="abbreviations"),
    ],
)
def test_url(text: str, expected: str | None) -> None:
    _check("generic.url", text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "profile https://www.instagram.com/maria.runs/",
            "https://www.instagram.com/maria.runs/",
            id="instagram",
        ),
        pytest.param(
            "fb: facebook.com/dario.ruiz.77", "facebook.com/dario.ruiz.77", id="facebook-bare"
        ),
        pytest.param(
            "https://x.com/bk_tenant_union/status/17",
            "https://x.com/bk_tenant_union/status/17",
            id="x-status",
        ),
        pytest.param("www.tiktok.com/@queens.cooks", "www.tiktok.com/@queens.cooks", id="tiktok"),
        pytest.param(
            "https://www.linkedin.com/in/ana-kowalski-4b1",
            "https://www.linkedin.com/in/ana-kowalski-4b1",
            id="linkedin",
        ),
        pytest.param("reddit.com/u/bronx_dad", "reddit.com/u/bronx_dad", id="reddit"),
        pytest.param("her IG is @maria.runs", "@maria.runs", id="handle-ig"),
        pytest.param("DM'd him on twitter @bk_tenant", "@bk_tenant", id="handle-twitter"),
        pytest.param("https://www.facebook.com/help/privacy", None, id="facebook-help-page"),
        pytest.param("meet @noon by the desk", None, id="handle-no-context"),
        pytest.param("write ana@instagram.com", None, id="email-not-handle"),
    ],
)
def test_social_media(text: str, expected: str | None) -> None:
    _check("generic.social_media", text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("login from 172.16.254.3 at noon", "172.16.254.3", id="ipv4"),
        pytest.param(
            "host 2001:db8:85a3::8a2e:370:7334",
            "2001:db8:85a3::8a2e:370:7334",
            id="ipv6-compressed",
        ),
        pytest.param("loopback ::1 only", "::1", id="ipv6-loopback"),
        pytest.param(
            "fe80::1ff:fe23:4567:890a%eth0 seen", "fe80::1ff:fe23:4567:890a%eth0", id="ipv6-zone"
        ),
        pytest.param(
            "2001:0db8:0000:0000:0000:ff00:0042:8329",
            "2001:0db8:0000:0000:0000:ff00:0042:8329",
            id="ipv6-full",
        ),
        pytest.param("::ffff:192.0.2.128 mapped", "::ffff:192.0.2.128", id="ipv4-mapped"),
        pytest.param("256.10.10.10", None, id="octet-too-big"),
        pytest.param("01.2.3.4", None, id="leading-zero"),
        pytest.param("upgraded to version 1.2.3.4", None, id="version-number"),
        pytest.param("see section 10.2.1.4", None, id="section-number"),
        pytest.param("bind 0.0.0.0", None, id="unspecified"),
        pytest.param("at 10:30:45 sharp", None, id="clock-time"),
        pytest.param("1.2.3.4.5", None, id="five-parts"),
    ],
)
def test_ip_address(text: str, expected: str | None) -> None:
    _check("generic.ip_address", text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("adapter 3c:5a:b4:19:2e:0f", "3c:5a:b4:19:2e:0f", id="colons"),
        pytest.param("3C-5A-B4-19-2E-0F", "3C-5A-B4-19-2E-0F", id="dashes"),
        pytest.param("mac 3c5a.b419.2e0f", "3c5a.b419.2e0f", id="cisco-with-context"),
        pytest.param("code 3c5a.b419.2e0f", None, id="cisco-no-context"),
        pytest.param("3c:5a-b4:19-2e:0f", None, id="mixed-separators"),
        pytest.param("00:00:00:00:00:00", None, id="all-zero"),
        pytest.param("ff:ff:ff:ff:ff:ff", None, id="broadcast"),
        pytest.param("3c:5a:b4:19:2e", None, id="five-pairs"),
    ],
)
def test_mac_address(text: str, expected: str | None) -> None:
    _check("generic.mac_address", text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("35-391807-254163-0", "35-391807-254163-0", id="separated"),
        pytest.param("IMEI 860521049182730", "860521049182730", id="bare-with-context"),
        pytest.param("number 860521049182730", None, id="bare-no-context"),
        pytest.param("35-391807-254163-1", None, id="separated-bad-check"),
        pytest.param("IMEI 860521049182731", None, id="bare-bad-check"),
        pytest.param("imei box, tracking 860521049182730", None, id="tracking-label-nearer"),
    ],
)
def test_imei(text: str, expected: str | None) -> None:
    _check("generic.imei", text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("visa 4730 5918 2647 3057", "4730 5918 2647 3057", id="visa-spaces"),
        pytest.param("5430-9182-6473-0518", "5430-9182-6473-0518", id="mastercard-dashes"),
        pytest.param("2221730591826475 on file", "2221730591826475", id="mastercard-2-series-bare"),
        pytest.param("amex 3773 059182 64738", "3773 059182 64738", id="amex-grouped"),
        pytest.param("6011730591826470", "6011730591826470", id="discover"),
        pytest.param("4730 5918 2647 3058", None, id="luhn-failure"),
        pytest.param("9730591826473050", None, id="unknown-prefix"),
        pytest.param("4730-5918 2647-3057", None, id="mixed-separators"),
        pytest.param("tracking 4918027765134024", None, id="tracking-label"),
        pytest.param("0000 0000 0000 0000", None, id="zeros"),
        pytest.param("JCB card 3528440177396202", "3528440177396202", id="jcb-16"),
        pytest.param("card 213144772509617 declined", "213144772509617", id="jcb-15-card-word"),
        pytest.param("paid by card 676290451837", "676290451837", id="maestro-12-card-word"),
        pytest.param(
            "debit card 6304 9182 7364 5518", "6304 9182 7364 5518", id="maestro-16-grouped"
        ),
        pytest.param("UnionPay card 621277450318889", "621277450318889", id="unionpay-15"),
        pytest.param("batch 676290451837 closed", None, id="maestro-12-no-card-word"),
        pytest.param("serial 180077319422051", None, id="jcb-15-no-card-word"),
        pytest.param("card 676290451838", None, id="maestro-luhn-failure"),
        pytest.param("card 361809441278", None, id="diners-12-too-short"),
    ],
)
def test_credit_card(text: str, expected: str | None) -> None:
    _check("generic.credit_card", text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "IBAN GB70 NWBK 6073 0411 2233 44 for rent",
            "GB70 NWBK 6073 0411 2233 44",
            id="gb-spaced",
        ),
        pytest.param("DE44500105175407324931.", "DE44500105175407324931", id="de-compact"),
        pytest.param("to NL20INGB0001234567 ASAP", "NL20INGB0001234567", id="nl-then-word"),
        pytest.param("GB71 NWBK 6073 0411 2233 44", None, id="mod97-failure"),
        pytest.param("DE4450010517540732493", None, id="too-short"),
        pytest.param("ZZ44500105175407324931", None, id="unknown-country"),
        pytest.param("gb70nwbk60730411223344", None, id="lowercase"),
    ],
)
def test_iban(text: str, expected: str | None) -> None:
    _check("generic.iban", text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "pinged at 40.7484, -73.9857 last night", "40.7484, -73.9857", id="decimal-context"
        ),
        pytest.param("40.7484,-73.9857", "40.7484,-73.9857", id="decimal-no-space"),
        pytest.param("at 40.748N, 73.985W", "40.748N, 73.985W", id="hemisphere-letters"),
        pytest.param("40°44'54\"N 73°59'8\"W", "40°44'54\"N 73°59'8\"W", id="dms"),
        pytest.param("location 40.75, -73.99", "40.75, -73.99", id="short-with-context"),
        pytest.param("costs 40.75, -73.99", None, id="short-no-context"),
        pytest.param("gps 95.1234, -73.9857", None, id="latitude-out-of-range"),
        pytest.param("gps 40.1234, 190.9857", None, id="longitude-out-of-range"),
        pytest.param("40°61'54\"N 73°59'8\"W", None, id="minutes-over-59"),
        pytest.param("rates 1.2345, 1.2350 today", None, id="fx-rates-label"),
        pytest.param("gps 0.0000, 0.0000", None, id="null-island"),
    ],
)
def test_gps_coordinates(text: str, expected: str | None) -> None:
    _check("generic.gps_coordinates", text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("MRN: 00482913", "00482913", id="mrn"),
        pytest.param("medical record number MR-2231907", "MR-2231907", id="prefixed"),
        pytest.param("chart # 7712094", "7712094", id="chart"),
        pytest.param("patient seen, 00482913", None, id="no-context"),
        pytest.param("MRN on file; order 00482913", None, id="order-label-nearer"),
        pytest.param("MRN 12345", None, id="too-short"),
    ],
)
def test_medical_record_number(text: str, expected: str | None) -> None:
    _check("generic.medical_record_number", text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Index No. 154321/2023 filed", "154321/2023", id="index-number"),
        pytest.param("case number CR-004512-23", "CR-004512-23", id="criminal-docket"),
        pytest.param("Case #: ACS-2024-00817", "ACS-2024-00817", id="agency-prefixed"),
        pytest.param("docket 2024-001873", "2024-001873", id="year-serial"),
        pytest.param("case id 88120456", "88120456", id="digits"),
        pytest.param("in any case 88120456 items", None, id="bare-case-word"),
        pytest.param("2024-001873 without label", None, id="no-context"),
        pytest.param("case number pending; invoice 88120456", None, id="invoice-label-nearer"),
        pytest.param("case number: 2024-03-05", None, id="date"),
    ],
)
def test_case_number(text: str, expected: str | None) -> None:
    _check("generic.case_number", text, expected)
