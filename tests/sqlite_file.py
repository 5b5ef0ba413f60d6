"""Independent pure-Python reader of raw SQLite database, WAL and -shm files.

Written from the published file format documents (fileformat2.html,
walformat.html) so that security tests can look at a database the way an
attacker holding the file would: page by page, cell by cell, byte offset by
byte offset.  It never uses the sqlite3 module.

Main entry points:

* ``Database.from_bytes(data)`` / ``Database.open(path)``: header, schema,
  b-tree pages, rows with their physical location, freelist, pointer map.
* ``Wal.from_bytes(data)`` / ``Wal.open(path)``: WAL header, frames with
  salt and checksum validation, committed transactions, and
  ``snapshot(db_bytes, n)`` = database bytes after the first n commits.
* ``Shm.from_bytes(data)`` / ``Shm.open(path)``: wal-index headers,
  checkpoint info, frame -> page mapping and hash-table lookups.
* ``cells_by_offset(page)`` / ``write_order(pages)``: the attacker's
  estimate of the order in which cells were written.
"""

from __future__ import annotations

import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path

MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100

PAGE_INDEX_INTERIOR = 2
PAGE_TABLE_INTERIOR = 5
PAGE_INDEX_LEAF = 10
PAGE_TABLE_LEAF = 13
PAGE_TYPE_NAMES = {
    PAGE_INDEX_INTERIOR: "index interior",
    PAGE_TABLE_INTERIOR: "table interior",
    PAGE_INDEX_LEAF: "index leaf",
    PAGE_TABLE_LEAF: "table leaf",
}

TEXT_ENCODINGS = {1: "utf-8", 2: "utf-16-le", 3: "utf-16-be"}

# Pointer-map entry types (autovacuum databases).
PTRMAP_ROOTPAGE = 1
PTRMAP_FREEPAGE = 2
PTRMAP_OVERFLOW1 = 3
PTRMAP_OVERFLOW2 = 4
PTRMAP_BTREE = 5

WAL_MAGIC_LE = 0x377F0682
WAL_MAGIC_BE = 0x377F0683
WAL_HEADER_SIZE = 32
WAL_FRAME_HEADER_SIZE = 24

SHM_HEADER_SIZE = 136  # two WalIndexHdr copies (48 bytes each) + WalCkptInfo (40)
SHM_SEGMENT_SIZE = 32768
HASHTABLE_NPAGE = 4096
HASHTABLE_NPAGE_ONE = HASHTABLE_NPAGE - SHM_HEADER_SIZE // 4  # 4062
HASHTABLE_NSLOT = 2 * HASHTABLE_NPAGE
HASHTABLE_HASH_1 = 383
READMARK_NOT_USED = 0xFFFFFFFF

_U32 = 0xFFFFFFFF


class CorruptError(ValueError):
    """The bytes do not follow the SQLite file format."""


# --------------------------------------------------------------------------
# Primitive decoders


def read_varint(buf: bytes, pos: int) -> tuple[int, int]:
    """Decode a big-endian varint at pos; return (unsigned value, length)."""
    value = 0
    for i in range(8):
        byte = buf[pos + i]
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, i + 1
    # The ninth byte contributes all eight bits.
    return (value << 8) | buf[pos + 8], 9


def to_signed64(value: int) -> int:
    """Reinterpret an unsigned 64-bit value as two's complement."""
    return value - (1 << 64) if value >= 1 << 63 else value


def _u16(buf: bytes, pos: int) -> int:
    """Big-endian 2-byte unsigned integer."""
    return int.from_bytes(buf[pos:pos + 2], "big")


def _u32(buf: bytes, pos: int) -> int:
    """Big-endian 4-byte unsigned integer."""
    return int.from_bytes(buf[pos:pos + 4], "big")


def serial_type_size(serial_type: int) -> int:
    """Number of body bytes a record value of this serial type occupies."""
    if serial_type in (10, 11):
        raise CorruptError(f"reserved serial type {serial_type}")
    if serial_type >= 12:
        return (serial_type - 12) // 2
    return (0, 1, 2, 3, 4, 6, 8, 8, 0, 0)[serial_type]


