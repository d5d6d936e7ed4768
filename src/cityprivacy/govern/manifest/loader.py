"""Reading a manifest file, and saying which line is wrong when its shape is.

The YAML is parsed with the taxonomy's line-tracking reader
(:mod:`cityprivacy.taxonomy._yaml`), validated by the models of :mod:`.model`, then
checked for what a model cannot see: names described twice (a disclosure refers to its
dataset and agreement by name) and recipient tags the office does not know. Every problem
raises :class:`~cityprivacy.errors.PolicyError` with the file and line, and the CLI exits 2;
a well-formed manifest that breaks the office's rules is the business of :mod:`.checks`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from pydantic import ValidationError

from cityprivacy._textfile import read_text_file
from cityprivacy.errors import PolicyError
from cityprivacy.govern.manifest.model import Loc, Manifest, ManifestSpec
from cityprivacy.govern.rules import RECIPIENT_TAGS
from cityprivacy.taxonomy._yaml import Document, first_problem, line_of, parse_yaml

__all__ = ["load_manifest", "parse_manifest"]


def load_manifest(path: Path | str) -> Manifest:
    """The manifest in the file at ``path`` (PolicyError, with its line, if malformed)."""
    text = read_text_file(path, label="manifest", error=PolicyError)
    return parse_manifest(text, str(path))


def parse_manifest(text: str, source: str = "<manifest>") -> Manifest:
    """The manifest in ``text``; ``source`` names it in errors."""
    doc = parse_yaml(text, source, error=PolicyError)
    if not isinstance(doc.data, dict):
        raise _error(doc, "a manifest is a mapping (version, agency, systems, disclosures...)")
    spec = _validate(doc)
    manifest = Manifest(spec=spec, source=source, root=doc.root)
    _check_names(doc, spec)
    _check_tags(doc, spec)
    return manifest


def _error(doc: Document, message: str, loc: Loc = ()) -> PolicyError:
    return PolicyError(message, source=doc.source, line=line_of(doc.root, loc))


def _validate(doc: Document) -> ManifestSpec:
    """The first validation problem, at its line; a misspelt field before the one it hides."""
    try:
        return ManifestSpec.model_validate(doc.data)
    except ValidationError as exc:
        problem = first_problem(exc)
        where = ".".join(str(p) for p in problem.loc) or "manifest"
        raise _error(doc, f"{where}: {problem.message}{problem.more}", problem.loc) from None


def _refuse_repeats(doc: Document, named: Iterable[tuple[Loc, str]], what: str) -> None:
    seen: set[str] = set()
    for loc, name in named:
        if name in seen:
            raise _error(doc, f"{what} {name!r} is described twice", loc)
        seen.add(name)


def _check_names(doc: Document, spec: ManifestSpec) -> None:
    """Names that others refer to must be unique (datasets across the whole manifest)."""
    _refuse_repeats(
        doc, ((("systems", i, "name"), s.name) for i, s in enumerate(spec.systems)), "system"
    )
    datasets: list[tuple[Loc, str]] = []
    for i, system in enumerate(spec.systems):
        for j, dataset in enumerate(system.datasets):
            loc: Loc = ("systems", i, "datasets", j)
            datasets.append(((*loc, "name"), dataset.name))
            fields: Sequence[tuple[Loc, str]] = [
                ((*loc, "fields", k, "name"), f.name) for k, f in enumerate(dataset.fields)
            ]
            _refuse_repeats(doc, fields, f"in dataset {dataset.name!r}, field")
    _refuse_repeats(doc, datasets, "dataset")
    for section, what, items in (
        ("designations", "designation", [d.ref for d in spec.designations]),
        ("agreements", "agreement", [a.ref for a in spec.agreements]),
        ("disclosures", "disclosure", [d.name for d in spec.disclosures]),
    ):
        key = "name" if section == "disclosures" else "ref"
        _refuse_repeats(doc, (((section, i, key), n) for i, n in enumerate(items)), what)


def _check_tags(doc: Document, spec: ManifestSpec) -> None:
    for i, disclosure in enumerate(spec.disclosures):
        for j, tag in enumerate(disclosure.recipient_tags):
            if tag not in RECIPIENT_TAGS:
                raise _error(
                    doc,
                    f"disclosures.{i}.recipient_tags: unknown tag {tag!r}; use "
                    f"{', '.join(sorted(RECIPIENT_TAGS))}",
                    ("disclosures", i, "recipient_tags", j),
                )
