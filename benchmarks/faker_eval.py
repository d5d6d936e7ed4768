"""An independent check of generalization: Faker-generated sentences, scored by cityprivacy.

Needs Faker, which the project does not depend on; use a separate environment::

    python3 -m venv /tmp/fakervenv && /tmp/fakervenv/bin/pip install faker
    /tmp/fakervenv/bin/python benchmarks/faker_eval.py generate --n 1500 > /tmp/faker_eval.jsonl
    .venv/bin/python benchmarks/faker_eval.py score /tmp/faker_eval.jsonl

The templates are our own, written for this check; the values come from Faker providers
of several locales, so names, streets, cities and companies are ones cityprivacy's
lexicons were not built from. Gold spans are known by construction. Only entity types
that Faker can produce are labelled (PERSON, STREET_ADDRESS, LOCATION, ORGANIZATION,
PHONE_NUMBER, EMAIL_ADDRESS, CREDIT_CARD, IBAN_CODE, US_SSN, DATE_TIME, DATE_OF_BIRTH,
AGE, TITLE, NATIONALITY, RELIGION, US_DRIVER_LICENSE, IP_ADDRESS, URL, ZIP_CODE).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Callable
from typing import Any

LOCALES = ("en_US", "es_MX", "en_IN", "de_DE", "fr_FR", "it_IT", "pl_PL", "nl_NL", "pt_BR")

TEMPLATES = (
    "My name is {PERSON} and I live at {STREET_ADDRESS}.",
    "Please send the documents to {PERSON}, {STREET_ADDRESS}, {LOCATION}.",
    "{PERSON} called from {PHONE_NUMBER} about the lease.",
    "Contact {FIRST} at {EMAIL_ADDRESS} if anything changes.",
    "The card ending in {CREDIT_CARD} was charged twice.",
    "Wire the refund to IBAN {IBAN_CODE} by {DATE_TIME}.",
    "Her social security number is {US_SSN}.",
    "{PERSON} was born on {DATE_OF_BIRTH} in {LOCATION}.",
    "I am {AGE} years old and work for {ORGANIZATION}.",
    "{TITLE} {LAST} will see you on {DATE_TIME}.",
    "He is {NATIONALITY} and moved to {LOCATION} last year.",
    "Our neighbour {PERSON} is a practicing {RELIGION}.",
    "Driver license {US_DRIVER_LICENSE} was suspended.",
    "Login attempt from {IP_ADDRESS} blocked.",
    "Details are posted at {URL} for review.",
    "Mail it to {STREET_ADDRESS}, {LOCATION} {ZIP_CODE}.",
    "{ORGANIZATION} hired {PERSON} as a consultant.",
    "Can you reach {FIRST} on {PHONE_NUMBER}?",
    "Patient: {PERSON}\nDOB: {DATE_OF_BIRTH}\nPhone: {PHONE_NUMBER}",
    "Name: {PERSON} | Email: {EMAIL_ADDRESS} | City: {LOCATION}",
    "{PERSON}'s new address is {STREET_ADDRESS}.",
    "Thanks, {FIRST}! See you in {LOCATION}.",
    "The meeting with {PERSON} from {ORGANIZATION} moved to {DATE_TIME}.",
    "I paid with my card {CREDIT_CARD} and got no receipt.",
    "Account holder {PERSON}, IBAN {IBAN_CODE}.",
    "My brother {FIRST} turned {AGE} last week.",
    "We flew from {LOCATION} to {LOCATION} with {PERSON}.",
    "SSN {US_SSN}; DOB {DATE_OF_BIRTH}.",
    "{PERSON} ({AGE}) lives in {LOCATION}, {ZIP_CODE}.",
    "Reported by {TITLE} {PERSON} on {DATE_TIME}.",
    "The {NATIONALITY} consulate contacted {PERSON}.",
    "She identifies as {RELIGION} and speaks to {FIRST} daily.",
    "Server {IP_ADDRESS} hosts {URL}.",
    "Send feedback to {EMAIL_ADDRESS} or call {PHONE_NUMBER}.",
    "{PERSON} works at {ORGANIZATION} in {LOCATION}.",
    "Hi {FIRST}, your appointment is on {DATE_TIME}.",
    "Lic. no. {US_DRIVER_LICENSE}, issued to {PERSON}.",
    "Ship to: {PERSON}\n{STREET_ADDRESS}\n{LOCATION} {ZIP_CODE}",
    "dear {PERSON_LOWER}, your order shipped.",
    "{PERSON_UPPER} - {STREET_ADDRESS}",
    "According to {PERSON}, the {NATIONALITY} team arrived on {DATE_TIME}.",
    "{FIRST} {LAST} and {PERSON} visited {LOCATION}.",
)

NATIONALITIES = ("Mexican", "Indian", "German", "French", "Italian", "Polish", "Dutch",
                 "Brazilian", "Chinese", "Nigerian", "Vietnamese", "Canadian")  # fmt: skip
RELIGIONS = ("Catholic", "Muslim", "Hindu", "Buddhist", "Jewish", "Sikh", "Protestant",
             "Orthodox Christian", "Lutheran", "Methodist")  # fmt: skip
TITLES = ("Dr.", "Mr.", "Mrs.", "Ms.", "Prof.", "Dr")
DL_SHAPES = ("?#######", "#########", "??######")
DATE_FORMATS: tuple[Callable[[Any], str], ...] = (
    lambda f: f.date(pattern="%B %d, %Y"),
    lambda f: f.date(pattern="%m/%d/%Y"),
    lambda f: f.day_of_week(),
    lambda f: f.date(pattern="%d %b %Y"),
)


def _values(fakers: dict[str, Any], rng: random.Random) -> dict[str, Callable[[], str]]:
    def fk() -> Any:
        return fakers[rng.choice(LOCALES)]

    us = fakers["en_US"]
    return {
        "PERSON": lambda: fk().name(),
        "PERSON_LOWER": lambda: fk().name().lower(),
        "PERSON_UPPER": lambda: fk().name().upper(),
        "FIRST": lambda: fk().first_name(),
        "LAST": lambda: fk().last_name(),
        "STREET_ADDRESS": lambda: fk().street_address(),
        "LOCATION": lambda: rng.choice((fk().city(), us.city(), us.country(), us.state())),
        "ORGANIZATION": lambda: fk().company(),
        "PHONE_NUMBER": lambda: us.phone_number(),
        "EMAIL_ADDRESS": lambda: fk().email(),
        "CREDIT_CARD": lambda: us.credit_card_number(),
        "IBAN_CODE": lambda: fk().iban(),
        "US_SSN": lambda: us.ssn(),
        "DATE_TIME": lambda: rng.choice(DATE_FORMATS)(us),
        "DATE_OF_BIRTH": lambda: us.date_of_birth().strftime(rng.choice(("%m/%d/%Y", "%B %d, %Y"))),
        "AGE": lambda: str(rng.randint(3, 95)),
        "TITLE": lambda: rng.choice(TITLES),
        "NATIONALITY": lambda: rng.choice(NATIONALITIES),
        "RELIGION": lambda: rng.choice(RELIGIONS),
        "US_DRIVER_LICENSE": lambda: us.bothify(rng.choice(DL_SHAPES)).upper(),
        "IP_ADDRESS": lambda: rng.choice((us.ipv4(), us.ipv6())),
        "URL": lambda: us.url(),
        "ZIP_CODE": lambda: us.zipcode(),
    }


_SLOT = re.compile(r"\{(\w+)\}")
_LABEL = {"PERSON_LOWER": "PERSON", "PERSON_UPPER": "PERSON", "FIRST": "PERSON", "LAST": "PERSON"}


def generate(n: int, seed: int) -> None:
    from faker import Faker

    rng = random.Random(seed)
    fakers = {loc: Faker(loc) for loc in LOCALES}
    for i, loc in enumerate(LOCALES):
        fakers[loc].seed_instance(seed + i)
    values = _values(fakers, rng)
    for i in range(n):
        template = rng.choice(TEMPLATES)
        text, spans, pos = "", [], 0
        for m in _SLOT.finditer(template):
            text += template[pos : m.start()]
            value = values[m.group(1)]().replace("\n", ", ")
            label = _LABEL.get(m.group(1), m.group(1))
            spans.append({"start": len(text), "end": len(text) + len(value), "entity_type": label})
            text += value
            pos = m.end()
        text += template[pos:]
        doc = {"id": f"faker-{i}", "text": text, "spans": spans, "negatives": [], "ignored": []}
        print(json.dumps(doc, ensure_ascii=False))


def score(path: str) -> None:
    import time

    import cityprivacy
    from cityprivacy.detect.evaluation import Scorer, Span

    with open(path, encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh]
    analyzer = cityprivacy.default_analyzer()
    t0 = time.perf_counter()
    preds = [analyzer.analyze(d["text"]) for d in docs]
    secs = time.perf_counter() - t0
    scorer = Scorer({"DATE_OF_BIRTH": ("DATE_OF_BIRTH", "DATE_TIME")})
    for doc, found in zip(docs, preds, strict=True):
        gold = [Span(s["start"], s["end"], s["entity_type"]) for s in doc["spans"]]
        scorer.add(gold, [Span(f.start, f.end, str(f.entity_type)) for f in found], [], [])
    r = scorer.result
    for label in sorted(r.overlap, key=lambda t: r.overlap[t].f1):
        c = r.overlap[label]
        if c.support:
            print(f"{label:20} n={c.support:5} P={c.precision:.3f} R={c.recall:.3f} F1={c.f1:.3f}")
    m = r.micro_overlap
    print(f"micro P={m.precision:.3f} R={m.recall:.3f} F1={m.f1:.3f} "
          f"char recall={r.char_recall:.3f} texts/s={len(docs) / secs:.0f}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--n", type=int, default=1500)
    g.add_argument("--seed", type=int, default=7)
    s = sub.add_parser("score")
    s.add_argument("path")
    args = parser.parse_args()
    if args.cmd == "generate":
        generate(args.n, args.seed)
    else:
        score(args.path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