def decode_value(serial_type: int, raw: bytes, encoding: str = "utf-8"):
    """Decode one record value from its serial type and body bytes."""
    if serial_type == 0:
        return None
    if 1 <= serial_type <= 6:
        return int.from_bytes(raw, "big", signed=True)
    if serial_type == 7:
        return struct.unpack(">d", raw)[0]
    if serial_type in (8, 9):
        return serial_type - 8
    if serial_type % 2 == 0:
        return bytes(raw)
    # surrogateescape keeps undecodable UTF-8 recoverable byte for byte.
    errors = "surrogateescape" if encoding == "utf-8" else "replace"
    return bytes(raw).decode(encoding, errors)


@dataclass(frozen=True)
class Record:
    """A decoded record: values plus the serial types they were stored with."""

    values: tuple
    serial_types: tuple
    header_size: int


def parse_record(payload: bytes, encoding: str = "utf-8") -> Record:
    """Decode a record (header of serial types, then the body)."""
    header_size, pos = read_varint(payload, 0)
    if header_size > len(payload):
        raise CorruptError("record header longer than payload")
    types = []
    while pos < header_size:
        serial_type, n = read_varint(payload, pos)
        types.append(serial_type)
        pos += n
    body = header_size
    values = []
    for serial_type in types:
        size = serial_type_size(serial_type)
        if body + size > len(payload):
            raise CorruptError("record body shorter than its header says")
        values.append(decode_value(serial_type, payload[body:body + size], encoding))
        body += size
    return Record(tuple(values), tuple(types), header_size)


# --------------------------------------------------------------------------
# Database file


@dataclass(frozen=True)
class Header:
    """The 100-byte database header."""

    page_size: int
    write_version: int
    read_version: int
    reserved_bytes: int
    max_payload_fraction: int
    min_payload_fraction: int
    leaf_payload_fraction: int
    file_change_counter: int
    page_count: int  # as stored; trust only if version_valid_for matches
    freelist_trunk: int
    freelist_count: int
    schema_cookie: int
    schema_format: int
    default_cache_size: int
    largest_root_page: int  # nonzero means auto/incremental vacuum
    text_encoding: str
    user_version: int
    incremental_vacuum: int
    application_id: int
    version_valid_for: int
    sqlite_version_number: int

    @property
    def usable_size(self) -> int:
        """Page size minus the reserved bytes at the end of every page."""
        return self.page_size - self.reserved_bytes

    @classmethod
    def parse(cls, data: bytes) -> "Header":
        """Decode the first 100 bytes of a database file."""
        if len(data) < HEADER_SIZE or data[:16] != MAGIC:
            raise CorruptError("not an SQLite 3 database")
        raw_size = _u16(data, 16)
        page_size = 65536 if raw_size == 1 else raw_size  # 65536 does not fit in 2 bytes
        if page_size < 512 or page_size & (page_size - 1):
            raise CorruptError(f"bad page size {raw_size}")
        fields = struct.unpack(">IIIIIIIIIIIII", data[24:76])
        return cls(
            page_size=page_size,
            write_version=data[18],
            read_version=data[19],
            reserved_bytes=data[20],
            max_payload_fraction=data[21],
            min_payload_fraction=data[22],
            leaf_payload_fraction=data[23],
            file_change_counter=fields[0],
            page_count=fields[1],
            freelist_trunk=fields[2],
            freelist_count=fields[3],
            schema_cookie=fields[4],
            schema_format=fields[5],
            default_cache_size=fields[6],
            largest_root_page=fields[7],
            # 0 means "not yet set" in a brand new file; UTF-8 is the default.
            text_encoding=TEXT_ENCODINGS.get(fields[8], "utf-8"),
            user_version=fields[9],
            incremental_vacuum=fields[10],
            application_id=fields[11],
            version_valid_for=_u32(data, 92),
            sqlite_version_number=_u32(data, 96),
        )


