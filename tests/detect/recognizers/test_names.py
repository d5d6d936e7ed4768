"""PERSON and TITLE: names of many origins in sentences and records, and hard negatives.

Run together with the organization and location recognizers (overlaps resolved, default
threshold), because who wins ``Jackson Heights`` or ``Johnson & Johnson`` is part of the
behaviour under test.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from recognizer_support import raw_findings

from cityprivacy.detect.entities import EntityType
from cityprivacy.detect.overlap import resolve_overlaps
from cityprivacy.detect.recognizers._names_lexicon import name_key, name_lexicon

LEXICAL = ("names", "organizations", "locations")


def found(text: str, threshold: float = 0.5) -> list[tuple[str, str]]:
    """(entity type, matched text) of the three lexical recognizers together."""
    raw = [f for m in LEXICAL for f in raw_findings(m, text) if f.score >= threshold]
    return [(str(f.entity_type), text[f.start : f.end]) for f in resolve_overlaps(raw)]


def people(text: str) -> list[str]:
    return [value for kind, value in found(text) if kind == "PERSON"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Yesterday Marisol Quintero came in.", ["Marisol Quintero"], id="hispanic"),
        pytest.param("Spoke with Wenjun Liang about rent.", ["Wenjun Liang"], id="chinese"),
        pytest.param("Tenant Liu Xiaoyan paid in full.", ["Liu Xiaoyan"], id="family-name-first"),
        pytest.param(
            "We met Anjali Subramanyam at noon.", ["Anjali Subramanyam"], id="south-asian"
        ),
        pytest.param("Chukwuemeka Obi signed the lease.", ["Chukwuemeka Obi"], id="nigerian"),
        pytest.param(
            "Her aunt Kwabena Asante-Boateng called.",
            ["Kwabena Asante-Boateng"],
            id="ghanaian-hyphen",
        ),
        pytest.param(
            "Case opened for Oksana Hrytsenko today.", ["Oksana Hrytsenko"], id="ukrainian"
        ),
        pytest.param(
            "Małgorzata Wiśniewska attended.", ["Małgorzata Wiśniewska"], id="polish-diacritics"
        ),
        pytest.param("Notes by Seán Ó Ceallaigh follow.", ["Seán Ó Ceallaigh"], id="irish-accents"),
        pytest.param(
            "The file of Patrick O'Rourke was closed.", ["Patrick O'Rourke"], id="apostrophe"
        ),
        pytest.param("Then Duncan McAllister left.", ["Duncan McAllister"], id="mc-prefix"),
        pytest.param("Signed: Ana Lucía de la Cruz", ["Ana Lucía de la Cruz"], id="particles"),
        pytest.param(
            "Father Tomás van der Berg visited.", ["Tomás van der Berg"], id="title-and-particle"
        ),
        pytest.param(
            "Client Darnell J. Whitaker is 34.", ["Darnell J. Whitaker"], id="middle-initial"
        ),
        pytest.param("Please ask Gwendolyn about it.", ["Gwendolyn"], id="first-name-alone"),
        pytest.param("I am told Nnamdi Eze moved.", ["Nnamdi Eze"], id="igbo"),
        pytest.param("Maria's landlord called.", ["Maria"], id="possessive-excluded"),
    ],
)
def test_names_in_sentences(text: str, expected: list[str]) -> None:
    assert people(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "DELGADO, ROSALIND  DOB 1980-02-11", ["DELGADO, ROSALIND"], id="caps-last-first"
        ),
        pytest.param("Okafor, Chidinma L.", ["Okafor, Chidinma L."], id="last-first-initial"),
        pytest.param("Respondent: HUANG, MEILING", ["HUANG, MEILING"], id="caps-with-label"),
        pytest.param("Name: TERRENCE WALSH", ["TERRENCE WALSH"], id="caps-first-last"),
        pytest.param("Name: Dmitri Volkonsky\nUnit: 4B", ["Dmitri Volkonsky"], id="labelled-field"),
    ],
)
def test_names_in_records(text: str, expected: list[str]) -> None:
    assert people(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Dr. Imani Mwangi saw her.", [("TITLE", "Dr."), ("PERSON", "Imani Mwangi")], id="dr"
        ),
        pytest.param(
            "Ask Mrs Kowalczyk.", [("TITLE", "Mrs"), ("PERSON", "Kowalczyk")], id="no-period"
        ),
        pytest.param(
            "Dear Ms. Achterberg,", [("TITLE", "Ms."), ("PERSON", "Achterberg")], id="after-dear"
        ),
        pytest.param(
            "Sgt. Rourke and Det. Baptiste arrived.",
            [("TITLE", "Sgt."), ("PERSON", "Rourke"), ("TITLE", "Det."), ("PERSON", "Baptiste")],
            id="two-titles",
        ),
        pytest.param(
            "Councilmember Okonjo spoke.",
            [("TITLE", "Councilmember"), ("PERSON", "Okonjo")],
            id="civic-title",
        ),
        pytest.param(
            "He lives at 12 Ocean Dr Brooklyn.", [("LOCATION", "Brooklyn")], id="dr-is-drive"
        ),
    ],
)
def test_titles(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("May 5 is the hearing.", id="month"),
        pytest.param("Will you call me back?", id="modal-verb"),
        pytest.param("Grant Park was closed.", id="grant-park"),
        pytest.param("Dear Sir or Madam,", id="salutation"),
        pytest.param("Thank you for your patience.", id="thanks"),
        pytest.param("Hope the Family Court date holds.", id="hope-and-court"),
        pytest.param("Summary Of Findings And Next Steps", id="heading"),
        pytest.param("He lives on Washington Ave near the park.", id="street-name"),
        pytest.param("Unfortunately Housing Assistance was denied.", id="program-name"),
        pytest.param("She was reading quietly.", id="lowercase"),
        pytest.param("", id="empty"),
    ],
)
def test_no_person(text: str) -> None:
    assert people(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "They moved to Jackson Heights.", [("LOCATION", "Jackson Heights")], id="place"
        ),
        pytest.param(
            "Refund from Johnson & Johnson.", [("ORGANIZATION", "Johnson & Johnson")], id="org"
        ),
        pytest.param(
            "She works at Morgan Stanley.", [("ORGANIZATION", "Morgan Stanley")], id="org-names"
        ),
        pytest.param(
            "Paid by Hernandez Family Pharmacy.",
            [("ORGANIZATION", "Hernandez Family Pharmacy")],
            id="org-suffix",
        ),
    ],
)
def test_other_entities_win_over_person(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_context_raises_an_unknown_name() -> None:
    assert people("Spoke with Qorvanti Blemmish today.") == ["Qorvanti Blemmish"]
    assert people("Qorvanti Blemmish Draft") == []


def test_explanation_names_the_evidence() -> None:
    (finding,) = [f for f in raw_findings("names", "Client Rosa Delacroix") if f.score >= 0.5]
    assert finding.explanation.pattern == "first_and_surname"
    assert "client" in finding.explanation.context_words


@pytest.mark.parametrize(
    ("token", "key"),
    [
        pytest.param("O'Brien", "obrien", id="apostrophe"),
        pytest.param("JOSÉ", "jose", id="accent"),
        pytest.param("Dr.", "dr", id="period"),
    ],
)
def test_name_key(token: str, key: str) -> None:
    assert name_key(token) == key


def test_lexicon_is_ranked_and_small() -> None:
    lex = name_lexicon()
    assert lex.first["james"] < lex.first["gwendolyn"]
    assert lex.surname["smith"] == 1
    assert 5_000 < len(lex.first) < 8_000
    assert 50_000 <= len(lex.surname) <= 120_000


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="AbcDéfGhÑo' .,-\nMrDJ", max_size=120) | st.text(max_size=80))
def test_findings_stay_inside_the_text(text: str) -> None:
    for module in LEXICAL:
        for f in raw_findings(module, text):
            assert 0 <= f.start < f.end <= len(text)
            assert 0.0 <= f.score <= 1.0
            assert text[f.start : f.end].strip() == text[f.start : f.end]


def test_names_in_a_repeated_note_are_all_found() -> None:
    note = (
        "Client Maria Delgado-Ruiz (DOB 03/04/1987) met with caseworker Oluwaseun Adeyemi "
        "at the HRA office in Jackson Heights. She works at Mount Sinai and lives with her "
        "son Kwame. Dr. Priya Raman referred her; Mr. O'Brien from NYCHA will follow up. "
    ) * 3
    people = {note[f.start : f.end] for f in raw_findings("names", note)
              if f.entity_type is EntityType.PERSON and f.score >= 0.5}  # fmt: skip
    assert {"Maria Delgado-Ruiz", "Oluwaseun Adeyemi", "Kwame"} <= people
    assert not any("DOB" in p or "Jackson Heights" in p for p in people)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Signed,\nDr. Imelda Varga", [("TITLE", "Dr."), ("PERSON", "Imelda Varga")],
            id="title-after-closing-line",
        ),
        pytest.param(
            "Worker met with Mx. Young today.", [("TITLE", "Mx."), ("PERSON", "Young")],
            id="honorific-then-ordinary-word-surname",
        ),
        pytest.param(
            "Ask Ms Price about it.", [("TITLE", "Ms"), ("PERSON", "Price")],
            id="honorific-without-period",
        ),
        pytest.param(
            "Prof. Dr. Jurgen Albers replied.",
            [("TITLE", "Prof. Dr."), ("PERSON", "Jurgen Albers")],
            id="chained-titles",
        ),
        pytest.param(
            "Call Sig.ra Benedetti or pani Wrona.",
            [("TITLE", "Sig.ra"), ("PERSON", "Benedetti"), ("TITLE", "pani"), ("PERSON", "Wrona")],
            id="european-titles",
        ),
        pytest.param(
            "Herr Vogelsang and Lady Ashcombe", [("TITLE", "Herr"), ("PERSON", "Vogelsang"),
            ("TITLE", "Lady"), ("PERSON", "Ashcombe")], id="herr-lady",
        ),
    ],
)  # fmt: skip
def test_more_titles(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Thanks,\nTamsin", ["Tamsin"], id="signature-first-name"),
        pytest.param("Kind regards,\nOluwadamilare", ["Oluwadamilare"], id="signature-unknown"),
        pytest.param(
            "NOTE: CLIENT DESMOND ABERNATHY CAME IN TODAY", ["DESMOND ABERNATHY"],
            id="caps-name-inside-caps-line",
        ),
        pytest.param("Desmond Fairley Jr. signed it.", ["Desmond Fairley Jr."], id="suffix-jr"),
        pytest.param("We asked Nadia Ferro, PhD about it.", ["Nadia Ferro, PhD"], id="suffix-phd"),
        pytest.param("Client Желтков Илья Петрович arrived.", ["Желтков Илья Петрович"],
                     id="cyrillic-after-trigger"),
        pytest.param("Patient 李明华 was seen.", ["李明华"], id="han-after-trigger"),
        pytest.param("Nnenna Obiakor phoned twice.", ["Nnenna Obiakor"], id="verb-after-name"),
        pytest.param("Harlow Vance\nStreet cleaning", ["Harlow Vance"], id="no-line-crossing"),
    ],
)  # fmt: skip
def test_more_people(text: str, expected: list[str]) -> None:
    assert people(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("REPORT VISITED THE HOME AT NOON", id="caps-line-of-ordinary-words"),
        pytest.param("Thanks,\nSee the attached form for details.", id="closing-then-sentence"),
        pytest.param("Regards,\nMarch 2024 schedule", id="closing-then-month"),
        pytest.param("She lives off Washington Ave now.", id="washington-ave"),
        pytest.param("We moved to Jackson Heights.", id="jackson-heights"),
        pytest.param("Products of Johnson & Johnson", id="johnson-and-johnson"),
        pytest.param("The 上海市 office", id="han-place-suffix"),
    ],
)
def test_no_person_more(text: str) -> None:
    assert people(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "hi tomasz wierzbin, your slot is confirmed.", ["tomasz wierzbin"], id="lower"
        ),
        pytest.param("my name is carmen olvedo", ["carmen olvedo"], id="lower-intro"),
        pytest.param("Mr. van der Hoeks called back.", ["van der Hoeks"], id="title-particle"),
        pytest.param("Dr da Rocha reviewed it.", ["da Rocha"], id="title-particle-short"),
        pytest.param(
            "Beneficiary Mark Kowalczyk, account on file.", ["Mark Kowalczyk"], id="word-first"
        ),
        pytest.param("Payee: April Byrne", ["April Byrne"], id="month-first-name"),
        pytest.param("Danika, your interview is on Monday.", ["Danika"], id="vocative"),
        pytest.param("Quillon Marsk mentioned the leak.", ["Quillon Marsk"], id="verb-unknown"),
        pytest.param(
            "Both Tavo Lindqvar and Maria Delgado attended.",
            ["Tavo Lindqvar", "Maria Delgado"],
            id="coordination",
        ),
    ],
)
def test_more_name_shapes(text: str, expected: list[str]) -> None:
    assert people(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("hi there, thanks for waiting.", id="lower-greeting-words"),
        pytest.param("Interpreter requested for the hearing.", id="role-noun-verb"),
        pytest.param("The San Aurelio hearing moved.", id="place-head"),
        pytest.param("Will Power Tools sent a quote.", id="word-first-no-surname"),
        pytest.param("Her Orthodox Christian parish helps.", id="religion-words"),
    ],
)
def test_more_non_names(text: str) -> None:
    assert people(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Can you put me through to Mr. Hill?", ["Hill"], id="title-place-word"),
        pytest.param("Ask Prof. Austin about it.", ["Austin"], id="title-city-name"),
        pytest.param("Apple pie is on the menu; Scott baked it.", ["Scott"], id="first-verb-ed"),
        pytest.param("Derrick here - could you resend it?", ["Derrick"], id="first-here"),
        pytest.param("Maurice's first job was in retail.", ["Maurice"], id="first-possessive"),
        pytest.param("Eric and Angela are flying out.", ["Eric", "Angela"], id="first-and"),
        pytest.param("According to Garcia, it is on track.", ["Garcia"], id="according-to"),
        pytest.param("Please ask for Cook at the desk.", ["Cook"], id="ask-for"),
        pytest.param("I emailed Novak about the account.", ["Novak"], id="emailed"),
        pytest.param("Protest over, Houston said.", ["Houston"], id="city-name-said"),
        pytest.param("Manager Brenda Brown approved it.", ["Brenda Brown"], id="job-title-lead"),
        pytest.param(
            "hi my name is thomas fernandez and i cant log in",
            ["thomas fernandez"],
            id="lower-intro-then-words",
        ),
        pytest.param("i'm lori, i ordered a lamp", ["lori"], id="lower-single"),
    ],
)
def test_lone_names_in_person_context(text: str, expected: list[str]) -> None:
    assert people(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Will you ship it to me?", id="will-you"),
        pytest.param("Bill me later, please.", id="bill-me"),
        pytest.param("April showers delayed it.", id="april"),
        pytest.param("Monday's meeting was moved.", id="weekday-possessive"),
        pytest.param("Mark my words.", id="mark"),
        pytest.param("Austin is a big city.", id="city-is"),
        pytest.param("According to Reuters, it fell.", id="according-to-unknown"),
        pytest.param("i'm sure it works", id="lower-im-sure"),
        pytest.param("hi there, how are you", id="lower-hi-there"),
        pytest.param("Ask whether the Irish delegation arrived, Mr Kim.", id="demonym"),
        pytest.param("Employees of Hanna-Parker walked out.", id="surname-pair-firm"),
    ],
)
def test_no_person_in_look_alikes(text: str) -> None:
    assert [p for p in people(text) if p != "Kim"] == []
