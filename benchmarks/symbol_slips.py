"""Generate judged `typo` queries: gene symbols typed with one random slip (issue 17).

Run: PYTHONPATH=$PWD XDG_RUNTIME_DIR=var/run nice -n 19 .venv/bin/python \
        benchmarks/symbol_slips.py --seed 15 --count 60 --split symbol-slips-tuning \
        --exclude-split symbol-slips --exclude-split session14
Reads the loaded knowledge base (read only): the HGNC symbols of genes linked to a condition
(`--unlinked`: of genes linked to none, a control for rules that prefer disease genes), sorted, shuffled with `--seed`, each given one slip (two adjacent characters swapped, a
character dropped or doubled, or a letter or digit replaced by its neighbour on a QWERTY row).
A slip that is itself a known word (a spelling-lexicon word, an ordinary or registered word,
or any gene's symbol, alias or previous symbol) is skipped with its gene, as are genes judged in
an excluded split. Prints the first `--count` items as JSON, ready for judged_queries.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rarelabs.settings")

JUDGED = Path(__file__).resolve().parent / "judged_queries.json"
SLIPS = ("swap", "drop", "double", "neighbour")
_ROWS = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm")


def qwerty_neighbours(key: str) -> list[str]:
    """The keys left and right of `key` on its QWERTY row ("d" -> ["s", "f"])."""
    for row in _ROWS:
        at = row.find(key)
        if at >= 0:
            return [row[i] for i in (at - 1, at + 1) if 0 <= i < len(row)]
    return []


def slipped(symbol: str, rng: random.Random) -> str | None:
    """`symbol` with one random slip on its letters and digits; None when the drawn slip
    changes nothing (a swap of two equal characters)."""
    slip = rng.choice(SLIPS)
    places = [i for i, c in enumerate(symbol) if c.isalnum()]
    if slip == "swap":
        pairs = [i for i in places if i + 1 in places]
        if not pairs:
            return None
        i = rng.choice(pairs)
        if symbol[i] == symbol[i + 1]:
            return None
        return symbol[:i] + symbol[i + 1] + symbol[i] + symbol[i + 2 :]
    i = rng.choice(places)
    if slip == "drop":
        return symbol[:i] + symbol[i + 1 :]
    if slip == "double":
        return symbol[:i] + symbol[i] + symbol[i:]
    keys = qwerty_neighbours(symbol[i].lower())
    if not keys:
        return None
    key = rng.choice(keys)
    return symbol[:i] + (key.upper() if symbol[i].isupper() else key) + symbol[i + 1 :]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--split", required=True)
    parser.add_argument("--exclude-split", action="append", default=[])
    parser.add_argument("--unlinked", action="store_true", help="genes linked to no condition")
    args = parser.parse_args()

    from rarelabs.startup import preflight

    preflight()
    import django

    django.setup()
    from knowledge.models import Gene
    from search.models import SearchTerm
    from search.ordinary_words import is_known_word
    from search.text import key_form

    judged = json.loads(JUDGED.read_text(encoding="utf-8"))["queries"]
    excluded = {
        key_form(symbol)
        for item in judged
        if item.get("split") in args.exclude_split
        for symbol in item["expected"]
    }
    known = set(SearchTerm.objects.values_list("term", flat=True))
    for symbol, aliases, previous in Gene.objects.values_list(
        "symbol", "aliases", "previous_symbols"
    ):
        known.update(key_form(name) for name in [symbol, *aliases, *previous])
    genes = Gene.objects.filter(condition_links__isnull=args.unlinked)
    symbols = sorted(genes.values_list("symbol", flat=True).distinct())
    rng = random.Random(args.seed)
    rng.shuffle(symbols)
    items = []
    for symbol in symbols:
        if len(items) == args.count:
            break
        if key_form(symbol) in excluded:
            continue
        typed = slipped(symbol, rng)
        if not typed or key_form(typed) in known or is_known_word(key_form(typed)):
            continue
        items.append({"q": typed, "kind": "typo", "expected": [symbol], "split": args.split})
    print(json.dumps(items, indent=1))


if __name__ == "__main__":
    main()
