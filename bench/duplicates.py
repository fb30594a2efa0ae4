"""Duplicate suggestions measured: python -m bench.duplicates [--data FILE] (bench/README.md).

Replays tests/data/duplicates_vi.json in arrival order: for each question the candidates are all
earlier questions, and the top suggestion is the best one at or above the threshold. A question is
a positive when an earlier question shares its group. Precision = correct top suggestions / top
suggestions made; recall = correct top suggestions / positives. The counting is
`live.dialogue.similarity.evaluate`, which tests/test_similarity.py asserts on too.

Then the same counts on the held-out paraphrase set (tests/data/paraphrases_test_vi.json: the same
ask in other words, and near misses), overall and for the paraphrases alone, for the live method
for the concept lexicon of bench/concepts.py and for concepts gated by the ask (bench/paraphrase.py),
both tuned on tests/data/paraphrases_tuning_vi.json; and the milliseconds of one suggestion (p50/p99).
"""
import argparse
import json
import statistics
import time
from pathlib import Path

from rapidfuzz import fuzz, process

from live.dialogue import similarity

from . import concepts, paraphrase

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "duplicates_vi.json"
HELD_OUT = DATA.parent / "paraphrases_test_vi.json"
SWEEP = range(20, 62, 4)
METHODS = {"live": similarity.best_earlier, "concepts": concepts.best_earlier,
           "concepts + asks": paraphrase.best_earlier}
POOL = 2000


def load(path=DATA):
    return json.loads(Path(path).read_text(encoding="utf-8"))["questions"]


def tops(questions, top=similarity.best_earlier):
    """Each question's best earlier match as (index, score), or None: the one pass every count uses."""
    return similarity.replay([question["text"] for question in questions], top)


def _rapidfuzz_top(scorer):
    """An alternative: a rapidfuzz string scorer on the same keys."""
    def top(text, earlier):
        found = process.extractOne(similarity.key(text), [similarity.key(t) for t in earlier], scorer=scorer)
        return (found[2], found[1]) if found else None
    return top


def _set_top(measure):
    """An alternative: one set measure alone on the same features (syllables and pairs)."""
    def top(text, earlier):
        query = set(similarity._features(similarity.key(text)))
        scores = [(i, 100 * measure(query, set(similarity._features(similarity.key(t)))))
                  for i, t in enumerate(earlier)]
        return max(scores, key=lambda item: (item[1], -item[0])) if query and scores else None
    return top


ALTERNATIVES = {
    "token_set_ratio (rapidfuzz, keys)": _rapidfuzz_top(fuzz.token_set_ratio),
    "token_sort_ratio (rapidfuzz, keys)": _rapidfuzz_top(fuzz.token_sort_ratio),
    "WRatio (rapidfuzz, keys)": _rapidfuzz_top(fuzz.WRatio),
    "Dice alone (features)": _set_top(lambda a, b: 2 * len(a & b) / (len(a) + len(b) or 1)),
    "overlap alone (features)": _set_top(lambda a, b: len(a & b) / (min(len(a), len(b)) or 1)),
}


def best_threshold(questions, best, floor=0.9):
    """(threshold, result) with the best recall at precision >= floor, over whole thresholds."""
    results = [(threshold, similarity.evaluate(questions, threshold, best)) for threshold in range(1, 101)]
    passing = [item for item in results if item[1]["precision"] >= floor and item[1]["made"]]
    return max(passing, key=lambda item: (item[1]["recall"], item[1]["precision"]), default=(None, None))


def timing(questions, pool=POOL, repeat=200, top=similarity.best_earlier):
    """Milliseconds of one suggestion over `pool` distinct candidates: (first, p50, p99), the first
    with no key cached, the others over `repeat` questions in turn."""
    texts = [question["text"] for question in questions]
    candidates = [f"{texts[n % len(texts)]} ({n // len(texts)})" for n in range(pool)]
    similarity.key.cache_clear()
    times = []
    for n in range(repeat + 1):
        started = time.perf_counter()
        top(texts[n % len(texts)], candidates)
        times.append(1000 * (time.perf_counter() - started))
    cuts = statistics.quantiles(times[1:], n=100)
    return times[0], cuts[49], cuts[98]


