"""The typer commands of the command line (entry point: recoupe.cli.main).

Exit codes: 0 all inputs used; 1 some inputs failed (the dossier is still written) or the command failed;
2 usage errors. No Python traceback unless --debug is given.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Recoupe: turn a folder of raw news articles into a sourced story dossier.",
    pretty_exceptions_enable=False,
)

_DEBUG = {"on": False}


@app.callback()
def _main(debug: Annotated[bool, typer.Option("--debug", help="Show Python tracebacks on errors.")] = False) -> None:
    _DEBUG["on"] = debug


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"recoupe: error: {message}", err=True)
    raise typer.Exit(code)


@app.command()
def build(
    inputs: Annotated[list[Path], typer.Argument(help="Files or directories: .txt, .html, .jsonl, .warc(.gz), .gz.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Output directory (created; its files are replaced).")],
    workers: Annotated[int, typer.Option(help="Worker processes for the per-article step.")] = 1,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="No progress bar, no summary line.")] = False,
) -> None:
    """Build DIR/dossier.json and DIR/recoupe.sqlite from INPUTS.

    Examples:

      recoupe build examples/ -o out/

      recoupe build a.html b.txt articles.jsonl crawl.warc.gz -o out/
    """
    from .build import build as run_build
    from .settings import Settings

    for p in inputs:
        if not p.exists() and not p.is_symlink():
            typer.echo(f"recoupe: warning: {p}: no such file or directory (recorded as an error)", err=True)
    report = run_build(inputs, out, Settings(workers=workers), progress=not quiet)
    for e in report.dossier.errors:
        typer.echo(f"recoupe: {e.source}: {e.code}: {e.message}", err=True)
    if not quiet:
        typer.echo(report.summary(), err=True)
    raise typer.Exit(1 if report.failed else 0)


@app.command()
def timex(
    file: Annotated[str, typer.Argument(help="Text file, or - for standard input.")] = "-",
    dct: Annotated[str | None, typer.Option(help="Reference (publication) date, YYYY-MM-DD.")] = None,
    lang: Annotated[str, typer.Option(help="Language of the text.")] = "fr",
) -> None:
    """Print the date expressions of a text, one JSON object per line (offsets into the text).

    Example: recoupe timex --dct 2023-08-31 article.txt
    """
    from .nlp.timex import cli_main

    argv = [file] + (["--dct", dct] if dct else []) + ["--lang", lang]
    raise typer.Exit(cli_main(argv))


def _actors(out: Path, name: str) -> tuple[Any, list[dict[str, Any]]]:
    """The store of a build in `out` (usage error when missing) and the actors named `name` (error when none)."""
    from .build import STORE_NAME
    from .store.sqlite import Store

    db = out / STORE_NAME
    if not db.exists():
        _fail(f"{db}: no store here; run `recoupe build ... -o {out}` first", 2)
    store = Store(db)
    found = store.find_entities(name)
    if not found:
        store.close()
        _fail(f"no actor named {name!r} in {db}")
    return store, found


@app.command("explain-entity")
def explain_entity(
    name: Annotated[str, typer.Argument(help="A name or alias, e.g. as printed in an article.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="The build's output directory.")] = Path("out"),
) -> None:
    """Say why the aliases of an actor were merged (from the store of a build).

    Example: recoupe explain-entity "Kyiv" -o out/
    """
    from .model import Entity
    from .resolve.names import explain

    store, found = _actors(out, name)
    store.close()
    for e in found:
        typer.echo(explain(Entity.from_dict(e)))
        typer.echo("")


@app.command()
def quotes(
    name: Annotated[str, typer.Argument(help="Speaker name or alias.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="The build's output directory.")] = Path("out"),
) -> None:
    """List a speaker's quotes (from the store of a build), one JSON object per line.

    Example: recoupe quotes "Nino Beridze" -o out/
    """
    store, found = _actors(out, name)
    with store:
        for e in found:
            for q in store.quotes_by(e["id"]):
                row = {"speaker": e["name"], "kind": q["kind"], "text": q["text"], "article": q["article"]}
                typer.echo(json.dumps(row, ensure_ascii=False))


@app.command()
def validate(dossier: Annotated[Path, typer.Argument(help="A dossier.json file.")]) -> None:
    """Check a dossier.json against the contract (schema, span texts, id references)."""
    from .outputs.dossier import validation_errors

    try:
        data = json.loads(dossier.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        _fail(f"{dossier}: {e}")
    errs = validation_errors(data)
    for e in errs:
        typer.echo(e)
    typer.echo(f"{dossier}: {'valid' if not errs else f'{len(errs)} problem(s)'}", err=True)
    raise typer.Exit(1 if errs else 0)


@app.command()
def bench(
    out: Annotated[Path, typer.Option("-o", "--out", help="Results file (JSON).")] = Path("benchmarks/results/bench.json"),
    pages: Annotated[Path | None, typer.Option(help="Folder of scraped pages (default: examples/).")] = None,
) -> None:
    """Measure throughput of cleaning and of the whole build; write the figures to a file."""
    from .bench import run_bench

    results = run_bench(out, pages)
    typer.echo(json.dumps(results, indent=1, ensure_ascii=False))
