"""Print the README's benchmark tables from the latest results JSON.

Run after ``make bench`` and paste the output into the README, so the figures there are
exactly the ones measured::

    .venv/bin/python benchmarks/readme_tables.py
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def _summary(d: dict[str, Any]) -> list[str]:
    cp, pr = d["cityprivacy"], d["presidio"]
    perf_cp, perf_pr = d["performance"]["cityprivacy"], d["performance"]["presidio"]

    def micro(r: dict[str, Any], kind: str) -> str:
        m = r["micro"][kind]
        return f"{m['f1']:.3f} ({m['precision']:.3f} / {m['recall']:.3f})"

    rows = [
        "| measure | cityprivacy | Presidio |",
        "|---|---:|---:|",
        f"| micro F1, overlap (P / R) | **{micro(cp, 'overlap')}** | {micro(pr, 'overlap')} |",
        f"| micro F1, exact | **{cp['micro']['exact']['f1']:.3f}** "
        f"| {pr['micro']['exact']['f1']:.3f} |",
        f"| character recall | **{cp['char_recall']:.3f}** | {pr['char_recall']:.3f} |",
        f"| character precision | {cp['char_precision']:.3f} | {pr['char_precision']:.3f} |",
    ]
    negs = cp.get("hard_negatives") or {}
    if negs:

        def flagged(r: dict[str, Any]) -> str:
            h = r["hard_negatives"]
            return (
                f"{sum(v['flagged'] for v in h.values())} / {sum(v['count'] for v in h.values())}"
            )

        rows.append(f"| hard negatives flagged | {flagged(cp)} | {flagged(pr)} |")
    rows += [
        f"| load time (construction + one warm-up text) | {perf_cp['load_seconds']:.2f} s "
        f"| {perf_pr['load_seconds']:.2f} s |",
        f"| peak memory (RSS) | {perf_cp['peak_rss_mb']:.0f} MB "
        f"| {perf_pr['peak_rss_mb']:.0f} MB |",
        f"| throughput, 1 process | {perf_cp['single']['texts_per_s']:,.0f} texts/s "
        f"({perf_cp['single']['mb_per_s']:.3f} MB/s) | {perf_pr['single']['texts_per_s']:,.0f} "
        f"texts/s ({perf_pr['single']['mb_per_s']:.4f} MB/s) |",
    ]
    if "multi" in perf_cp and "multi" in perf_pr:
        rows.append(
            f"| throughput, {d['machine']['cpus']} processes | "
            f"{perf_cp['multi']['texts_per_s']:,.0f} texts/s | "
            f"{perf_pr['multi']['texts_per_s']:,.0f} texts/s |"
        )
    rows.append(f"| single-process speed-up | **{d['speedup_single']}×** | 1× |")
    return rows


def _per_type(d: dict[str, Any]) -> list[str]:
    cp, pr = d["cityprivacy"]["per_type"], d["presidio"]["per_type"]
    rows = [
        "| entity | n | cityprivacy P / R / F1 | Presidio F1 |",
        "|---|---:|---:|---:|",
    ]
    for name in sorted(cp, key=lambda k: -cp[k]["overlap"]["support"]):
        o = cp[name]["overlap"]
        if not o["support"]:
            continue
        theirs = pr.get(name, {}).get("overlap", {})
        pf = f"{theirs['f1']:.2f}" if theirs.get("support") else "—"
        rows.append(
            f"| `{name}` | {o['support']} | {o['precision']:.2f} / {o['recall']:.2f} / "
            f"{o['f1']:.2f} | {pf} |"
        )
    return rows


def main() -> None:
    for name in ("detect_latest.json", "faker_latest.json"):
        path = RESULTS / name
        if not path.exists():
            continue
        d = json.loads(path.read_text(encoding="utf-8"))
        print(
            f"### {name} ({d['date']}, {d['corpus']['texts']} texts, seed {d['corpus']['seed']})\n"
        )
        print("\n".join(_summary(d)))
        print()
        print("\n".join(_per_type(d)))
        print()


if __name__ == "__main__":
    main()
