"""The one error type the parser raises: its message is shown to users as is."""


class ParseError(Exception):
    """A file that cannot be read; `str(error)` is a Chinese message for users."""

    def __init__(self, message: str, file: str | None = None):
        super().__init__(message)
        self.message = message
        self.file = file

    def __str__(self) -> str:
        return f"{self.file}：{self.message}" if self.file else self.message


class NeedsOcr(ParseError):
    """A scan (a PDF without a text layer, or an image): readable only by OCR (docproc.read.ocr),
    which runs page by page in the background rather than while a file is being checked."""
