"""Reading an uploaded file safely: one size limit, and workbooks and JSON checked before parsing.

Every file a person uploads (a curriculum, a mapping, a plan file, a share file, a mentor's file)
is read through here. A small file can still be costly to read: an .xlsx is a zip whose parts
may expand hundreds of times, and JSON may nest so deeply that a reader runs out of stack. So
before a workbook is opened its parts are measured from the zip's directory and its cells
counted, and before JSON is parsed its nesting is measured with a quick scan of its brackets.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import Any

from planner.errors import PlannerError
from planner.jsontext import NotJSON, parse_json

MAX_UPLOAD_MB = 5
"""The largest file the app reads, in megabytes of 1,024 x 1,024 bytes (as Streamlit counts)."""
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
"""The same limit in bytes; .streamlit/config.toml's server.maxUploadSize must agree."""

MAX_UNZIPPED_BYTES = 10 * 1024 * 1024
"""The most a workbook's parts may hold once unzipped. A curriculum of 5,000 activities with
descriptions of a few hundred characters needs about half of it; bench/uploads.py shows a
workbook at the limit read in about a second."""
MAX_CELLS = 200_000
"""The most cells a workbook's sheets may hold: 5,000 activities of 13 columns need 65,000."""
MAX_WORKBOOK_PARTS = 500
"""The most files inside a workbook's zip; Excel writes about a dozen."""
MAX_JSON_DEPTH = 32
"""How deeply JSON may nest; the app's own files nest 7 levels at most."""

_READ_CHUNK = 1024 * 1024
# A cell's start tag, with or without a namespace prefix (one of up to 64 characters).
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,63}:)?c[\s/>]")
_LONGEST_TAG = 80
_DECLARATIONS = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_CURLY_AS_SQUARE = bytes.maketrans(b"{}", b"[]")


class UploadError(PlannerError):
    """An uploaded file was refused before it was read; nothing was changed.

    Attributes:
        reason: what is wrong, as words that follow "the file", such as "is larger than 5 MB".
    """

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(f"The file {reason}.")


class UploadTooLarge(UploadError):
    """The file is larger than the app reads."""


class UploadEmpty(UploadError):
    """The file holds nothing, or only spaces."""


def check_size(data: bytes) -> None:
    """Refuse a file larger than MAX_UPLOAD_BYTES.

    Raises:
        UploadTooLarge: the file is larger than the limit.
    """
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadTooLarge(f"is larger than {MAX_UPLOAD_MB} MB, the most the app reads")


def read_json(data: bytes) -> Any:
    """Parse an uploaded JSON file, refusing one too large, too deeply nested or not JSON.

    Args:
        data: the file's bytes (a byte order mark is allowed).

    Returns:
        The parsed value.

    Raises:
        UploadTooLarge: the file is larger than MAX_UPLOAD_BYTES.
        UploadEmpty: the file is empty or holds only spaces.
        UploadError: it is not UTF-8 text, nests more than MAX_JSON_DEPTH levels, is not valid
            JSON, or holds a number too long to read.
    """
    check_size(data)
    if not data.strip():
        raise UploadEmpty("is empty")
    if nests_deeper_than(data, MAX_JSON_DEPTH):
        raise UploadError(f"nests lists and objects more than {MAX_JSON_DEPTH} levels deep")
    try:
        return parse_json(data)
    except NotJSON as exc:
        raise UploadError(exc.reason) from None


def nests_deeper_than(data: bytes, limit: int) -> bool:
    """Whether JSON nests lists and objects more than `limit` levels deep, without parsing it.

    Strings are removed (their brackets are text), then each pass removes every innermost
    pair of brackets: a file that still has a pair after `limit` passes nests deeper. Each
    pass is one C-speed replace, so a 5 MB file takes a few milliseconds a pass.
    """
    skeleton = _JSON_STRING.sub(b"", data).translate(None, _NOT_BRACKETS).translate(_CURLY_AS_SQUARE)
    # Opening brackets in a row already nest that deep: most deep files are found at once.
    too_deep = b"[" * (limit + 1)
    for _ in range(limit):
        if too_deep in skeleton:
            return True
        shorter = skeleton.replace(b"[]", b"")
        if len(shorter) == len(skeleton):
            return False  # nothing nested is left (or the brackets do not pair: not JSON)
        skeleton = shorter
    return b"[]" in skeleton


def check_workbook(data: bytes) -> None:
    """Refuse an .xlsx whose parts would expand or take too long to read, before opening it.

    The sizes come from the zip's central directory; Python's zip reader never gives more than
    the size written there (it stops, and the checksum then fails), so they bound what a reader
    can be made to hold. Then the cells of each sheet are counted as the sheet is unzipped in
    pieces, never all at once.

    Args:
        data: the file's bytes.

    Raises:
        UploadTooLarge: the file is larger than MAX_UPLOAD_BYTES.
        UploadError: the file is not a zip, has too many parts, expands past MAX_UNZIPPED_BYTES,
            holds more than MAX_CELLS cells, or declares XML entities (Excel never does).
    """
    check_size(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            if len(parts) > MAX_WORKBOOK_PARTS:
                raise UploadError(f"has more than {MAX_WORKBOOK_PARTS} parts inside, so it is not "
                                  "an Excel workbook")
            unzipped = sum(part.file_size for part in parts)
            if unzipped > MAX_UNZIPPED_BYTES:
                raise UploadError(
                    f"expands to {unzipped / (1024 * 1024):,.0f} MB when unzipped; the most the app "
                    f"reads is {MAX_UNZIPPED_BYTES // (1024 * 1024)} MB. Remove pictures, extra "
                    f"sheets and unused cells, or save it as CSV"
                )
            cells = 0
            for part in parts:
                if not part.filename.endswith((".xml", ".rels")):
                    continue
                is_sheet = part.filename.startswith("xl/worksheets/")
                cells += _scan_part(archive, part, is_sheet, MAX_CELLS - cells)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError,
            OSError):
        # RuntimeError: the zip is encrypted; NotImplementedError: an unknown compression.
        raise UploadError("cannot be opened as an Excel workbook (.xlsx)") from None


def _scan_part(archive: zipfile.ZipFile, part: zipfile.ZipInfo, is_sheet: bool, cells_left: int) -> int:
    """The cells in one part (0 for a part that is not a sheet), refusing XML declarations."""
    cells = 0
    tail = b""
    with archive.open(part) as stream:
        first = True
        while chunk := stream.read(_READ_CHUNK):
            if first and _DECLARATIONS.search(chunk[:4096]):
                raise UploadError("declares its own XML entities, which Excel never writes, so it "
                                  "is not read")
            first = False
            if not is_sheet:
                break  # only its start can hold a declaration; the rest need not be unzipped
            window = tail + chunk
            # A tag that starts near the end of this piece is counted with the next piece.
            cutoff = max(len(window) - _LONGEST_TAG, 0)
            cells += sum(1 for tag in _CELL_TAG.finditer(window) if tag.start() < cutoff)
            tail = window[cutoff:]
            if cells > cells_left:
                raise _too_many_cells()
        cells += len(_CELL_TAG.findall(tail))
    if cells > cells_left:
        raise _too_many_cells()
    return cells


def _too_many_cells() -> UploadError:
    return UploadError(f"has more than {MAX_CELLS:,} cells in its sheets, the most the app reads")
