"""An independent check of generalization: Faker-generated texts, cityprivacy beside Presidio.

    .venv/bin/python benchmarks/faker_eval.py run [--n 1500] [--seed 7]
    .venv/bin/python benchmarks/faker_eval.py generate --n 1500 > /tmp/faker_eval.jsonl
    .venv/bin/python benchmarks/faker_eval.py score /tmp/faker_eval.jsonl

The templates are our own, written for this check in the voice of city case notes, 311
calls, intake forms and e-mails; the values come from Faker providers of several locales,
so names, streets, cities and companies are ones cityprivacy's lexicons were not built
from. Gold spans are known by construction. Only entity types Faker can produce are
labelled (PERSON, TITLE, STREET_ADDRESS, LOCATION, ZIP_CODE, ORGANIZATION, PHONE_NUMBER,
EMAIL_ADDRESS, URL, IP_ADDRESS, CREDIT_CARD, IBAN_CODE, US_SSN, US_DRIVER_LICENSE,
DATE_TIME, DATE_OF_BIRTH, AGE, NATIONALITY, RELIGION). The corpus is a function of the
seed and the Faker version alone: every date is drawn from a fixed range, never from today.

``run`` writes the corpus to benchmarks/corpus/ (ignored by git), runs each tool in a fresh
process on it (see _peers.py: Presidio's default recognizers on the same small spaCy model,
offline), scores both with :mod:`cityprivacy.detect.evaluation`, prints Rich tables and
writes benchmarks/results/faker_<date>.json and faker_latest.json. ``generate`` prints the
corpus as JSONL; ``score`` scores cityprivacy alone on such a file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import random
import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

from _peers import PRESIDIO_LABELS, PRESIDIO_THRESHOLDS, SPACY_MODEL, TOOLS, dump, measure, spawn

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS_DIR = HERE / "corpus"
RESULTS_DIR = HERE / "results"
LOCALES = ("en_US", "es_MX", "en_IN", "de_DE", "fr_FR", "it_IT", "pl_PL", "nl_NL", "pt_BR")
# Faker's es_MX and en_IN IBANs are GB numbers one character short of a real one.
IBAN_LOCALES = ("en_US", "de_DE", "fr_FR", "it_IT", "pl_PL", "nl_NL", "pt_BR")
# A date of birth reported as a date is still found (Presidio's DATE_TIME gets the same).
CITYPRIVACY_LABELS = {"DATE_OF_BIRTH": ("DATE_OF_BIRTH", "DATE_TIME")}

TEMPLATES = (
    "Caller {PERSON} reports no heat at {STREET_ADDRESS}; callback {PHONE_NUMBER}.",
    "Tenant {PERSON} of {STREET_ADDRESS}, {LOCATION} {ZIP_CODE}, asked for a repair inspection.",
    "Spoke with {FIRST} again today, still waiting on the recertification letter.",
    "Forwarded from {EMAIL_ADDRESS}: the elevator has been out since {DATE_TIME}.",
    "Client paid the late fee with card {CREDIT_CARD}; no receipt issued yet.",
    "Refund approved. Beneficiary {PERSON}, account {IBAN_CODE}, payable by {DATE_TIME}.",
    "Applicant SSN: {US_SSN}   Date of birth: {DATE_OF_BIRTH}",
    "{PERSON}, born {DATE_OF_BIRTH} in {LOCATION}, applied for a reduced-fare card.",
    "Household member is {AGE} and works part-time at {ORGANIZATION}.",
    "{TITLE} {LAST} signed the discharge summary on {DATE_TIME}.",
    "The family relocated from {LOCATION} in the spring; the mother is {NATIONALITY}.",
    "Chaplain referral: {PERSON} identifies as {RELIGION}.",
    "Roadside check: driver license no. {US_DRIVER_LICENSE}, plate not recorded.",
    "Portal login came from {IP_ADDRESS}; a password reset was sent.",
    "The rent-relief form is online at {URL} until the end of the month.",
    "Return address: {STREET_ADDRESS}, {LOCATION} {ZIP_CODE}",
    "{ORGANIZATION} is subcontracting the lead abatement to {PERSON}.",
    "{FIRST} asked to be texted at {PHONE_NUMBER} instead of called.",
    "CLIENT: {PERSON}\nDOB: {DATE_OF_BIRTH}\nCELL: {PHONE_NUMBER}",
    "name={PERSON}; email={EMAIL_ADDRESS}; city={LOCATION}",
    "Mail came back undeliverable, so {PERSON} gave a new address: {STREET_ADDRESS}.",
    "Thanks {FIRST}, we will see you at the {LOCATION} office.",
    "Hearing for {PERSON} ({ORGANIZATION}) rescheduled to {DATE_TIME}.",
    "Card on file {CREDIT_CARD} was declined for the permit fee.",
    "Payee: {PERSON} / IBAN: {IBAN_CODE}",
    "Her son {FIRST} is {AGE} and needs a school placement.",
    "{PERSON} travels between {LOCATION} and {LOCATION} for dialysis.",
    "ssn {US_SSN} dob {DATE_OF_BIRTH} - checked against the intake sheet",
    "{PERSON}, age {AGE}, is staying with a cousin in {LOCATION} {ZIP_CODE}.",
    "Complaint taken by {TITLE} {PERSON} on {DATE_TIME}.",
    "Interpreter requested: client is {NATIONALITY}; next of kin is {PERSON}.",
    "{FIRST} mentioned that her {RELIGION} congregation helps with groceries.",
    "Traffic to {URL} spiked from {IP_ADDRESS}.",
    "Questions? Write to {EMAIL_ADDRESS} or dial {PHONE_NUMBER}.",
    "{PERSON} is a case aide at {ORGANIZATION}, {LOCATION}.",
    "{FIRST}, a reminder: your housing interview is on {DATE_TIME}.",
    "ID checked: license {US_DRIVER_LICENSE} belongs to {PERSON}.",
    "Deliver to:\n{PERSON}\n{STREET_ADDRESS}\n{LOCATION} {ZIP_CODE}",
    "hi {PERSON_LOWER}, the inspector will come by {DATE_TIME}.",
    "{PERSON_UPPER}\n{STREET_ADDRESS}\nAPPLICATION RECEIVED",
    "{PERSON} said the {NATIONALITY} community center closed on {DATE_TIME}.",
    "Both {PERSON} and {PERSON} attended the {LOCATION} hearing.",
    "Landlord {PERSON} ({PHONE_NUMBER}) will not return the deposit.",
    "Emergency contact: {PERSON}, {EMAIL_ADDRESS}",
    "{TITLE} {LAST} moved out of {STREET_ADDRESS} before {DATE_TIME}.",
)

NATIONALITIES = ("Mexican", "Indian", "German", "French", "Italian", "Polish", "Dutch",
                 "Brazilian", "Chinese", "Nigerian", "Vietnamese", "Canadian")  # fmt: skip
RELIGIONS = ("Catholic", "Muslim", "Hindu", "Buddhist", "Jewish", "Sikh", "Protestant",
             "Orthodox Christian", "Lutheran", "Methodist")  # fmt: skip
TITLES = ("Dr.", "Mr.", "Mrs.", "Ms.", "Prof.", "Dr")
DL_SHAPES = ("?#######", "#########", "??######")
DATE_FORMATS = ("%B %d, %Y", "%m/%d/%Y", "%A", "%d %b %Y")
DATES = (dt.date(2022, 1, 1), dt.date(2027, 12, 31))
BIRTHS = (dt.date(1930, 1, 1), dt.date(2022, 12, 31))


def _values(fakers: Mapping[str, Any], rng: random.Random) -> dict[str, Callable[[], str]]:
    def fk() -> Any:
        return fakers[rng.choice(LOCALES)]

    def name() -> str:  # Faker's name() may add "Dr." or "MD"; titles are labelled apart
        f = fk()
        return f"{f.first_name()} {f.last_name()}"

    us = fakers["en_US"]
    return {
        "PERSON": name,
        "PERSON_LOWER": lambda: name().lower(),
        "PERSON_UPPER": lambda: name().upper(),
        "FIRST": lambda: fk().first_name(),
        "LAST": lambda: fk().last_name(),
        "STREET_ADDRESS": lambda: fk().street_address(),
        "LOCATION": lambda: rng.choice((fk().city(), us.city(), us.country(), us.state())),
        "ORGANIZATION": lambda: fk().company(),
        "PHONE_NUMBER": lambda: us.phone_number(),
        "EMAIL_ADDRESS": lambda: fk().email(),
        "CREDIT_CARD": lambda: us.credit_card_number(),
        "IBAN_CODE": lambda: fakers[rng.choice(IBAN_LOCALES)].iban(),
        "US_SSN": lambda: us.ssn(),
        "DATE_TIME": lambda: us.date_between_dates(*DATES).strftime(rng.choice(DATE_FORMATS)),
        "DATE_OF_BIRTH": lambda: us.date_between_dates(*BIRTHS).strftime(
            rng.choice(("%m/%d/%Y", "%B %d, %Y"))
        ),
        "AGE": lambda: str(rng.randint(3, 95)),
        "TITLE": lambda: rng.choice(TITLES),
        "NATIONALITY": lambda: rng.choice(NATIONALITIES),
        "RELIGION": lambda: rng.choice(RELIGIONS),
        "US_DRIVER_LICENSE": lambda: us.bothify(rng.choice(DL_SHAPES)).upper(),
        "IP_ADDRESS": lambda: rng.choice((us.ipv4(), us.ipv6())),
        "URL": lambda: us.url(),
        "ZIP_CODE": lambda: us.zipcode(),
    }


def _stable(faker: Any) -> Any:
    """Sort provider word lists that Faker builds from a set (it_IT's cities): their order,
    and so the values drawn, would otherwise change with PYTHONHASHSEED."""
    for provider in faker.get_providers():
        for attr in ("cities",):
            words = getattr(provider, attr, None)
            if isinstance(words, list):
                setattr(provider, attr, sorted(words))
    return faker


_SLOT = re.compile(r"\{(\w+)\}")
_LABEL = {"PERSON_LOWER": "PERSON", "PERSON_UPPER": "PERSON", "FIRST": "PERSON", "LAST": "PERSON"}


def iter_docs(n: int, seed: int) -> Iterator[dict[str, Any]]:
    """``n`` labelled texts, the same ones for the same seed (and Faker version)."""
    from faker import Faker

    rng = random.Random(seed)
    fakers = {loc: _stable(Faker(loc)) for loc in LOCALES}
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
        yield {"id": f"faker-{i}", "text": text, "spans": spans, "negatives": [], "ignored": []}


def generate(n: int, seed: int) -> None:
    for doc in iter_docs(n, seed):
        print(json.dumps(doc, ensure_ascii=False))


def write_corpus(n: int, seed: int) -> Path:
    CORPUS_DIR.mkdir(parents=True, exist_ok=True)
    path = CORPUS_DIR / f"faker_s{seed}_n{n}.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for doc in iter_docs(n, seed):
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return path


def read_docs(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def evaluate(
    docs: Sequence[dict[str, Any]],
    preds: Sequence[Sequence[Sequence[Any]]],
    label_map: Mapping[str, Sequence[str]],
    threshold: float = 0.0,
) -> Any:
    """Score predictions ``[label, start, end, score]`` against the corpus's gold spans."""
    from cityprivacy.detect.evaluation import Scorer, Span

    scorer = Scorer(label_map)
    for doc, found in zip(docs, preds, strict=True):
        gold = [Span(s["start"], s["end"], s["entity_type"]) for s in doc["spans"]]
        scorer.add(gold, [Span(p[1], p[2], p[0]) for p in found if p[3] >= threshold])
    return scorer.result


def score(path: str) -> None:
    import time

    import cityprivacy

    docs = read_docs(Path(path))
    analyzer = cityprivacy.default_analyzer()
    t0 = time.perf_counter()
    preds = [[[str(f.entity_type), f.start, f.end, f.score] for f in analyzer.analyze(d["text"])]
             for d in docs]  # fmt: skip
    secs = time.perf_counter() - t0
    r = evaluate(docs, preds, CITYPRIVACY_LABELS)
    for label in sorted(r.overlap, key=lambda t: r.overlap[t].f1):
        c = r.overlap[label]
        if c.support:
            print(f"{label:20} n={c.support:5} P={c.precision:.3f} R={c.recall:.3f} F1={c.f1:.3f}")
    m = r.micro_overlap
    print(f"micro P={m.precision:.3f} R={m.recall:.3f} F1={m.f1:.3f} "
          f"char recall={r.char_recall:.3f} texts/s={len(docs) / secs:.0f}")  # fmt: skip


# ---------------------------------------------------------------- side by side


def _f(x: float) -> str:
    return f"{x:.3f}"


def print_tables(ours: Any, theirs: Any, perf: Mapping[str, Any], th: float) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=None if sys.stdout.isatty() else 150)
    table = Table(title="Faker corpus, per entity type (overlap P/R/F1, exact F1)")
    for col in ("entity", "n", "cp P", "cp R", "cp F1", "cp exact F1", "pr P", "pr R", "pr F1",
                "pr exact F1"):  # fmt: skip
        table.add_column(col, justify="left" if col == "entity" else "right")

    def cells(over: Any, exact: Any) -> list[str]:
        if over is None:
            return ["-"] * 4
        return [_f(over.precision), _f(over.recall), _f(over.f1), _f(exact.f1 if exact else 0)]

    for t in sorted(t for t in ours.overlap if ours.overlap[t].support):
        table.add_row(t, str(ours.overlap[t].support),
                      *cells(ours.overlap[t], ours.exact.get(t)),
                      *cells(theirs.overlap.get(t), theirs.exact.get(t)))  # fmt: skip
    table.add_section()
    table.add_row("micro", str(ours.micro_overlap.support),
                  *cells(ours.micro_overlap, ours.micro_exact),
                  *cells(theirs.micro_overlap, theirs.micro_exact), style="bold")  # fmt: skip
    console.print(table)

    summary = Table(title=f"Faker corpus, summary (Presidio scored at threshold {th})")
    for col in ("measure", "cityprivacy", "Presidio"):
        summary.add_column(col, justify="left" if col == "measure" else "right")
    for name, get in (
        ("micro P (overlap)", lambda e: e.micro_overlap.precision),
        ("micro R (overlap)", lambda e: e.micro_overlap.recall),
        ("micro F1 (overlap)", lambda e: e.micro_overlap.f1),
        ("micro F1 (exact)", lambda e: e.micro_exact.f1),
        ("char recall", lambda e: e.char_recall),
        ("char precision", lambda e: e.char_precision),
    ):
        summary.add_row(name, _f(get(ours)), _f(get(theirs)))
    cp, pr = perf["cityprivacy"], perf["presidio"]
    for name, key in (("load s", "load_seconds"), ("peak RSS MB", "peak_rss_mb")):
        summary.add_row(name, str(cp[key]), str(pr[key]))
    for name, key in (("texts/s, 1 process", "texts_per_s"), ("MB/s, 1 process", "mb_per_s")):
        summary.add_row(name, str(cp["single"][key]), str(pr["single"][key]))
    console.print(summary)


