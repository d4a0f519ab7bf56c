"""A self-contained HTML evaluation report, plots embedded as PNG data URIs."""

from __future__ import annotations

import base64
import html
import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

STYLE = """
body{font:15px/1.45 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{margin-top:1.8em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.6em 0}
td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}
th{background:#f3f3f3}td.l,th.l{text-align:left}.plots img{max-width:48%;margin-right:1%}
.good{color:#17631c}.bad{color:#a01010}.muted{color:#666}
"""


def _png(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def confusion_plot(confusion: dict, title: str) -> str:
    labels, matrix = confusion["labels"], confusion["matrix"]
    fig, ax = plt.subplots(figsize=(4.6, 4.0))
    ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(labels)), labels, rotation=35, ha="right")
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    ax.set_title(title)
    peak = max(max(row) for row in matrix) or 1
    for i, row in enumerate(matrix):
        for j, value in enumerate(row):
            ax.text(
                j,
                i,
                str(value),
                ha="center",
                va="center",
                color="white" if value > peak / 2 else "black",
            )
    return _png(fig)


def reliability_plot(calibration: dict, title: str) -> str:
    fig, ax = plt.subplots(figsize=(4.6, 4.0))
    ax.plot([0, 1], [0, 1], linestyle="--", color="#999", label="perfect calibration")
    bins = calibration["bins"]
    ax.plot(
        [b["confidence"] for b in bins],
        [b["accuracy"] for b in bins],
        marker="o",
        label=f"model (ECE {calibration['ece']:.3f})",
    )
    ax.set_xlabel("confidence of the predicted label")
    ax.set_ylabel("accuracy")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_title(title)
    ax.legend(loc="upper left")
    return _png(fig)


def _img(alt: str, src: str) -> str:
    return f"<img alt='{_e(alt)}' src='{src}'>"


def _e(value) -> str:
    return html.escape(str(value))


def _table(headers, rows) -> str:
    head = "".join(
        f"<th class='l'>{_e(h)}</th>" if i == 0 else f"<th>{_e(h)}</th>"
        for i, h in enumerate(headers)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td class='l'>{_e(c)}</td>" if i == 0 else f"<td>{_e(c)}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def _per_class(section: dict) -> str:
    return _table(
        ["label", "precision", "recall", "F1", "support"],
        [
            [k, v["precision"], v["recall"], v["f1"], v["support"]]
            for k, v in section["per_class"].items()
        ],
    )


def render_report(report: dict) -> str:
    """Return the HTML of an evaluation report produced by ``stance evaluate``."""
    m = report["metrics"]
    s = m["summary"]
    parts = [
        f"<!doctype html><html lang='en'><meta charset='utf-8'>"
        f"<title>stance evaluation {_e(report['model']['version'])}</title><style>{STYLE}</style>",
        f"<h1>Evaluation of model {_e(report['model']['version'])}</h1>",
        f"<p class='muted'>Data: {_e(report['data'])}. Trained at "
        f"{_e(report['model'].get('trained_at'))}. {s['statements']} statements.</p>",
    ]
    headline = [
        [
            "stance macro-F1",
            s["stance_macro_f1"],
            m["stance"]["baseline_majority"]["macro_f1"],
            "majority class",
        ],
        [
            "actor accuracy",
            s["actor_accuracy"],
            m["actor"]["baseline_first_mention"]["accuracy"],
            "first actor named",
        ],
        [
            "sentiment macro-F1",
            s["sentiment_macro_f1"],
            m["sentiment"]["baseline_vader"]["macro_f1"],
            "VADER alone",
        ],
        ["stance ECE (lower is better)", s["stance_ece"], "", ""],
    ]
    parts.append(
        "<h2>Summary</h2>" + _table(["figure", "model", "baseline", "baseline is"], headline)
    )
    change = report.get("change")
    if change:
        parts.append(
            "<h3>Against the previous version</h3>"
            + _table(
                ["figure", "previous", "this version", "change"],
                [[k, v["previous"], v["current"], v["change"]] for k, v in change.items()],
            )
        )
    parts.append("<h2>Stance</h2>" + _per_class(m["stance"]))
    stance_confusion = confusion_plot(m["stance"]["confusion"], "Stance: confusion")
    stance_reliability = reliability_plot(m["stance"]["calibration"], "Stance: reliability")
    parts.append(
        "<div class='plots'>"
        + _img("stance confusion matrix", stance_confusion)
        + _img("stance reliability plot", stance_reliability)
        + "</div>"
    )
    a = m["actor"]
    rows = [
        ["all", a["n"], a["accuracy"]],
        ["in documents (context)", a["in_documents"]["n"], a["in_documents"]["accuracy"]],
    ]
    for key in ("seen", "unseen"):
        if key in a:
            rows.append([f"actors {key} in training", a[key]["n"], a[key]["accuracy"]])
    parts.append("<h2>Actor</h2>" + _table(["statements", "n", "accuracy"], rows))
    parts.append(
        f"<p>No-actor detection: precision {a['no_actor']['precision']}, recall "
        f"{a['no_actor']['recall']} ({a['no_actor']['support']} statements).</p>"
    )
    parts.append("<h2>Sentiment</h2>" + _per_class(m["sentiment"]))
    parts.append(
        _img(
            "sentiment confusion matrix",
            confusion_plot(m["sentiment"]["confusion"], "Sentiment: confusion"),
        )
    )
    bench = report.get("benchmarks")
    if bench:
        rows = []
        cameo = bench.get("cameo", {})
        if "macro_f1" in cameo:
            rows.append(
                [
                    "CAMEO stance (3 classes folded)",
                    cameo["n"],
                    cameo["macro_f1"],
                    cameo["baseline_always_escalatory_macro_f1"],
                    "always escalatory",
                ]
            )
        nyt = bench.get("nyt", {})
        if "macro_f1" in nyt:
            rows.append(
                [
                    "NYT sentiment",
                    nyt["n"],
                    nyt["macro_f1"],
                    nyt["baseline_vader"]["macro_f1"],
                    "VADER alone",
                ]
            )
        parts.append(
            "<h2>External benchmarks (text nobody here wrote)</h2>"
            + _table(["set", "n", "macro-F1", "baseline", "baseline is"], rows)
        )
    parts.append(
        "<h2>Most confident errors</h2>"
        + _table(
            ["text", "wrong", "gold", "predicted", "confidence"],
            [
                [
                    e["text"],
                    ", ".join(e["wrong"]),
                    " / ".join(e["gold"].values()),
                    " / ".join(e["predicted"].values()),
                    e["confidence"],
                ]
                for e in m["worst_errors"]
            ],
        )
    )
    parts.append("</html>")
    return "\n".join(parts)
