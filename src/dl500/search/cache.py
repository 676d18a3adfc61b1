"""Which index belongs to the current content, where indexes live, and keeping it built.

An index is named by a hash of the content files (chapter YAML and question Markdown),
the tokenizer's data files and the index version, so any edit, and any change to the
term list or synonym table, selects a new index; reverting an edit finds the old one.

Reading and hashing every file costs milliseconds that a cold `dl500 ask` cannot spare,
so the hash is remembered together with the files' sizes and modification times (as git
does for its index) and recomputed only when one of those changed.
"""

from __future__ import annotations

import json
import os
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from dl500.search.tokenize import DATA_DIR

if TYPE_CHECKING:
    from dl500.bank.schema import Bank

INDEX_VERSION = "8"
KEEP_INDEXES = 3
TEXTS = "texts.bin"
"""The file of each question's plain text, for snippets (see `dl500.search.index`)."""
_DATA_FILES = ("terms.txt", "synonyms.txt")
_KEYS_FILE = "keys.json"


def index_home() -> Path:
    """Return where indexes live: $DL500_INDEX_DIR, else the user cache dir."""
    override = os.environ.get("DL500_INDEX_DIR")
    if override:
        return Path(override)
    if sys.platform.startswith("linux"):  # the XDG rule directly: importing platformdirs
        base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")  # costs ~7 ms
        return Path(base) / "dl500" / "search"
    import platformdirs

    return Path(platformdirs.user_cache_dir("dl500")) / "search"


def content_files(content_root: Path) -> list[Path]:
    """Return the files the index depends on: chapter YAML and question Markdown."""
    files: list[Path] = []
    if not content_root.is_dir():
        return files
    with os.scandir(content_root) as chapters:
        folders = sorted(e.path for e in chapters if e.is_dir() and e.name[:2].isdigit())
    for folder in folders:
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries if e.name.endswith((".md", ".yaml")))
        files.extend(Path(folder, name) for name in names)
    return files


def content_key(content_root: Path, files: list[Path] | None = None) -> str:
    """Hash the content files, the tokenizer data and the index version into a folder name."""
    import hashlib  # only when something changed: its OpenSSL binding takes ~2 ms to load

    digest = hashlib.blake2b(INDEX_VERSION.encode(), digest_size=12)
    for name in _DATA_FILES:
        digest.update((DATA_DIR / name).read_bytes())
    for path in content_files(content_root) if files is None else files:
        digest.update(path.relative_to(content_root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def current_key(content_root: Path, home: Path) -> str:
    """Return `content_key`, from the remembered value when no file's size or time changed."""
    files = content_files(content_root)
    paths = [*files, *(DATA_DIR / n for n in _DATA_FILES)]
    listing = "\0".join(f"{p}\0{(st := os.stat(p)).st_size}\0{st.st_mtime_ns}" for p in paths)
    raw = f"{INDEX_VERSION}\0{listing}".encode()
    signature = f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}{len(raw):x}"
    root = str(content_root.resolve())
    remembered = _read_keys(home)
    if remembered.get(root, [None])[0] == signature:
        return str(remembered[root][1])
    key = content_key(content_root, files)
    remembered[root] = [signature, key]
    _write_keys(home, remembered)
    return key


def _read_keys(home: Path) -> dict[str, list[str]]:
    try:
        data = json.loads((home / _KEYS_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_keys(home: Path, keys: dict[str, list[str]]) -> None:
    """Save atomically (a reader never sees half a file); failing to save only costs speed."""
    try:
        home.mkdir(parents=True, exist_ok=True)
        scratch = home / f"{_KEYS_FILE}.{os.getpid()}"
        scratch.write_text(json.dumps(keys), "utf-8")
        os.replace(scratch, home / _KEYS_FILE)
    except OSError:
        pass


def ensure_index(
    content_root: Path, bank: Bank | None = None, on_build: Callable[[int], None] | None = None
) -> Path:
    """Return the folder of the index for the current content, building it if missing.

    `on_build(number of content files)` is called before a build, so a command can say
    why this run is slower.
    """
    home = index_home()
    target = home / current_key(content_root, home)
    if (target / "meta.json").is_file():
        return target
    if on_build is not None:
        on_build(len(content_files(content_root)))
    import shutil
    import tempfile

    from dl500.search.index import build_index

    if bank is None:
        from dl500.bank.loader import read_bank

        bank, _problems = read_bank(content_root)
    home.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="build-", dir=home))
    try:
        build_index(bank, scratch / "index")
        if target.exists() and not (target / "meta.json").is_file():
            shutil.rmtree(target, ignore_errors=True)  # a broken leftover: meta.json is last
        try:
            os.rename(scratch / "index", target)
        except OSError:
            if not (target / "meta.json").is_file():  # not a lost race: a real failure
                raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    _prune(home, keep=target)
    return target


def _prune(home: Path, keep: Path) -> None:
    """Delete all but the last-used few indexes: each content edit leaves an old one behind.

    Opening an index marks it used (its folder's time), so the index of a running server
    survives edits made meanwhile; a server whose index is deleted anyway keeps working
    (open files stay readable) and only loses typo correction and Chinese word cutting.
    """
    import shutil

    old = sorted(
        (p for p in home.iterdir() if p.is_dir() and p != keep and not p.name.startswith("build-")),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for path in old[KEEP_INDEXES - 1 :]:
        shutil.rmtree(path, ignore_errors=True)