def run(n: int, seed: int) -> dict[str, Any]:
    corpus = write_corpus(n, seed)
    docs = read_docs(corpus)
    script = Path(__file__).resolve()
    perf = {t: spawn(script, ["worker", "--tool", t, "--corpus", str(corpus)]) for t in TOOLS}
    ours = evaluate(docs, perf["cityprivacy"].pop("predictions"), CITYPRIVACY_LABELS)
    found = perf["presidio"].pop("predictions")
    by_threshold = {th: evaluate(docs, found, PRESIDIO_LABELS, th) for th in PRESIDIO_THRESHOLDS}
    best = max(by_threshold, key=lambda th: by_threshold[th].micro_overlap.f1)
    theirs = by_threshold[best]
    print_tables(ours, theirs, perf, best)
    speedup = (
        perf["cityprivacy"]["single"]["texts_per_s"] / perf["presidio"]["single"]["texts_per_s"]
    )
    return {
        "date": dt.date.today().isoformat(),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                    "python": platform.python_version()},
        "corpus": {"texts": n, "seed": seed, "locales": list(LOCALES),
                   "templates": len(TEMPLATES), "file": str(corpus.relative_to(ROOT)),
                   "sha256": hashlib.sha256(corpus.read_bytes()).hexdigest()},
        "versions": {"faker": version("faker"), "presidio_analyzer": version("presidio-analyzer"),
                     "spacy_model": SPACY_MODEL},
        "presidio_threshold": best,
        "speedup_single": round(speedup, 1),
        "performance": perf,
        "cityprivacy": ours.to_dict(),
        "presidio": theirs.to_dict(),
        "presidio_by_threshold": {str(th): e.to_dict()["micro"] for th, e in by_threshold.items()},
    }  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("generate", help="print the corpus as JSONL")
    g.add_argument("--n", type=int, default=1500)
    g.add_argument("--seed", type=int, default=7)
    s = sub.add_parser("score", help="score cityprivacy alone on a generated JSONL file")
    s.add_argument("path")
    r = sub.add_parser("run", help="generate, run cityprivacy and Presidio, score, save JSON")
    r.add_argument("--n", type=int, default=1500)
    r.add_argument("--seed", type=int, default=7)
    w = sub.add_parser("worker", help="internal: run one tool on a corpus, print JSON")
    w.add_argument("--tool", choices=TOOLS, required=True)
    w.add_argument("--corpus", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.cmd == "generate":
        generate(args.n, args.seed)
    elif args.cmd == "score":
        score(args.path)
    elif args.cmd == "worker":
        dump(measure(args.tool, [d["text"] for d in read_docs(args.corpus)]))
    else:
        result = run(args.n, args.seed)
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        text = json.dumps(result, indent=2) + "\n"
        (RESULTS_DIR / f"faker_{result['date']}.json").write_text(text, encoding="utf-8")
        (RESULTS_DIR / "faker_latest.json").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
