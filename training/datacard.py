"""Corpus bookkeeping: the fixed split, quality figures and the data card's tables.

python -m training.datacard split    # assign `split` by theatre group, in place
python -m training.datacard stats    # print the figures as JSON
python -m training.datacard card     # rewrite the generated part of datasets/README.md
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.metrics import cohen_kappa_score

from model.actors import load_actor_list
from model.labels import SENTIMENT_LABELS, STANCE_LABELS
from training.corpus import (
    DATASETS_DIR,
    default_actor_file,
    default_corpus_files,
    documents,
    read_statements,
)
from training.publish import write_atomic

TEST_SHARE = 0.24
SPLIT_SEED = 20261125
NEAR_DUPLICATE = 0.7
AGREEMENT_DIR = DATASETS_DIR / "agreement"
CARD = DATASETS_DIR / "README.md"
START, END = "<!-- generated:start -->", "<!-- generated:end -->"


def split_theatres(statements, share: float = TEST_SHARE, seed: int = SPLIT_SEED) -> set[str]:
    """Pick whole theatres for the test split until it holds ``share`` of the statements.

    Theatres are taken in a seeded hash order, so the choice is fixed for a
    given corpus and no theatre (hence no document, and no near-twin written
    about the same events) is on both sides.
    """
    sizes = Counter(s.theatre for s in statements)
    # A keyed hash orders the theatres: a theatre added later takes its own
    # place in the order without reshuffling the others.
    order = sorted(sizes, key=lambda t: hashlib.sha256(f"{seed}:{t}".encode()).hexdigest())
    chosen, total = set(), 0
    for theatre in order:
        if total >= share * len(statements):
            break
        chosen.add(theatre)
        total += sizes[theatre]
    return chosen


def write_split(files=None) -> dict:
    """Rewrite each corpus file with its ``split`` field; return the test theatres and sizes."""
    files = files or default_corpus_files()
    actors = load_actor_list(default_actor_file())
    statements = read_statements(files, actors)
    test = split_theatres(statements)
    for path in files:
        rows = [
            json.loads(line)
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        for row in rows:
            row["split"] = "test" if row.get("theatre") in test else "train"
        write_atomic(path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    return {
        "test_theatres": sorted(test),
        "test_statements": sum(s.theatre in test for s in statements),
    }


def _trigram_sets(texts) -> sparse.csr_matrix:
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, text in enumerate(texts):
        words = re.findall(r"\w+", text.lower())
        grams = {" ".join(words[j : j + 3]) for j in range(max(1, len(words) - 2))}
        for gram in grams:
            rows.append(i)
            cols.append(vocab.setdefault(gram, len(vocab)))
    data = np.ones(len(rows), dtype=np.int32)
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(texts), len(vocab)))


def near_duplicate_pairs(texts, threshold: float = NEAR_DUPLICATE) -> list[tuple[int, int, float]]:
    """Pairs of texts whose word-trigram Jaccard similarity is at least ``threshold``."""
    grams = _trigram_sets(texts)
    sizes = np.asarray(grams.sum(axis=1)).ravel()
    overlap = sparse.triu(grams @ grams.T, k=1).tocoo()
    jaccard = overlap.data / (sizes[overlap.row] + sizes[overlap.col] - overlap.data)
    keep = jaccard >= threshold
    return sorted(
        zip(overlap.row[keep].tolist(), overlap.col[keep].tolist(), jaccard[keep].round(3).tolist())
    )


def masked_skeleton(text: str) -> str:
    """Text with capitalised words and numbers blanked: what a slot template leaves."""
    return re.sub(r"\b(?:[A-Z][\w’'-]*|\d[\d.,]*)\b", "X", text)


def agreement(statements=None, folder: Path = AGREEMENT_DIR) -> dict | None:
    """Cohen's kappa per field between the two blind readings of the agreement sample.

    ``first_pass.jsonl`` froze the corpus labels of the sampled statements at
    the time of the study, and ``second_pass_*.jsonl`` hold the second reader's;
    later adjudication (``adjudication.jsonl``) corrects the corpus but not
    these, so the kappa stays the agreement of two independent readers.
    """
    folder = Path(folder)
    first_file = folder / "first_pass.jsonl"
    files = sorted(folder.glob("second_pass_*.jsonl"))
    if not files or not first_file.exists():
        return None

    def read(path):
        lines = path.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    first = {r["id"]: r for r in read(first_file)}
    second = [r for path in files for r in read(path)]
    pairs = [(first[r["id"]], r) for r in second if r["id"] in first]
    if not pairs:
        return {"n": 0, "unmatched": len(second)}
    result = {"n": len(pairs), "unmatched": len(second) - len(pairs)}
    for field in ("actor", "stance", "sentiment"):
        a = [p[field] for p, _ in pairs]
        b = [r[field] for _, r in pairs]
        result[field] = {
            "kappa": round(float(cohen_kappa_score(a, b)), 3),
            "agreement": round(sum(x == y for x, y in zip(a, b)) / len(pairs), 3),
        }
    adjudicated = folder / "adjudication.jsonl"
    if adjudicated.exists():
        decisions = read(adjudicated)
        result["adjudicated"] = {
            "disagreements": len(decisions),
            "corpus_labels_changed": sum(
                1 for d in decisions for f, v in d["decision"].items() if d["first"][f] != v
            ),
        }
    if statements is not None:
        texts = {s.text for s in statements}
        result["sample_in_corpus"] = sum(r["text"] in texts for _, r in pairs)
    return result


def corpus_stats(statements) -> dict:
    """Every figure the data card reports."""
    n = len(statements)
    actor_counts = Counter(s.actor for s in statements)
    top = actor_counts.most_common()
    non_none = [(code, c) for code, c in top if code != "NONE"]
    docs = documents(statements)
    texts = [s.text for s in statements]
    near = near_duplicate_pairs(texts)
    templated = near_duplicate_pairs([masked_skeleton(t) for t in texts])
    split = Counter(s.split or "train" for s in statements)
    return {
        "statements": n,
        "documents": len(docs),
        "document_statements": sum(len(d) for d in docs.values()),
        "document_lengths": dict(sorted(Counter(len(d) for d in docs.values()).items())),
        "theatres": len({s.theatre for s in statements}),
        "stance": {k: actor_share(statements, "stance", k) for k in STANCE_LABELS},
        "sentiment": {k: actor_share(statements, "sentiment", k) for k in SENTIMENT_LABELS},
        "actor_codes": len(actor_counts),
        "top_actors": non_none[:25],
        "twenty_fifth_actor_count": non_none[24][1] if len(non_none) >= 25 else 0,
        "no_actor_share": round(actor_counts.get("NONE", 0) / n, 4),
        "near_duplicate_pairs": len(near),
        "near_duplicate_rate": round(len({i for pair in near for i in pair[:2]}) / n, 4),
        "template_like_rate": round(len({i for pair in templated for i in pair[:2]}) / n, 4),
        "split": dict(split),
        "test_share": round(split.get("test", 0) / n, 4),
        "test_theatres": sorted({s.theatre for s in statements if s.split == "test"}),
        "agreement": agreement(statements),
    }


def actor_share(statements, field, label) -> dict:
    count = sum(getattr(s, field) == label for s in statements)
    return {"count": count, "share": round(count / len(statements), 4)}


def render_card_tables(stats: dict) -> str:
    """Markdown tables for the generated part of the data card."""
    lines = [START, "", "| figure | value |", "|---|---|"]
    lines += [
        f"| statements | {stats['statements']} |",
        f"| documents | {stats['documents']} ({stats['document_statements']} statements) |",
        f"| theatres | {stats['theatres']} |",
        f"| distinct actor codes | {stats['actor_codes']} |",
        f"| statements of the 25th most frequent actor | {stats['twenty_fifth_actor_count']} |",
        f"| actor `NONE` | {stats['no_actor_share']:.1%} |",
        f"| near-duplicate statements (word-trigram Jaccard >= {NEAR_DUPLICATE}) | "
        f"{stats['near_duplicate_rate']:.2%} ({stats['near_duplicate_pairs']} pairs) |",
        f"| template-like statements (same text with names and numbers blanked) | "
        f"{stats['template_like_rate']:.2%} |",
        f"| split | train {stats['split'].get('train', 0)}, test {stats['split'].get('test', 0)} "
        f"({stats['test_share']:.1%}) |",
        "",
        "| stance | statements | share |",
        "|---|---|---|",
    ]
    lines += [f"| {k} | {v['count']} | {v['share']:.1%} |" for k, v in stats["stance"].items()]
    lines += ["", "| sentiment | statements | share |", "|---|---|---|"]
    lines += [f"| {k} | {v['count']} | {v['share']:.1%} |" for k, v in stats["sentiment"].items()]
    lines += ["", "| most frequent actors | statements |", "|---|---|"]
    lines += [f"| {code} | {count} |" for code, count in stats["top_actors"]]
    lines += ["", f"Test theatres: {', '.join(stats['test_theatres'])}.", ""]
    if stats["agreement"]:
        a = stats["agreement"]
        lines += [
            f"Blind second labeling of {a['n']} statements (agreement of the two independent "
            "readings, before adjudication):",
            "",
            "| field | Cohen's kappa | raw agreement |",
            "|---|---|---|",
        ]
        lines += [
            f"| {f} | {a[f]['kappa']:.3f} | {a[f]['agreement']:.1%} |"
            for f in ("actor", "stance", "sentiment")
        ]
        lines.append("")
        if "adjudicated" in a:
            lines += [
                f"The {a['adjudicated']['disagreements']} disagreeing statements were "
                f"adjudicated against the guide; {a['adjudicated']['corpus_labels_changed']} "
                "corpus labels changed as a result.",
                "",
            ]
    lines.append(END)
    return "\n".join(lines)


def update_card(stats: dict, card: Path = CARD) -> None:
    text = card.read_text(encoding="utf-8")
    start, end = text.index(START), text.index(END) + len(END)
    write_atomic(card, text[:start] + render_card_tables(stats) + text[end:])


def main(argv=None) -> int:
    argv = argv if argv is not None else sys.argv[1:]
    command = argv[0] if argv else "stats"
    if command == "split":
        print(json.dumps(write_split(), indent=2))
        return 0
    statements = read_statements(default_corpus_files(), load_actor_list(default_actor_file()))
    stats = corpus_stats(statements)
    if command == "card":
        update_card(stats)
    print(json.dumps(stats, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
