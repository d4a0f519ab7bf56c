"""The `stance` command line: a thin layer over `training` and `model`."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from model.actors import ActorListError
from model.artifact import ModelLoadError, default_model_dir, load_version
from model.cues import LexiconError
from model.documents import InputError, read_documents, statement_rows

EXIT_BAD_INPUT = 2


def _model_dir(args) -> Path:
    return Path(args.model_dir) if args.model_dir else default_model_dir()


def cmd_train(args) -> int:
    """Train every model on labeled data and publish it as the current version."""
    from training.corpus import default_corpus_files
    from training.run import train_and_publish

    data = list(args.data or [])
    if args.include_feedback:
        feedback = _model_dir(args) / "feedback.jsonl"
        if not feedback.is_file():
            raise InputError(f"{feedback}: no corrections recorded yet (POST /v1/feedback)")
        data = (data or [str(p) for p in default_corpus_files()]) + [str(feedback)]
    outcome = train_and_publish(
        _model_dir(args),
        data or None,
        args.actors,
        sentiment_data=[] if args.no_sentiment_data else args.sentiment_data,
        lexicon=args.lexicon,
        search=not args.no_search,
        progress=not args.quiet,
        random_state=args.random_state,
    )
    print(
        f"published version {outcome.version} to {_model_dir(args)} "
        f"({outcome.train_size} training statements, {outcome.seconds:.1f} s)"
    )
    if outcome.metrics:
        m = outcome.metrics
        print(
            f"test split ({outcome.test_size} statements): stance macro-F1 "
            f"{m['stance_macro_f1']:.3f}, actor accuracy {m['actor_accuracy']:.3f}, "
            f"sentiment macro-F1 {m['sentiment_macro_f1']:.3f}"
        )
    return 0


def cmd_evaluate(args) -> int:
    """Score the current model on labeled data and write a metrics report."""
    from training.run import evaluate_current

    report = evaluate_current(
        _model_dir(args),
        args.data or None,
        benchmark=args.benchmark,
        json_path=args.json,
        html_path=args.html,
    )
    s = report["metrics"]["summary"]
    m = report["metrics"]
    print(f"model {report['model']['version']} on {report['data']} ({s['statements']} statements)")
    print(
        f"  stance     macro-F1 {s['stance_macro_f1']:.3f}  (majority baseline "
        f"{m['stance']['baseline_majority']['macro_f1']:.3f}; ECE {s['stance_ece']:.3f})"
    )
    print(
        f"  actor      accuracy {s['actor_accuracy']:.3f}  (first-mention baseline "
        f"{m['actor']['baseline_first_mention']['accuracy']:.3f})"
    )
    print(
        f"  sentiment  macro-F1 {s['sentiment_macro_f1']:.3f}  (VADER alone "
        f"{m['sentiment']['baseline_vader']['macro_f1']:.3f})"
    )
    for name, bench in (report.get("benchmarks") or {}).items():
        if "missing" in bench:
            print(f"  benchmark {name}: not found ({bench['missing']})")
            continue
        baseline = bench.get("baseline_vader", {}).get(
            "macro_f1", bench.get("baseline_always_escalatory_macro_f1")
        )
        print(
            f"  benchmark {name}: macro-F1 {bench['macro_f1']:.3f} on {bench['n']} sentences "
            f"(baseline {baseline:.3f})"
        )
    for path in (args.json, args.html):
        if path:
            print(f"wrote {path}")
    return 0


def cmd_predict(args) -> int:
    """Analyse text from the argument, a file or standard input; JSON Lines out."""
    if args.text is not None and args.input:
        raise InputError("give TEXT or --input, not both")
    if args.input and not Path(args.input).is_file():
        raise InputError(f"{args.input}: no such file")
    if args.input and args.output and Path(args.input).resolve() == Path(args.output).resolve():
        raise InputError(f"{args.output}: the output file would overwrite the input")
    analyzer, _ = load_version(_model_dir(args))
    if args.text is not None:
        documents = [("arg", args.text)]
    elif args.input:
        documents = read_documents(Path(args.input))
    else:
        documents = [("stdin", sys.stdin.read())]

    def write_rows(out):
        for doc_id, text in documents:
            for row in statement_rows(doc_id, analyzer.analyze(text, explain=args.explain)):
                out.write(json.dumps(row, ensure_ascii=False) + "\n")

    if args.output:
        # All or nothing: results go to a temporary file that replaces --output on success.
        write_file_atomically(Path(args.output), write_rows)
    else:
        write_rows(sys.stdout)
    return 0


def cmd_serve(args) -> int:
    """Serve the REST API with gunicorn; train the default model first if there is none."""
    from model.artifact import current_version
    from service.server import prepare_metrics_dir, serve

    # Before the service (and prometheus_client) is imported: metrics shared by workers.
    metrics_dir = prepare_metrics_dir()
    from service import create_app

    model_dir = _model_dir(args)
    if current_version(model_dir) is None:
        from training.run import train_and_publish

        print(
            f"no model in {model_dir}: training the default model on the bundled corpus "
            "(about a minute) ...",
            file=sys.stderr,
            flush=True,
        )
        outcome = train_and_publish(model_dir, progress=False)
        print(f"published version {outcome.version}", file=sys.stderr, flush=True)
    app = create_app({"MODEL_DIR": str(model_dir)})
    if not app.extensions["stance"].ready:
        raise ModelLoadError(app.extensions["stance"].error)
    try:
        serve(app, host=args.host, port=args.port, workers=args.workers)
    finally:
        import shutil

        shutil.rmtree(metrics_dir, ignore_errors=True)
    return 0


def write_file_atomically(path: Path, write) -> None:
    """Call ``write(handle)`` on a temporary file beside ``path``, then rename it into place."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            write(handle)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stance",
        description="Actor, stance and sentiment of statements in news about interstate tension.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    def model_dir_option(p):
        p.add_argument(
            "--model-dir",
            help="model directory (default: $STANCE_MODEL_DIR, else ~/.local/share/stance/models)",
        )

    train = commands.add_parser("train", help=cmd_train.__doc__, description=cmd_train.__doc__)
    train.add_argument(
        "--data",
        action="append",
        metavar="PATH",
        help="labeled .jsonl/.csv/.tsv file or folder (repeatable; default: bundled corpus)",
    )
    train.add_argument("--actors", metavar="PATH", help="actor list CSV (default: bundled)")
    train.add_argument(
        "--sentiment-data",
        action="append",
        metavar="PATH",
        help="sentiment-only sentences, .jsonl with text and sentiment (repeatable; "
        "default: the bundled set)",
    )
    train.add_argument(
        "--lexicon", metavar="PATH", help="move lexicon CSV, cue,stance (default: bundled)"
    )
    train.add_argument(
        "--no-sentiment-data", action="store_true", help="train sentiment on --data alone"
    )
    model_dir_option(train)
    train.add_argument(
        "--no-search", action="store_true", help="skip the cross-validated hyperparameter search"
    )
    train.add_argument(
        "--include-feedback",
        action="store_true",
        help="also learn from the corrections stored in the model directory (feedback.jsonl)",
    )
    train.add_argument("--random-state", type=int, default=0)
    train.add_argument("--quiet", action="store_true", help="no progress bar")
    train.set_defaults(func=cmd_train)

    evaluate = commands.add_parser(
        "evaluate", help=cmd_evaluate.__doc__, description=cmd_evaluate.__doc__
    )
    model_dir_option(evaluate)
    evaluate.add_argument(
        "--data",
        action="append",
        metavar="PATH",
        help="labeled data (default: the bundled test split)",
    )
    evaluate.add_argument("--json", metavar="FILE", help="write the full report as JSON")
    evaluate.add_argument("--html", metavar="FILE", help="write a self-contained HTML report")
    evaluate.add_argument(
        "--benchmark",
        metavar="DIR",
        help="also score external benchmark sets in DIR (e.g. ../shared/benchmarks)",
    )
    evaluate.set_defaults(func=cmd_evaluate)

    predict = commands.add_parser(
        "predict", help=cmd_predict.__doc__, description=cmd_predict.__doc__
    )
    model_dir_option(predict)
    predict.add_argument("text", nargs="?", help="a document to analyse")
    predict.add_argument(
        "--input",
        metavar="FILE",
        help=".jsonl ({'id','text'} per line) or text file, one document per line",
    )
    predict.add_argument("--output", metavar="FILE", help="write JSON Lines here (default: stdout)")
    predict.add_argument(
        "--explain", action="store_true", help="add the words that pushed each stance decision most"
    )
    predict.set_defaults(func=cmd_predict)

    serve = commands.add_parser("serve", help=cmd_serve.__doc__, description=cmd_serve.__doc__)
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument(
        "--workers", type=int, default=None, help="worker processes (default: one per CPU core)"
    )
    model_dir_option(serve)
    serve.set_defaults(func=cmd_serve)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    from training.corpus import CorpusError
    from training.publish import PublishError

    def fail(message: str, code: int) -> int:
        print(f"stance {args.command}: {message}", file=sys.stderr)
        return code

    try:
        return args.func(args)
    except (CorpusError, ActorListError, InputError, LexiconError) as exc:
        return fail(str(exc), EXIT_BAD_INPUT)
    except (ModelLoadError, PublishError) as exc:
        return fail(str(exc), 1)
    except UnicodeError as exc:
        return fail(
            f"text that is not valid UTF-8 ({exc.reason}); save it as UTF-8", EXIT_BAD_INPUT
        )
    except BrokenPipeError:
        # The reader went away (`stance predict ... | head`): nothing left to say.
        sys.stderr.close()
        return 0
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        return fail(f"{where}{exc.strerror or exc}", 1)
    except KeyboardInterrupt:
        return fail("interrupted", 130)
    except Exception as exc:  # last resort: one line, never a traceback
        return fail(f"internal error ({type(exc).__name__}: {exc}); please report it", 1)


if __name__ == "__main__":
    sys.exit(main())
