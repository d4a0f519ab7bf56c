"""Published model versions: where they live and how they are loaded safely.

A model directory holds ``versions/<version>/`` folders and a ``CURRENT``
file naming the version in service. Each version folder holds
``model.joblib``, ``actors.csv`` and ``manifest.json``; the manifest records
the SHA-256 of every file, and loading checks them *before* ``joblib.load``
(a joblib file can run code), then refuses a version written under another
scikit-learn version.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import platform
from pathlib import Path

MODEL_FILE = "model.joblib"
ACTORS_FILE = "actors.csv"
MANIFEST_FILE = "manifest.json"
CURRENT_FILE = "CURRENT"
VERSIONS_DIR = "versions"
FORMAT = 1
ENV_MODEL_DIR = "STANCE_MODEL_DIR"


class ModelLoadError(RuntimeError):
    """A model version is missing, damaged, tampered with or incompatible."""


def default_model_dir() -> Path:
    """``$STANCE_MODEL_DIR``, else ``$XDG_DATA_HOME/stance/models`` (~/.local/share/...)."""
    configured = os.environ.get(ENV_MODEL_DIR)
    if configured:
        return Path(configured)
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "stance" / "models"


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def library_versions() -> dict[str, str]:
    """Versions of the libraries a model's files depend on."""
    import joblib
    import nltk
    import numpy
    import scipy
    import sklearn

    return {
        "python": platform.python_version(),
        "scikit-learn": sklearn.__version__,
        "numpy": numpy.__version__,
        "scipy": scipy.__version__,
        "joblib": joblib.__version__,
        "nltk": nltk.__version__,
    }


def current_version(model_dir: Path) -> str | None:
    """The version named by ``CURRENT``, or None when nothing is published."""
    try:
        name = (Path(model_dir) / CURRENT_FILE).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelLoadError(f"{Path(model_dir) / CURRENT_FILE}: unreadable ({exc})") from None
    return name or None


def version_dir(model_dir: Path, version: str) -> Path:
    if not version or "/" in version or version.startswith("."):
        raise ModelLoadError(f"invalid model version name {version!r}")
    return Path(model_dir) / VERSIONS_DIR / version


def read_manifest(path: Path) -> dict:
    try:
        manifest = json.loads((path / MANIFEST_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelLoadError(f"{path}: no {MANIFEST_FILE}; retrain with `stance train`") from None
    except (json.JSONDecodeError, UnicodeDecodeError, OSError) as exc:
        raise ModelLoadError(f"{path / MANIFEST_FILE}: unreadable manifest ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ModelLoadError(f"{path / MANIFEST_FILE}: unknown manifest format; retrain")
    return manifest


def _verified_files(path: Path, manifest: dict) -> dict[str, bytes]:
    """Read each file the manifest lists once, and check its SHA-256 in memory.

    The bytes that were checked are the bytes that get parsed: nothing is
    re-read from disk between the check and the load.
    """
    files = manifest.get("files")
    if not isinstance(files, dict) or not all(isinstance(v, str) for v in files.values()):
        raise ModelLoadError(f"{path / MANIFEST_FILE}: malformed file list; retrain")
    for required in (MODEL_FILE, ACTORS_FILE):
        if required not in files:
            raise ModelLoadError(f"{path}: manifest lists no {required}; retrain")
    contents = {}
    for name, expected in files.items():
        if Path(name).name != name or name in (".", ".."):
            raise ModelLoadError(f"{path}: manifest names a file outside the version: {name!r}")
        file = path / name
        try:
            data = file.read_bytes()
        except FileNotFoundError:
            raise ModelLoadError(f"{file}: missing; retrain with `stance train`") from None
        except OSError as exc:
            raise ModelLoadError(f"{file}: cannot read ({exc.strerror})") from None
        if hashlib.sha256(data).hexdigest() != expected:
            raise ModelLoadError(
                f"{file}: SHA-256 does not match the manifest (damaged or altered); "
                "refusing to load it, retrain with `stance train`"
            )
        contents[name] = data
    return contents


def _check_environment(path: Path, manifest: dict) -> None:
    import sklearn

    trained_with = (manifest.get("environment") or {}).get("scikit-learn")
    if trained_with != sklearn.__version__:
        raise ModelLoadError(
            f"{path}: trained with scikit-learn {trained_with}, this environment has "
            f"{sklearn.__version__}; retrain with `stance train`"
        )


def verify_version(path: Path) -> dict:
    """Check a version folder against its manifest and this environment.

    The manifest guards against damage and accidental change, not against
    someone who can rewrite both a file and the manifest: keep the model
    directory writable only by the operator.

    Returns
    -------
    dict
        The manifest.

    Raises
    ------
    ModelLoadError
        A file is missing or its SHA-256 differs from the manifest, or the
        version was written under another scikit-learn version.
    """
    manifest = read_manifest(path)
    _verified_files(path, manifest)
    _check_environment(path, manifest)
    return manifest


def load_version(model_dir: Path, version: str | None = None):
    """Verify and load a published version (the current one by default).

    Returns
    -------
    (Analyzer, dict)
        The analyzer and the version's manifest.
    """
    import joblib

    from model.actors import ActorListError, parse_actor_list
    from model.analyzer import Analyzer

    model_dir = Path(model_dir)
    version = version or current_version(model_dir)
    if version is None:
        raise ModelLoadError(f"{model_dir}: no model published yet; run `stance train`")
    path = version_dir(model_dir, version)
    if not path.is_dir():
        raise ModelLoadError(f"{path}: version {version} named by {CURRENT_FILE} does not exist")
    manifest = read_manifest(path)
    if manifest.get("version") != version or not isinstance(manifest.get("labels"), dict):
        raise ModelLoadError(
            f"{path / MANIFEST_FILE}: does not describe version {version}; retrain"
        )
    contents = _verified_files(path, manifest)
    _check_environment(path, manifest)
    try:
        actors = parse_actor_list(contents[ACTORS_FILE], path / ACTORS_FILE)
    except ActorListError as exc:
        raise ModelLoadError(str(exc)) from None
    try:
        parts = joblib.load(io.BytesIO(contents[MODEL_FILE]))
        analyzer = Analyzer(
            actors,
            parts["resolver"],
            parts["stance"],
            parts["sentiment"],
            parts.get("general_sentiment"),
        )
    except Exception as exc:  # a verified file from other code: say what to do, not a traceback
        raise ModelLoadError(
            f"{path / MODEL_FILE}: cannot be loaded by this version of stance "
            f"({type(exc).__name__}: {exc}); retrain with `stance train`"
        ) from None
    return analyzer, manifest
