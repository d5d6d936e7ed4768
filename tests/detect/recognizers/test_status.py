"""The status types found as words, with their hard negatives."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cityprivacy.config import Settings
from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.overlap import resolve_overlaps
from cityprivacy.detect.recognizers import _status_lexicon, status
from cityprivacy.detect.text import Text

RECOGNIZERS = status.recognizers(Settings())
E = EntityType


def found(text: str) -> list[tuple[EntityType, str]]:
    findings = [f for r in RECOGNIZERS for f in r.analyze(Text(text)) if f.score >= 0.5]
    return [(f.entity_type, text[f.start : f.end]) for f in resolve_overlaps(findings)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # immigration
        pytest.param(
            "Mother is undocumented.", [(E.IMMIGRATION_STATUS, "undocumented")], id="imm-predicate"
        ),
        pytest.param("Undocumented expenses were found.", [], id="imm-neg-expenses"),
        pytest.param(
            "Father holds Temporary Protected Status",
            [(E.IMMIGRATION_STATUS, "Temporary Protected Status")],
            id="imm-tps-long",
        ),
        pytest.param("The TPS report is late", [], id="imm-neg-tps-no-person"),
        pytest.param(
            "She overstayed her visa in 2019",
            [(E.IMMIGRATION_STATUS, "overstayed her visa")],
            id="imm-overstay",
        ),
        # public assistance
        pytest.param(
            "Family uses food stamps", [(E.PUBLIC_ASSISTANCE, "food stamps")], id="pa-food-stamps"
        ),
        pytest.param(
            "Applicant gets CityFHEPS", [(E.PUBLIC_ASSISTANCE, "CityFHEPS")], id="pa-cityfheps"
        ),
        pytest.param(
            "do i qualify for a cityfheps rental supplement?",
            [(E.PUBLIC_ASSISTANCE, "cityfheps rental supplement")],
            id="pa-rental-supplement-lower",
        ),
        pytest.param(
            "asked about emergency shelter placement",
            [(E.PUBLIC_ASSISTANCE, "emergency shelter placement")],
            id="pa-emergency-shelter-placement",
        ),
        pytest.param(
            "She is working part-time", [(E.EMPLOYMENT_STATUS, "working part-time")], id="emp-pt"
        ),
        pytest.param(
            "im 52 and laid off, any help", [(E.EMPLOYMENT_STATUS, "laid off")], id="emp-im-chat"
        ),
        pytest.param("He reports he is single.", [(E.MARITAL_STATUS, "single")], id="mar-single"),
        pytest.param(
            "she is 30, engaged, and", [(E.MARITAL_STATUS, "engaged")], id="mar-engaged-list"
        ),
        pytest.param("a single person household", [], id="mar-neg-single-person"),
        pytest.param("the engaged student asked", [], id="mar-neg-engaged-noun"),
        pytest.param("Oh snap, the form jammed", [], id="pa-neg-oh-snap"),
        pytest.param("Mail it to the shelter's address", [], id="pa-neg-shelter-address"),
        pytest.param("Section 8 of the lease says", [], id="pa-neg-section-8-of"),
        # criminal history
        pytest.param(
            "He has a prior conviction", [(E.CRIMINAL_HISTORY, "prior conviction")], id="crim-prior"
        ),
        pytest.param(
            "Currently on probation", [(E.CRIMINAL_HISTORY, "on probation")], id="crim-probation"
        ),
        pytest.param("New hires serve a probationary period", [], id="crim-neg-probationary"),
        pytest.param("Call the Department of Probation", [], id="crim-neg-agency"),
        # victim
        pytest.param("She is a DV survivor", [(E.VICTIM_STATUS, "DV survivor")], id="victim-dv"),
        pytest.param(
            "He witnessed the stabbing",
            [(E.VICTIM_STATUS, "witnessed the stabbing")],
            id="victim-witness",
        ),
        pytest.param("Called an expert witness", [], id="victim-neg-expert"),
        # orientation / gender identity
        pytest.param(
            "Client identifies as bisexual", [(E.SEXUAL_ORIENTATION, "bisexual")], id="so-bisexual"
        ),
        pytest.param("Walked down Gay Street", [], id="so-neg-street"),
        pytest.param("Youth is nonbinary", [(E.GENDER_IDENTITY, "nonbinary")], id="gi-nonbinary"),
        pytest.param("Avoid trans fats", [], id="gi-neg-trans-fats"),
        # religion
        pytest.param(
            "Tenant is a practicing Sikh", [(E.RELIGION, "practicing Sikh")], id="rel-practicing"
        ),
        pytest.param(
            "He attends the synagogue on Saturdays",
            [(E.RELIGION, "attends the synagogue")],
            id="rel-attends",
        ),
        pytest.param("Referred to Catholic Charities by her", [], id="rel-neg-org"),
        pytest.param("Christian called back", [], id="rel-neg-first-name"),
        # language
        pytest.param("Client is Wolof-speaking", [(E.LANGUAGE, "Wolof")], id="lang-speaking"),
        pytest.param(
            "Needs a Haitian Creole interpreter",
            [(E.LANGUAGE, "Haitian Creole")],
            id="lang-interpreter",
        ),
        pytest.param("Primary language: Bangla", [(E.LANGUAGE, "Bangla")], id="lang-label"),
        pytest.param(
            "Mother has limited English proficiency",
            [(E.LANGUAGE, "limited English proficiency")],
            id="lang-lep",
        ),
        pytest.param("They moved to Spanish Harlem", [], id="lang-neg-place"),
        pytest.param("He ordered French toast", [], id="lang-neg-food"),
        # nationality
        pytest.param("Father was born in Guyana", [(E.NATIONALITY, "Guyana")], id="nat-born-in"),
        pytest.param(
            "She is a Senegalese national", [(E.NATIONALITY, "Senegalese")], id="nat-national"
        ),
        pytest.param(
            "Country of origin: El Salvador", [(E.NATIONALITY, "El Salvador")], id="nat-label"
        ),
        pytest.param("He is Nepali", [(E.NATIONALITY, "Nepali")], id="nat-predicate"),
        pytest.param("They ate at a Mexican restaurant", [], id="nat-neg-restaurant"),
        # race / ethnicity
        pytest.param("Ethnicity: Latina", [(E.RACE_ETHNICITY, "Latina")], id="race-label"),
        pytest.param(
            "An elderly Black man was seen", [(E.RACE_ETHNICITY, "Black")], id="race-noun-after"
        ),
        pytest.param("He drove a black car", [], id="race-neg-car"),
        pytest.param("Sale on Black Friday for her", [], id="race-neg-friday"),
        pytest.param("A white van parked by him", [], id="race-neg-van"),
        pytest.param("He covers Asian markets", [], id="race-neg-markets"),
        pytest.param("He discussed gay rights history", [], id="so-neg-rights"),
        # marital / employment
        pytest.param("She is widowed", [(E.MARITAL_STATUS, "widowed")], id="mar-widowed"),
        pytest.param(
            "Registered domestic partner listed",
            [(E.MARITAL_STATUS, "Registered domestic partner")],
            id="mar-partner",
        ),
        pytest.param("They live in a single-family home", [], id="mar-neg-single-family"),
        pytest.param("He is married to the job", [], id="mar-neg-job"),
        pytest.param(
            "He was laid off in March", [(E.EMPLOYMENT_STATUS, "was laid off")], id="emp-laid-off"
        ),
        pytest.param(
            "She works as a school bus driver for DOE",
            [(E.EMPLOYMENT_STATUS, "works as a school bus driver")],
            id="emp-works-as",
        ),
        pytest.param("The unemployment rate rose", [], id="emp-neg-rate"),
        # custody release
        pytest.param(
            "Released from DOC custody on 01/15/2024.",
            [(E.CUSTODY_RELEASE, "Released from DOC custody on 01/15/2024")],
            id="custody-doc-date",
        ),
        pytest.param(
            "Discharged from ACS custody",
            [(E.CUSTODY_RELEASE, "Discharged from ACS custody")],
            id="custody-acs",
        ),
        pytest.param(
            "Release date: 6/30/2024",
            [(E.CUSTODY_RELEASE, "Release date: 6/30/2024")],
            id="custody-release-date",
        ),
        pytest.param("The report was released on 6/30/2024", [], id="custody-neg-report"),
        pytest.param("She was released from the hospital", [], id="custody-neg-hospital"),
    ],
)
def test_status(text: str, expected: list[tuple[EntityType, str]]) -> None:
    assert found(text) == expected


def test_ambiguous_word_alone_stays_below_threshold() -> None:
    scores = [f.score for f in status.StatusRecognizer().analyze(Text("Hispanic"))]
    assert scores
    assert max(scores) < 0.5


def test_every_status_type_has_a_lexicon() -> None:
    seen = {entry.entity for pairs in status.load_entries().values() for _, entry in pairs}
    assert seen == set(status.STATUS_ENTITIES)


@settings(max_examples=200)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "she is ",
                    "Black",
                    " woman",
                    "speaks ",
                    "Spanish",
                    "born in ",
                    "the Dominican Republic",
                    "released from Rikers",
                    " on ",
                    "03/02/2024",
                    "works as a ",
                    "nurse",
                    "-",
                    ": ",
                    "LGBTQ+",
                ]
            ),
            st.text(max_size=6),
        ),
        max_size=14,
    ).map("".join)
)
def test_offsets_lie_inside_the_text(text: str) -> None:
    for recognizer in RECOGNIZERS:
        for f in recognizer.analyze(Text(text)):
            assert 0 <= f.start < f.end <= len(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Prior record: arrested for petit larceny in 2019.",
                     [(E.CRIMINAL_HISTORY, "arrested for petit larceny")],
                     id="crim-object-not-date"),
        pytest.param("He has a 2016 arrest on file.", [(E.CRIMINAL_HISTORY, "2016 arrest")],
                     id="crim-year-arrest"),
        pytest.param("father has a parole violation", [(E.CRIMINAL_HISTORY, "parole violation")],
                     id="crim-parole-violation"),
        pytest.param("HE HAS A PRIOR DRUG CONVICTION",
                     [(E.CRIMINAL_HISTORY, "PRIOR DRUG CONVICTION")], id="crim-all-caps"),
        pytest.param("Criminal history: none reported", [], id="neg-crim-field-label-itself"),
        pytest.param("Immigration status:\ta refugee", [(E.IMMIGRATION_STATUS, "refugee")],
                     id="imm-label-article"),
        pytest.param("client is a pending asylum applicant",
                     [(E.IMMIGRATION_STATUS, "pending asylum applicant")],
                     id="imm-asylum-applicant"),
        pytest.param("She became a U.S. citizen", [(E.IMMIGRATION_STATUS, "U.S. citizen")],
                     id="imm-us-citizen"),
        pytest.param("she is 52, widowed, and Black.", [(E.MARITAL_STATUS, "widowed"),
                     (E.RACE_ETHNICITY, "Black")], id="race-closes-a-list"),
        pytest.param("Released from custody - 11/04/2023",
                     [(E.CUSTODY_RELEASE, "Released from custody - 11/04/2023")],
                     id="release-label-dash-date"),
        pytest.param("released_from_custody=4 May 2022",
                     [(E.CUSTODY_RELEASE, "released_from_custody=4 May 2022")],
                     id="release-key-value"),
        pytest.param("The Peruvian consulate called.", [(E.NATIONALITY, "Peruvian")],
                     id="nat-consulate"),
        pytest.param("a Kenyan nurse on the ward", [(E.NATIONALITY, "Kenyan")], id="nat-role-noun"),
        pytest.param("Ines Moreau is Haitian.", [(E.NATIONALITY, "Haitian")], id="nat-name-is"),
        pytest.param("The Swedish furniture store", [], id="neg-nat-thing"),
        pytest.param("the Kenyan community center", [(E.NATIONALITY, "Kenyan")],
                     id="nat-community-group"),
        pytest.param("a white team jersey", [], id="neg-colour-before-thing"),
    ],
)  # fmt: skip
def test_status_spans_and_labels(text: str, expected: list[tuple[EntityType, str]]) -> None:
    assert found(text) == expected


def test_unambiguous_race_phrase_outranks_a_name_reading() -> None:
    """The same span as a name finding (0.95) must lose to the race reading."""
    scores = [
        f.score
        for r in RECOGNIZERS
        for f in r.analyze(Text("Race/ethnicity - African American"))
        if f.entity_type == E.RACE_ETHNICITY
    ]
    assert scores
    assert max(scores) > 0.95


MATCHER_PHRASES = ["food stamps", "food", "u.s. citizen", "lgbtq+", "the tombs", "non binary"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("gets food stamps.", ["food stamps"], id="longest-wins"),
        pytest.param("gets food-stamps", ["food-stamps"], id="hyphen-joins-words"),
        pytest.param("gets foodstamps", ["foodstamps"], id="no-separator-joins-words"),
        pytest.param("gets food: stamps", ["food: stamps"], id="colon-joins-words"),
        pytest.param("gets fo od stamps", [], id="no-break-inside-a-word"),
        pytest.param("seafood stamps", [], id="starts-at-a-word-boundary"),
        pytest.param("food stampsx", ["food"], id="falls-back-to-shorter"),
        pytest.param("a u.s. citizen", ["u.s. citizen"], id="dots-inside-phrase"),
        pytest.param("lgbtq+ youth", ["lgbtq+"], id="plus-ends-phrase"),
        pytest.param("lgbtq+-friendly", [], id="plus-then-hyphen-word-continues"),
        pytest.param("held at the tombs", ["the tombs"], id="short-first-word"),
        pytest.param("the tomb", [], id="short-first-word-no-phrase"),
        pytest.param("non-binary, non binary", ["non-binary", "non binary"], id="two-matches"),
    ],
)
def test_phrase_matcher(text: str, expected: list[str]) -> None:
    matcher = _status_lexicon.PhraseMatcher(MATCHER_PHRASES)
    assert [text[a:b] for a, b in matcher.spans(text)] == expected