@dataclass(frozen=True)
class Cell:
    """One cell of a b-tree page, with where it sits and what it holds."""

    page: int
    offset: int  # from the start of the page
    size: int  # bytes it occupies on the page (never less than 4)
    left_child: int | None  # interior pages only
    rowid: int | None  # table b-trees only
    payload_size: int | None  # None for table interior cells (no payload)
    local_size: int  # payload bytes stored on this page
    overflow_pages: tuple  # overflow chain, in order
    payload: bytes | None  # complete payload, overflow included
    record: Record | None

    @property
    def values(self) -> tuple | None:
        """Decoded record values, or None for a table interior cell."""
        return None if self.record is None else self.record.values


@dataclass(frozen=True)
class Page:
    """A decoded b-tree page."""

    number: int
    type: int
    header_offset: int  # 100 on page 1, else 0
    first_freeblock: int
    cell_count: int
    content_start: int  # start of the cell content area
    fragmented_bytes: int
    right_child: int | None  # right-most pointer, interior pages only
    cell_pointers: tuple
    cells: tuple
    freeblocks: tuple  # (offset, size) in chain order
    gap: tuple  # (start, end) of the unallocated space

    @property
    def type_name(self) -> str:
        """Human readable page type."""
        return PAGE_TYPE_NAMES[self.type]

    @property
    def is_leaf(self) -> bool:
        """True for leaf pages."""
        return self.type in (PAGE_TABLE_LEAF, PAGE_INDEX_LEAF)

    @property
    def is_table(self) -> bool:
        """True for table (rowid) b-tree pages."""
        return self.type in (PAGE_TABLE_LEAF, PAGE_TABLE_INTERIOR)

    @property
    def children(self) -> list[int]:
        """Child page numbers in key order (empty for leaves)."""
        if self.is_leaf:
            return []
        return [c.left_child for c in self.cells] + [self.right_child]


@dataclass(frozen=True)
class SchemaEntry:
    """One row of sqlite_schema (sqlite_master)."""

    type: str
    name: str
    tbl_name: str
    rootpage: int
    sql: str | None


@dataclass(frozen=True)
class Row:
    """An entry of a table or index with the cell that stores it.

    An INTEGER PRIMARY KEY column is stored as NULL in ``values``; its
    value is ``rowid``.  WITHOUT ROWID tables store the primary key columns
    first, then the remaining columns in declaration order.
    """

    rowid: int | None  # None for index b-trees (indexes, WITHOUT ROWID)
    values: tuple
    page: int
    offset: int


@dataclass(frozen=True)
class Freelist:
    """Freelist trunk pages and leaf pages, in chain order."""

    trunks: tuple
    leaves: tuple

    @property
    def pages(self) -> set:
        """Every page on the freelist."""
        return set(self.trunks) | set(self.leaves)


