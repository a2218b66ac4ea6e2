"""The tables bench/scale.py prints: one run's, and two runs compared."""

import json
from pathlib import Path

NOT_AVAILABLE = "n/a"


def number(value, digits=1):
    return NOT_AVAILABLE if value is None else f"{value:.{digits}f}"


def table(rows):
    lines = [
        "| page | queries | SQL ms | total ms | warm queries | warm SQL ms"
        " | req/s | p50 ms | p99 ms | share of ceiling |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        result = row["result"]
        if row["path"] is None:
            lines.append(f"| {row['name']} | {NOT_AVAILABLE} ({row['note']}) |" + "  |" * 9)
            continue
        share = result.get("share")
        lines.append(
            f"| {row['name']} | {number(result.get('queries'), 0)}"
            f" | {number(result.get('sql_ms'))} | {number(result.get('total_ms'))}"
            f" | {number(result.get('warm_queries'), 0)} | {number(result.get('warm_sql_ms'))}"
            f" | {number(result.get('rps'))} | {number(result.get('p50_ms'))}"
            f" | {number(result.get('p99_ms'))}"
            f" | {NOT_AVAILABLE if share is None else f'{share:.1%}'} |"
        )
    return "\n".join(lines)


def rss_line(rss):
    if not rss:
        return ""
    before = ", ".join(f"{mb:.0f} MB" for mb in rss["before"])
    after = ", ".join(f"{mb:.0f} MB" for mb in rss["after"])
    return (
        f"Worker RSS before {rss['requests']} mixed requests: {before}; after: {after}"
        f" ({rss['not_200']} not 200, {rss['seconds']:.0f} s)."
    )


def ratio(old, new, key):
    """`new[key]` over `old[key]`, as "1.8×"; n/a when either run lacks it."""
    if not old.get(key) or new.get(key) is None:
        return NOT_AVAILABLE
    return f"{new[key] / old[key]:.1f}×"


def compare(first, second):
    """SQL ms (cold and warm) and req/s of each page at two runs, and their ratios."""
    a, b = (json.loads(Path(path).read_text()) for path in (first, second))
    print(
        f"{a['label']} ({a['documents']} documents) → {b['label']} ({b['documents']} documents)\n"
    )
    runs = f"{a['label']} → {b['label']}"
    print(
        f"| page | SQL ms at {runs} | ratio | warm SQL ms at {runs} | ratio"
        f" | req/s at {runs} | share at {b['label']} |"
    )
    print("|---|---|---|---|---|---|---|")
    before = {row["key"]: row for row in a["pages"]}
    for row in b["pages"]:
        old = before.get(row["key"], {}).get("result", {})
        new = row["result"]
        if row["path"] is None or not old:
            print(f"| {row['name']} | {NOT_AVAILABLE} |" + "  |" * 5)
            continue
        share = new.get("share")
        print(
            f"| {row['name']} | {number(old.get('sql_ms'))} → {number(new.get('sql_ms'))}"
            f" | {ratio(old, new, 'sql_ms')}"
            f" | {number(old.get('warm_sql_ms'))} → {number(new.get('warm_sql_ms'))}"
            f" | {ratio(old, new, 'warm_sql_ms')}"
            f" | {number(old.get('rps'))} → {number(new.get('rps'))}"
            f" | {NOT_AVAILABLE if share is None else f'{share:.1%}'} |"
        )
    for run in (a, b):
        if line := rss_line(run.get("rss")):
            print(f"\n{run['label']}: {line}")
