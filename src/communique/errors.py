"""One exception hierarchy. Every error says what went wrong and how to fix it.

    CommuniqueError                 base; `code` is stable, `fix` is a one-line remedy
    ├── UsageError                  bad arguments or settings (CLI exit status 2)
    │   └── InputNotFoundError      a path that does not exist
    ├── ResourceError               a dictionary or data file is malformed (names file and line)
    ├── ModelNotInstalledError      the spaCy model is missing or not the expected one
    ├── PipelineError               stages that do not chain (a stage requires what none assigns)
    └── DocumentError               one document cannot be coded; becomes an error record
        ├── EmptyDocumentError
        ├── BinaryDocumentError
        ├── DocumentTooLargeError
        └── MalformedDocumentError  a JSON line that is not a valid document

Best effort never raises: an unresolvable date or actor is `null` plus a warning on the record.
"""

from __future__ import annotations


class CommuniqueError(Exception):
    code = "E000"
    fix = ""

    def __init__(self, message: str, fix: str | None = None) -> None:
        self.message = message
        if fix is not None:
            self.fix = fix
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}" + (f" Fix: {self.fix}" if self.fix else "")


class UsageError(CommuniqueError):
    code = "E100"


class InputNotFoundError(UsageError):
    code = "E101"
    fix = "check the path, or pass '-' to read standard input."


class ResourceError(CommuniqueError):
    code = "E200"


class ModelNotInstalledError(CommuniqueError):
    code = "E300"


class PipelineError(CommuniqueError):
    code = "E400"


class DocumentError(CommuniqueError):
    code = "E500"


class EmptyDocumentError(DocumentError):
    code = "E501"
    fix = "give the document some text, or leave it out of the input."


class BinaryDocumentError(DocumentError):
    code = "E502"
    fix = "convert the file to text (.txt), HTML or JSON Lines first."


class DocumentTooLargeError(DocumentError):
    code = "E503"
    fix = "split the document, or raise COMMUNIQUE_MAX_CHARS / --max-chars."


class MalformedDocumentError(DocumentError):
    code = "E504"
    fix = "each JSON document needs a string field 'text'; see docs/record.md."


class UnsupportedInputError(DocumentError):
    code = "E505"
    fix = "use .txt, .html/.htm, .json or .jsonl (or .md/.text for plain text)."
