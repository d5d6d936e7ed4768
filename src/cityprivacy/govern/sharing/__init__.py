"""Governed data-sharing extracts: what an agreement lets an extract hold, and how.

- :mod:`.terms`: the extract terms stored with an agreement (treatment per type, link
  schema, small cells, subject type) and their checks;
- :mod:`.columns`: what each column holds (scanned, not read from its name) and its plan;
- :mod:`.transform`: the agreement key, pseudonyms, the linkage encoding, small cells;
- :mod:`.receipts`: the SHA-256 receipt of each extract file and its look-up;
- :mod:`.extract`: ``make_extract`` and ``verify_extract``, recorded as disclosures.

Only the terms are imported here: the agreements component needs them, and the detector
behind :mod:`.columns` is loaded only by the commands that make extracts.
"""

from __future__ import annotations

from cityprivacy.govern.sharing.terms import (
    ExtractTerms,
    SmallCells,
    Treatment,
    check_terms,
    load_terms_file,
    parse_terms,
)

__all__ = [
    "ExtractTerms",
    "SmallCells",
    "Treatment",
    "check_terms",
    "load_terms_file",
    "parse_terms",
]
