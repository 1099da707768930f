"""Command line entry point: a thin shell over the library (the commands are in recoupe.commands).

Exit codes: 0 all inputs used; 1 some inputs failed (the dossier is still written) or the command failed;
2 usage errors. No Python traceback unless --debug is given.

`recoupe timex` skips the typer import: scorers start it once per document, so its start-up time matters.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Console entry point: clean one-line errors unless --debug."""
    args = sys.argv[1:]
    if args[:1] == ["timex"] and not {"-h", "--help"} & set(args):
        from .nlp.timex import cli_main

        try:
            sys.exit(cli_main(args[1:]))
        except BrokenPipeError:  # output piped into `head` and closed: not an error
            sys.stderr.close()
            sys.exit(0)
    from .commands import app

    try:
        rc = app(args=args, standalone_mode=False, prog_name="recoupe")
        sys.exit(rc if isinstance(rc, int) else 0)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
    except KeyboardInterrupt:
        print("recoupe: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as e:
        if hasattr(e, "show") and isinstance(getattr(e, "exit_code", None), int):  # a (vendored) click error
            e.show()
            sys.exit(e.exit_code)
        if type(e).__name__ == "Abort":
            print("recoupe: interrupted", file=sys.stderr)
            sys.exit(130)
        if "--debug" in args:
            raise
        print(f"recoupe: error: {type(e).__name__}: {e} (run with --debug for details)", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