class Database:
    """Read-only view of the bytes of an SQLite database file."""

    def __init__(self, data: bytes):
        """Wrap database bytes; parses the header eagerly."""
        self.data = bytes(data)
        self.header = Header.parse(self.data)
        self._pages: dict[int, Page] = {}
        self._schema: tuple[SchemaEntry, ...] | None = None

    @classmethod
    def from_bytes(cls, data: bytes) -> "Database":
        """Read a database from bytes."""
        return cls(data)

    @classmethod
    def open(cls, path) -> "Database":
        """Read a database file from disk."""
        return cls(Path(path).read_bytes())

    # -- pages --------------------------------------------------------------

    @property
    def page_size(self) -> int:
        """Page size in bytes."""
        return self.header.page_size

    @property
    def usable_size(self) -> int:
        """Usable bytes per page (page size minus reserved bytes)."""
        return self.header.usable_size

    @property
    def page_count(self) -> int:
        """Pages in the database: the header's count when valid, else from the file size."""
        h = self.header
        # The in-header size is only trusted when written by a version that
        # maintains it, i.e. when the change counter matches version-valid-for.
        if h.page_count and h.file_change_counter == h.version_valid_for:
            return h.page_count
        return len(self.data) // self.page_size

    def page(self, number: int) -> bytes:
        """Raw bytes of a page (1-based)."""
        if not 1 <= number <= len(self.data) // self.page_size:
            raise CorruptError(f"page {number} outside the file")
        start = (number - 1) * self.page_size
        return self.data[start:start + self.page_size]

    def btree_page(self, number: int) -> Page:
        """Decode one b-tree page (cached: the bytes never change)."""
        if number not in self._pages:
            self._pages[number] = self._decode_btree_page(number)
        return self._pages[number]

    def _decode_btree_page(self, number: int) -> Page:
        """Decode one b-tree page from the raw bytes."""
        data = self.page(number)
        h = HEADER_SIZE if number == 1 else 0
        ptype = data[h]
        if ptype not in PAGE_TYPE_NAMES:
            raise CorruptError(f"page {number} has b-tree type {ptype}")
        interior = ptype in (PAGE_INDEX_INTERIOR, PAGE_TABLE_INTERIOR)
        ncell = _u16(data, h + 3)
        ptr_start = h + (12 if interior else 8)
        pointers = tuple(_u16(data, ptr_start + 2 * i) for i in range(ncell))
        return Page(
            number=number,
            type=ptype,
            header_offset=h,
            first_freeblock=_u16(data, h + 1),
            cell_count=ncell,
            content_start=_u16(data, h + 5) or 65536,  # 0 encodes 65536
            fragmented_bytes=data[h + 7],
            right_child=_u32(data, h + 8) if interior else None,
            cell_pointers=pointers,
            cells=tuple(self._cell(data, number, ptype, off) for off in pointers),
            freeblocks=self._freeblocks(data, _u16(data, h + 1)),
            gap=(ptr_start + 2 * ncell, _u16(data, h + 5) or 65536),
        )

    def _freeblocks(self, data: bytes, first: int) -> tuple:
        """Follow a page's freeblock chain; return ((offset, size), ...)."""
        blocks, offset = [], first
        while offset:
            if offset + 4 > self.usable_size or len(blocks) > self.usable_size // 4:
                raise CorruptError("freeblock chain leaves the page or loops")
            blocks.append((offset, _u16(data, offset + 2)))
            offset = _u16(data, offset)
        return tuple(blocks)

    def _max_local(self, table_leaf: bool) -> int:
        """Largest payload stored entirely on the page."""
        u = self.usable_size
        return u - 35 if table_leaf else (u - 12) * 64 // 255 - 23

    def local_payload_size(self, payload_size: int, table_leaf: bool) -> int:
        """Bytes of a payload kept on the b-tree page; the rest overflows."""
        u = self.usable_size
        x = self._max_local(table_leaf)
        if payload_size <= x:
            return payload_size
        m = (u - 12) * 32 // 255 - 23
        k = m + (payload_size - m) % (u - 4)
        return k if k <= x else m

    def _cell(self, data: bytes, number: int, ptype: int, offset: int) -> Cell:
        """Decode the cell at offset on a page of type ptype."""
        if not 0 < offset < self.usable_size:
            raise CorruptError(f"cell pointer {offset} outside page {number}")
        pos = offset
        left = None
        if ptype in (PAGE_INDEX_INTERIOR, PAGE_TABLE_INTERIOR):
            left = _u32(data, pos)
            pos += 4
        if ptype == PAGE_TABLE_INTERIOR:
            rowid, n = read_varint(data, pos)
            return Cell(number, offset, 4 + n, left, to_signed64(rowid), None, 0, (), None, None)
        payload_size, n = read_varint(data, pos)
        pos += n
        rowid = None
        if ptype == PAGE_TABLE_LEAF:
            raw_rowid, n = read_varint(data, pos)
            rowid = to_signed64(raw_rowid)
            pos += n
        local = self.local_payload_size(payload_size, ptype == PAGE_TABLE_LEAF)
        payload = data[pos:pos + local]
        pos += local
        overflow: tuple = ()
        if local < payload_size:
            rest, overflow = self._overflow(_u32(data, pos), payload_size - local)
            payload += rest
            pos += 4
        # SQLite never allocates fewer than 4 bytes: a freed cell must be
        # able to hold a freeblock header.
        size = max(4, pos - offset)
        record = parse_record(payload, self.header.text_encoding)
        return Cell(number, offset, size, left, rowid, payload_size, local, overflow, payload, record)

    def _overflow(self, first: int, remaining: int) -> tuple[bytes, tuple]:
        """Read remaining payload bytes from an overflow chain."""
        chunks, pages, number = [], [], first
        per_page = self.usable_size - 4
        while remaining > 0:
            if number == 0 or number in pages or number > len(self.data) // self.page_size:
                raise CorruptError(f"bad overflow page {number}")
            data = self.page(number)
            take = min(per_page, remaining)
            chunks.append(data[4:4 + take])
            pages.append(number)
            remaining -= take
            number = _u32(data, 0)
        return b"".join(chunks), tuple(pages)

    # -- b-trees ------------------------------------------------------------

    def tree(self, rootpage: int) -> list[Page]:
        """Every page of a b-tree, depth first, children in key order."""
        pages, stack, seen = [], [rootpage], set()
        while stack:
            number = stack.pop()
            if number in seen:
                raise CorruptError(f"page {number} reached twice")
            seen.add(number)
            page = self.btree_page(number)
            pages.append(page)
            stack.extend(reversed(page.children))
        return pages

    def entries(self, rootpage: int) -> list[tuple[Page, Cell]]:
        """(page, cell) for every entry of a b-tree, in key order."""
        out: list = []
        self._walk(rootpage, out, set())
        return out

    def _walk(self, number: int, out: list, seen: set) -> None:
        """In-order traversal; index interior cells are entries too."""
        if number in seen:
            raise CorruptError(f"page {number} reached twice")
        seen.add(number)
        page = self.btree_page(number)
        if page.is_leaf:
            out.extend((page, cell) for cell in page.cells)
            return
        for cell in page.cells:
            self._walk(cell.left_child, out, seen)
            if not page.is_table:
                out.append((page, cell))
        self._walk(page.right_child, out, seen)

    def schema(self) -> list[SchemaEntry]:
        """Rows of sqlite_schema, read from the b-tree rooted at page 1 (once: the bytes never change)."""
        if self._schema is None:
            rows = []
            for _, cell in self.entries(1):
                values = cell.values + (None,) * (5 - len(cell.values))
                rows.append(SchemaEntry(*values[:5]))
            self._schema = tuple(rows)
        return list(self._schema)

    def rootpage(self, name: str) -> int:
        """Root page of a table or index named in the schema."""
        if name.lower() in ("sqlite_master", "sqlite_schema"):
            return 1
        for entry in self.schema():
            if entry.name.lower() == name.lower() and entry.rootpage:
                return entry.rootpage
        raise KeyError(name)

    def rows(self, name: str) -> list[Row]:
        """Entries of a table or index in key order, with their page and cell offset."""
        return [
            Row(cell.rowid if page.is_table else None, cell.values, page.number, cell.offset)
            for page, cell in self.entries(self.rootpage(name))
        ]

    def overflow_pages(self, rootpage: int) -> list[int]:
        """Overflow pages used by the cells of a b-tree."""
        return [n for page in self.tree(rootpage) for c in page.cells for n in c.overflow_pages]

    # -- free space and pointer map -----------------------------------------

    def freelist(self) -> Freelist:
        """Walk the freelist trunk chain."""
        trunks, leaves = [], []
        number = self.header.freelist_trunk
        while number:
            if number in trunks or number > self.page_count:
                raise CorruptError(f"bad freelist trunk {number}")
            data = self.page(number)
            count = _u32(data, 4)
            if count > self.usable_size // 4 - 2:
                raise CorruptError(f"trunk {number} claims {count} leaves")
            trunks.append(number)
            leaves.extend(_u32(data, 8 + 4 * i) for i in range(count))
            number = _u32(data, 0)
        return Freelist(tuple(trunks), tuple(leaves))

    def ptrmap_pages(self) -> list[int]:
        """Pointer-map page numbers (only in auto/incremental vacuum databases)."""
        if not self.header.largest_root_page:
            return []
        step = self.usable_size // 5 + 1
        return list(range(2, self.page_count + 1, step))

    def ptrmap(self) -> dict[int, tuple[int, int]]:
        """Pointer map: page number -> (entry type, parent page)."""
        out = {}
        per_map = self.usable_size // 5
        for map_page in self.ptrmap_pages():
            data = self.page(map_page)
            for i in range(per_map):
                number = map_page + 1 + i
                if number > self.page_count:
                    break
                out[number] = (data[5 * i], _u32(data, 5 * i + 1))
        return out