def paraphrases(existing, held_out):
    """Rows of the held-out set's counts (overall, paraphrases alone) and of the held-out and the
    existing sets pooled, for the live method and the alternatives, at THRESHOLD."""
    alone = [question for question in held_out if question["group"]]
    rows = []
    for label, top in METHODS.items():
        found = {name: similarity.evaluate(questions, similarity.THRESHOLD, tops(questions, top))
                 for name, questions in (("overall", held_out), ("paraphrases", alone), ("existing", existing))}
        pooled = {key: found["overall"][key] + found["existing"][key] for key in ("made", "correct", "positives")}
        pooled.update(precision=pooled["correct"] / pooled["made"], recall=pooled["correct"] / pooled["positives"])
        rows += [_row(f"{label}: held-out, {name}", found[name]) for name in ("overall", "paraphrases")]
        rows.append(_row(f"{label}: held-out + existing", pooled))
    return rows


def table(rows, titles):
    widths = [max(len(str(value)) for value in column) for column in zip(titles, *rows)]
    for row in [titles, *rows]:
        print("  ".join(str(value).rjust(width) for value, width in zip(row, widths)))


def _row(label, result):
    return [label, result["made"], result["correct"], result["made"] - result["correct"],
            result["positives"], f"{result['precision']:.2f}", f"{result['recall']:.2f}"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=DATA, help="the evaluation set (default: %(default)s)")
    parser.add_argument("--pool", type=int, default=POOL, help="candidates for the timing (default: %(default)s)")
    args = parser.parse_args(argv)
    questions = load(args.data)
    groups = {question["group"] for question in questions if question["group"]}
    print(f"{len(questions)} questions, {len(groups)} duplicate groups, THRESHOLD = {similarity.THRESHOLD}\n")

    best = tops(questions)
    titles = ["threshold", "made", "correct", "wrong", "positives", "precision", "recall"]
    table([_row(threshold, similarity.evaluate(questions, threshold, best))
           for threshold in sorted({*SWEEP, similarity.THRESHOLD})], titles)
    result = similarity.evaluate(questions, similarity.THRESHOLD, best)
    print(f"\nAt THRESHOLD {similarity.THRESHOLD}: precision {result['precision']:.3f} "
          f"({result['correct']}/{result['made']}), recall {result['recall']:.3f} "
          f"({result['correct']}/{result['positives']})")

    print("\nAlternatives on the same keys, each at its own best threshold for precision >= 0.90:")
    rows = []
    for label, top in {"live: mean of Dice and overlap (features)": similarity.best_earlier,
                       **ALTERNATIVES}.items():
        threshold, found = best_threshold(questions, tops(questions, top))
        rows.append(_row(label, found) + [threshold] if found else [label, "-", "-", "-", "-", "-", "-", "-"])
    table(rows, ["method", *titles[1:], "threshold"])

    held_out = load(HELD_OUT)
    print(f"\nHeld-out paraphrases ({HELD_OUT.name}: {len({q['group'] for q in held_out} - {None})} pairs, "
          f"{sum(not q['group'] for q in held_out)} near misses), at THRESHOLD {similarity.THRESHOLD}:")
    table(paraphrases(questions, held_out), ["set", *titles[1:]])

    print(f"\nOne suggestion over {args.pool} candidates, ms (first with no key cached, then p50 / p99):")
    for label, top in METHODS.items():
        first, p50, p99 = timing(questions, args.pool, top=top)
        print(f"  {label}: {first:.1f} first, {p50:.2f} / {p99:.2f}")


if __name__ == "__main__":
    main()
