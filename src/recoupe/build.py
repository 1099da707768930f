"""`recoupe build`: inputs -> ingest -> clean -> analyse (map) -> resolve (reduce) -> dossier.json + SQLite.

The library entry point is `build()`; the CLI is a thin shell over it. Work already done for the same bytes and
the same code is taken from the store, so a rebuild only cleans and analyses what is new.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import RecoupeError
from .ingest import RawDocument, iter_inputs
from .model import Article, Dossier, ErrorRecord, stable_id
from .settings import Settings
from .store.sqlite import Store

DOSSIER_NAME = "dossier.json"
STORE_NAME = "recoupe.sqlite"


@dataclass
class BuildReport:
    out_dir: Path
    dossier: Dossier
    read: int = 0  # input records read (articles + errors)
    cleaned: int = 0  # articles cleaned now (not taken from the store)
    analysed: int = 0  # articles analysed now
    duplicates: int = 0
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return bool(self.dossier.errors)

    def summary(self) -> str:
        d = self.dossier
        reused = len(d.articles) - self.cleaned
        return (
            f"{self.read} inputs read: {len(d.articles)} articles ({self.cleaned} cleaned, {reused} from the store), "
            f"{self.duplicates} duplicates, {len(d.entities)} actors, {len(d.quotes)} quotes, "
            f"{len(d.errors)} errors -> {self.out_dir / DOSSIER_NAME}"
        )


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the package's code and resources: cached work is reused only when produced by the same code."""
    h = hashlib.sha256()
    root = resources.files("recoupe")
    for path in sorted(Path(str(root)).rglob("*")):
        if path.is_file() and path.suffix in {".py", ".json", ".tsv", ".txt"} and "__pycache__" not in path.parts:
            h.update(path.relative_to(Path(str(root))).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def article_id(doc: RawDocument) -> str:
    return stable_id("art", doc.source, hashlib.sha256(doc.data).hexdigest())


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


Progress = Callable[[str, int], Any]  # (stage, total) -> context object with .advance()


def build(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    settings: Settings | None = None,
    progress: bool = False,
    nlp: Any = None,
) -> BuildReport:
    """Build the dossier of `inputs` into `out_dir` (created if needed; dossier.json replaced atomically)."""
    import time

    from . import clean as clean_stage
    from .nlp.analyse import ArticleFacts
    from .outputs.dossier import write_dossier
    from .resolve.dedup import mark_duplicates
    from .run.local import map_analyse

    settings = settings or Settings()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    started = now_iso()
    version = code_fingerprint()
    timings: dict[str, float] = {}
    errors: list[ErrorRecord] = []

    with Store(out / STORE_NAME) as store:
        build_id = store.start_build(started, [str(p) for p in inputs])

        t0 = time.perf_counter()
        docs: list[RawDocument] = []
        for item in _progress(iter_inputs(inputs, settings), progress, "lecture"):
            if isinstance(item, ErrorRecord):
                errors.append(item)
            else:
                docs.append(item)
        timings["ingest"] = time.perf_counter() - t0
        ingest_errors = len(errors)

        t0 = time.perf_counter()
        stats = clean_stage.CorpusStats.from_texts(docs)
        articles: list[Article] = []
        cleaned = 0
        for doc in _progress(docs, progress, "nettoyage"):
            aid = article_id(doc)
            key = f"{version}:{stats.signature(doc)}"
            article = store.get_article(aid, key)
            if article is None:
                try:
                    article = clean_stage.clean_document(doc, stats)
                except RecoupeError as e:
                    errors.append(ErrorRecord(doc.source, e.code, e.message, "clean"))
                    continue
                except Exception as e:  # a bug on one hostile document must not stop the batch
                    errors.append(ErrorRecord(doc.source, "INTERNAL", f"{type(e).__name__}: {e}", "clean"))
                    continue
                store.put_document(article.content_hash or "", doc.data, doc.format, doc.encoding)
                store.put_article(article, key)
                store.commit()
                cleaned += 1
            articles.append(article)
        duplicates = mark_duplicates(articles)
        timings["clean"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        facts_by_id: dict[str, ArticleFacts] = {}
        todo: list[Article] = []
        keys: dict[str, str] = {}
        for article in articles:
            key = f"{version}:{hashlib.sha256(article.text.encode()).hexdigest()[:16]}:{article.published.value}"
            keys[article.id] = key
            cached = store.get_facts(article.id, key)
            if cached is not None:
                facts_by_id[article.id] = ArticleFacts.from_dict(cached)
            else:
                todo.append(article)
        analysed = 0
        results = map_analyse(todo, settings.workers, settings.default_language, settings.max_analysis_chars, nlp)
        for article, status, value in _progress(results, progress, "analyse", total=len(todo)):
            if status == "ok":
                facts_by_id[article.id] = ArticleFacts.from_dict(value)
                store.put_facts(article.id, keys[article.id], value)
                store.commit()
                analysed += 1
            else:  # keep the article; record that its analysis failed
                errors.append(ErrorRecord(article.source, "ANALYSIS", value, "analyse"))
                facts_by_id[article.id] = ArticleFacts(article_id=article.id)
        facts = [facts_by_id[a.id] for a in articles]
        timings["analyse"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        dossier = Dossier(generated_at=now_iso(), articles=articles, errors=errors)
        resolve_facts(dossier, facts)
        timings["resolve"] = time.perf_counter() - t0

        write_dossier(dossier, out / DOSSIER_NAME)
        store.write_dossier(build_id, dossier, now_iso())

    return BuildReport(
        out_dir=out,
        dossier=dossier,
        read=len(docs) + ingest_errors,
        cleaned=cleaned,
        analysed=analysed,
        duplicates=duplicates,
        timings=timings,
    )


def resolve_facts(dossier: Dossier, facts: list[Any]) -> None:
    """The reduce step across articles: actors, speakers, quote matching and conflicts."""
    from .resolve.names import resolve_entities
    from .resolve.quotes import assign_speakers, link_quotes

    entities, _key_map = resolve_entities([f.entities for f in facts])
    quotes = [q for f in facts for q in f.quotes]
    assign_speakers(quotes, entities)
    conflicts = link_quotes(quotes)
    dossier.entities = entities
    dossier.quotes = quotes
    dossier.conflicts = conflicts


def _progress(items: Iterable[Any], enabled: bool, label: str, total: int | None = None) -> Iterable[Any]:
    """A progress bar on a terminal, nothing otherwise (streams: items are not materialised)."""
    if not enabled or not sys.stderr.isatty():
        yield from items
        return
    from rich.progress import track

    yield from track(items, description=label, total=total, transient=True)
