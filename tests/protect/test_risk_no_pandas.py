"""``cityprivacy risk`` does not import pandas: pyarrow would, for more than half a second.

pyarrow imports pandas the first time it converts a Python or numpy value (``pa.array``,
``pa.scalar``, ``to_numpy``); the risk measures go through Arrow buffers instead
(:mod:`cityprivacy.protect._arrow`). Each check runs in a fresh interpreter, where
``sys.modules`` says what the command really imported.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

_RUN = """
import json, sys
from cityprivacy.cli import app
try:
    app(sys.argv[1:])
except SystemExit as done:
    code = done.code
print(json.dumps({"code": code, "pandas": "pandas" in sys.modules}))
"""


def _risk(*args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _RUN, "risk", *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.fixture
def clients(tmp_path: Path) -> Path:
    rows = [
        "age,sex,zip,diagnosis,income",
        "34,F,10027,asthma,52000",
        "34,F,10027,diabetes,61000",
        "35,M,10451,asthma,48000",
        "35,M,10451,flu,",
        "*,*,*,flu,39000",
        "41,,11201,asthma,75000",
    ]
    path = tmp_path / "clients.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "options",
    [
        pytest.param(["--qi", "age,sex,zip"], id="classes-only"),
        pytest.param(["--qi", "age,sex", "-s", "diagnosis"], id="categorical-sensitive"),
        pytest.param(
            ["--qi", "sex,zip", "-s", "age", "--ordered", "--suppressed-marker", "*"],
            id="ordered-sensitive",
        ),
        pytest.param(["--qi", "sex,zip", "-s", "income", "--json"], id="numbers-with-a-gap"),
        pytest.param(["--qi", "age,sex", "--suppressed-marker", "*"], id="suppressed-rows"),
        pytest.param(["--qi", "age,sex", "-p", "8336817"], id="population-size"),
    ],
)
def test_risk_runs_without_importing_pandas(clients: Path, options: list[str]) -> None:
    assert _risk(str(clients), *options) == {"code": 0, "pandas": False}


def test_risk_with_a_population_table_runs_without_importing_pandas(
    clients: Path, tmp_path: Path
) -> None:
    population = tmp_path / "population.csv"
    population.write_text(clients.read_text(encoding="utf-8") * 3, encoding="utf-8")
    outcome = _risk(str(clients), "--qi", "sex,zip", "-s", "diagnosis", "-p", str(population))
    assert outcome == {"code": 0, "pandas": False}


def test_the_check_can_see_pandas() -> None:
    """The probe is not blind: pyarrow converting a Python list does import pandas."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, pyarrow as pa; pa.array([1]);print('pandas' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert done.stdout.strip() == "True"