# --------------------------------------------------------------------------
# Write-order estimation


def cells_by_offset(page: Page) -> list[Cell]:
    """Cells sorted by descending offset: the order an insert-only page was filled in."""
    # New cells are carved from the low end of the content area, so the
    # highest offset is the oldest cell.  Freeblock reuse and rebalancing
    # (which rewrites a page in key order) break this.
    return sorted(page.cells, key=lambda c: c.offset, reverse=True)


def write_order(pages: list[Page]) -> list[Cell]:
    """Estimated write order of the entries of a tree: pages by number, then by descending offset."""
    # When the file grows, a new page gets the next page number, so
    # later-allocated pages hold later rows.  Table interior cells are only
    # separators and carry no row, so they are left out.
    holding = [p for p in pages if p.is_leaf or not p.is_table]
    return [c for p in sorted(holding, key=lambda p: p.number) for c in cells_by_offset(p)]


# --------------------------------------------------------------------------
# Write-ahead log


def wal_checksum(data: bytes, s0: int, s1: int, big_endian: bool) -> tuple[int, int]:
    """Fletcher-like WAL checksum over data (length a multiple of 8), continuing from (s0, s1)."""
    words = struct.unpack((">" if big_endian else "<") + f"{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & _U32
        s1 = (s1 + words[i + 1] + s0) & _U32
    return s0, s1


@dataclass(frozen=True)
class WalHeader:
    """The 32-byte WAL header."""

    magic: int
    big_endian_checksums: bool
    format_version: int
    page_size: int
    checkpoint_sequence: int
    salt1: int
    salt2: int
    checksum1: int
    checksum2: int
    checksum_ok: bool


@dataclass(frozen=True)
class Frame:
    """One WAL frame.

    ``checksum_ok`` checks this frame alone, continuing from the previous
    frame's stored checksum; ``valid`` is SQLite's rule: salts and checksum
    match and every earlier frame is valid too.
    """

    index: int  # 1-based frame number
    offset: int  # of the frame header in the WAL file
    page_number: int
    db_size: int  # database size in pages after commit; 0 if not a commit frame
    salt1: int
    salt2: int
    checksum1: int
    checksum2: int
    salt_ok: bool
    checksum_ok: bool
    valid: bool
    data: bytes = field(repr=False)

    @property
    def is_commit(self) -> bool:
        """True for the last frame of a transaction."""
        return self.db_size != 0


@dataclass(frozen=True)
class Commit:
    """A committed transaction: its frames and the database size after it."""

    number: int  # 1-based
    frames: tuple
    db_size: int

    @property
    def last_frame(self) -> int:
        """Frame number of the commit frame."""
        return self.frames[-1].index


class Wal:
    """Read-only view of a WAL file."""

    def __init__(self, data: bytes):
        """Parse header and frames of WAL bytes."""
        self.data = bytes(data)
        self.header = self._parse_header()
        self.frames = self._parse_frames()
        self.commits = self._group_commits()

    @classmethod
    def from_bytes(cls, data: bytes) -> "Wal":
        """Read a WAL from bytes."""
        return cls(data)

    @classmethod
    def open(cls, path) -> "Wal":
        """Read a WAL file from disk."""
        return cls(Path(path).read_bytes())

    def _parse_header(self) -> WalHeader | None:
        """Decode the WAL header; None if the file is too short or not a WAL."""
        if len(self.data) < WAL_HEADER_SIZE:
            return None
        f = struct.unpack(">8I", self.data[:WAL_HEADER_SIZE])
        if f[0] not in (WAL_MAGIC_LE, WAL_MAGIC_BE):
            return None
        big = bool(f[0] & 1)
        ok = wal_checksum(self.data[:24], 0, 0, big) == (f[6], f[7])
        return WalHeader(f[0], big, f[1], f[2], f[3], f[4], f[5], f[6], f[7], ok)

    def _parse_frames(self) -> list[Frame]:
        """Decode every whole frame in the file, validating the checksum chain."""
        h = self.header
        if h is None or h.page_size < 512 or h.page_size & (h.page_size - 1):
            return []
        frames = []
        size = WAL_FRAME_HEADER_SIZE + h.page_size
        running = (h.checksum1, h.checksum2)
        chain_ok = h.checksum_ok
        for index, offset in enumerate(range(WAL_HEADER_SIZE, len(self.data) - size + 1, size), 1):
            fh = struct.unpack(">6I", self.data[offset:offset + WAL_FRAME_HEADER_SIZE])
            content = self.data[offset + WAL_FRAME_HEADER_SIZE:offset + size]
            s = wal_checksum(self.data[offset:offset + 8], *running, h.big_endian_checksums)
            s = wal_checksum(content, *s, h.big_endian_checksums)
            salt_ok = (fh[2], fh[3]) == (h.salt1, h.salt2)
            checksum_ok = s == (fh[4], fh[5])
            chain_ok = chain_ok and salt_ok and checksum_ok and fh[0] != 0
            frames.append(Frame(index, offset, fh[0], fh[1], fh[2], fh[3], fh[4], fh[5],
                                salt_ok, checksum_ok, chain_ok, content))
            running = (fh[4], fh[5])
        return frames

    def _group_commits(self) -> list[Commit]:
        """Group valid frames into transactions ending at commit frames."""
        commits, pending = [], []
        for frame in self.frames:
            if not frame.valid:
                break
            pending.append(frame)
            if frame.is_commit:
                commits.append(Commit(len(commits) + 1, tuple(pending), frame.db_size))
                pending = []
        return commits

    @property
    def uncommitted_frames(self) -> list[Frame]:
        """Valid frames after the last commit (a transaction still being written)."""
        last = self.commits[-1].last_frame if self.commits else 0
        return [f for f in self.frames[last:] if f.valid]

    def snapshot(self, db_bytes: bytes, commits: int | None = None) -> bytes:
        """Database bytes after the first `commits` transactions (default: all) are applied."""
        if commits is None:
            commits = len(self.commits)
        if commits == 0:
            return bytes(db_bytes)
        last = self.commits[commits - 1]
        ps = self.header.page_size
        out = bytearray(db_bytes[:last.db_size * ps])
        out.extend(bytes(last.db_size * ps - len(out)))
        # Later frames for the same page win, so apply in log order.
        for frame in self.frames[:last.last_frame]:
            if frame.page_number <= last.db_size:
                start = (frame.page_number - 1) * ps
                out[start:start + ps] = frame.data
        return bytes(out)


# --------------------------------------------------------------------------
# Wal-index (-shm)


@dataclass(frozen=True)
class IndexHeader:
    """One copy of the wal-index header (WalIndexHdr), native byte order."""

    version: int
    change: int
    is_init: int
    big_endian_checksums: int
    page_size: int
    mx_frame: int
    n_page: int
    frame_checksum: tuple
    salt1: int
    salt2: int
    checksum: tuple
    checksum_ok: bool


@dataclass(frozen=True)
class CheckpointInfo:
    """WalCkptInfo: checkpoint progress and reader marks."""

    n_backfill: int
    read_marks: tuple
    locks: bytes
    n_backfill_attempted: int


class Shm:
    """Read-only view of a -shm (wal-index) file."""

    def __init__(self, data: bytes, byteorder: str = sys.byteorder):
        """Parse wal-index bytes written by a host with the given byte order."""
        if len(data) < SHM_SEGMENT_SIZE:
            raise CorruptError("wal-index shorter than one 32 KiB segment")
        self.data = bytes(data)
        self.byteorder = byteorder
        self._e = "<" if byteorder == "little" else ">"
        self.headers = (self._index_header(0), self._index_header(48))
        self.checkpoint = self._checkpoint_info()

    @classmethod
    def from_bytes(cls, data: bytes, byteorder: str = sys.byteorder) -> "Shm":
        """Read a wal-index from bytes."""
        return cls(data, byteorder)

    @classmethod
    def open(cls, path, byteorder: str = sys.byteorder) -> "Shm":
        """Read a -shm file from disk."""
        return cls(Path(path).read_bytes(), byteorder)

    @property
    def header(self) -> IndexHeader:
        """The first header copy (the one readers use)."""
        return self.headers[0]

    def _index_header(self, at: int) -> IndexHeader:
        """Decode the 48-byte WalIndexHdr at offset `at`."""
        raw = self.data[at:at + 48]
        f = struct.unpack(self._e + "3I2BH4I", raw[:32])
        # The salts are a byte copy of the WAL header, hence big-endian.
        salt1, salt2 = struct.unpack(">2I", raw[32:40])
        checksum = struct.unpack(self._e + "2I", raw[40:48])
        computed = wal_checksum(raw[:40], 0, 0, self.byteorder == "big")
        # 65536 is stored as 1 because the field is 16 bits wide.
        page_size = (f[5] & 0xFE00) | ((f[5] & 1) << 16)
        return IndexHeader(f[0], f[2], f[3], f[4], page_size, f[6], f[7], (f[8], f[9]),
                           salt1, salt2, checksum, computed == checksum)

    def _checkpoint_info(self) -> CheckpointInfo:
        """Decode WalCkptInfo at offset 96."""
        f = struct.unpack(self._e + "6I", self.data[96:120])
        attempted = struct.unpack(self._e + "I", self.data[128:132])[0]
        return CheckpointInfo(f[0], f[1:6], self.data[120:128], attempted)

    @staticmethod
    def _segment(frame: int) -> int:
        """Which 32 KiB segment holds the entry for a (1-based) frame."""
        return (frame + HASHTABLE_NPAGE - HASHTABLE_NPAGE_ONE - 1) // HASHTABLE_NPAGE

    @staticmethod
    def _zero(segment: int) -> int:
        """Frame number just before the first frame of a segment."""
        return 0 if segment == 0 else HASHTABLE_NPAGE_ONE + (segment - 1) * HASHTABLE_NPAGE

    def _pgno_base(self, segment: int) -> int:
        """Byte offset of a segment's aPgno array."""
        return SHM_HEADER_SIZE if segment == 0 else segment * SHM_SEGMENT_SIZE

    def page_of_frame(self, frame: int) -> int:
        """Database page held by a WAL frame, from the aPgno arrays."""
        segment = self._segment(frame)
        at = self._pgno_base(segment) + 4 * (frame - self._zero(segment) - 1)
        return struct.unpack(self._e + "I", self.data[at:at + 4])[0]

    def frame_pages(self) -> list[int]:
        """Page numbers of frames 1..mxFrame."""
        return [self.page_of_frame(i) for i in range(1, self.header.mx_frame + 1)]

    def _hash_slot(self, segment: int, slot: int) -> int:
        """Value of one aHash slot: index into the segment's aPgno (1-based), 0 if empty."""
        at = segment * SHM_SEGMENT_SIZE + 4 * HASHTABLE_NPAGE + 2 * slot
        return struct.unpack(self._e + "H", self.data[at:at + 2])[0]

    def find_frame(self, page: int, max_frame: int | None = None) -> int | None:
        """Latest frame <= max_frame (default mxFrame) holding page, found through the hash tables."""
        last = self.header.mx_frame if max_frame is None else max_frame
        if last == 0:
            return None
        for segment in range(self._segment(last), -1, -1):
            found, slot = None, (page * HASHTABLE_HASH_1) & (HASHTABLE_NSLOT - 1)
            for _ in range(HASHTABLE_NSLOT):
                idx = self._hash_slot(segment, slot)
                if idx == 0:
                    break
                frame = self._zero(segment) + idx
                if frame <= last and self.page_of_frame(frame) == page:
                    found = max(found or 0, frame)  # keep probing: later frames sit further along
                slot = (slot + 1) & (HASHTABLE_NSLOT - 1)
            if found:
                return found
        return None
