"""Error tree with codes. A RecoupeError for one document becomes an ErrorRecord; the batch goes on."""

from __future__ import annotations

from .model import ErrorRecord


class RecoupeError(Exception):
    """Base error; `code` is the upper-case code written to dossier.json `errors`."""

    code = "ERROR"
    stage = "ingest"

    def __init__(self, message: str, source: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.source = source
        if code:
            self.code = code

    def record(self, source: str | None = None) -> ErrorRecord:
        return ErrorRecord(source=source or self.source or "?", code=self.code, message=self.message, stage=self.stage)


class UsageError(RecoupeError):
    code = "USAGE"


class InputError(RecoupeError):
    code = "IO"


class EmptyInput(InputError):
    code = "EMPTY"


class BinaryInput(InputError):
    code = "BINARY"


class DecodeError(InputError):
    code = "DECODE"


class TooLarge(InputError):
    code = "TOO_LARGE"


class ParseError(InputError):
    code = "PARSE"


class Truncated(InputError):
    code = "TRUNCATED"


class Unsupported(InputError):
    code = "UNSUPPORTED"


class LoopError(InputError):
    code = "LOOP"


class AnalysisError(RecoupeError):
    code = "ANALYSIS"
    stage = "analyse"
