"""Prove tests/sqlite_file.py right against databases written by sqlite3.

Every expectation comes from sqlite3 itself (query results, PRAGMAs, the
dbstat virtual table, what sqlite3 reads back from a WAL) or from the file
format document, never from the reader under test.
"""

from __future__ import annotations

import random
import sqlite3
import struct
from contextlib import contextmanager
from pathlib import Path

import pytest

from sqlite_file import (
    PTRMAP_BTREE,
    PTRMAP_FREEPAGE,
    PTRMAP_OVERFLOW1,
    PTRMAP_OVERFLOW2,
    PTRMAP_ROOTPAGE,
    WAL_MAGIC_BE,
    Database,
    Shm,
    Wal,
    cells_by_offset,
    read_varint,
    wal_checksum,
    write_order,
)

CHINESE = "编制办公室三定方案：机构职能、内设机构、人员编制"


# --------------------------------------------------------------------------
# Helpers


@contextmanager
def connect(path, page_size=None, secure_delete=None, encoding=None, auto_vacuum=None):
    """Autocommit sqlite3 connection configured before the first table exists."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous=OFF")  # no fsync: keeps the suite fast
        if page_size:
            conn.execute(f"PRAGMA page_size={page_size}")
        if secure_delete is not None:
            conn.execute(f"PRAGMA secure_delete={'ON' if secure_delete else 'OFF'}")
        if encoding:
            conn.execute(f"PRAGMA encoding='{encoding}'")
        if auto_vacuum:
            conn.execute(f"PRAGMA auto_vacuum={auto_vacuum}")
        yield conn
    finally:
        conn.close()


def typed(row) -> tuple:
    """Row values tagged with their Python type, so 1, 1.0 and True differ."""
    return tuple((type(v).__name__, v) for v in row)


def sqlite_rows(conn, table) -> list:
    """(rowid, *columns) of a rowid table as sqlite3 sees it."""
    return [typed(r) for r in conn.execute(f'SELECT rowid, * FROM "{table}" ORDER BY rowid')]


def reader_rows(db, table) -> list:
    """(rowid, *values) of a rowid table as the reader sees it."""
    return [typed((r.rowid, *r.values)) for r in db.rows(table)]


def sqlite_state(conn) -> dict:
    """Schema and every rowid table's rows, as sqlite3 sees them."""
    schema = [tuple(r) for r in conn.execute(
        "SELECT type, name, tbl_name, rootpage, sql FROM sqlite_master ORDER BY rowid")]
    tables = [r[1] for r in schema if r[0] == "table"]
    return {"schema": schema, **{t: sqlite_rows(conn, t) for t in tables}}


def reader_state(db) -> dict:
    """Schema and every rowid table's rows, as the reader sees them."""
    schema = [(e.type, e.name, e.tbl_name, e.rootpage, e.sql) for e in db.schema()]
    tables = [r[1] for r in schema if r[0] == "table"]
    return {"schema": schema, **{t: reader_rows(db, t) for t in tables}}


def assert_page_accounted(db, page):
    """Every byte of the content area is a cell, a freeblock or a counted fragment."""
    # This is integrity_check's rule, so a wrong cell size or a wrong
    # freeblock decoding shows up as a fragment count mismatch.
    spans = sorted([(c.offset, c.size) for c in page.cells] + list(page.freeblocks))
    pos, loose = page.content_start, 0
    for offset, size in spans:
        assert offset >= pos, f"overlap on page {page.number} at {offset}"
        loose += offset - pos
        pos = offset + size
    assert pos <= db.usable_size
    loose += db.usable_size - pos
    assert loose == page.fragmented_bytes, f"page {page.number}"
    assert page.gap == (page.header_offset + (8 if page.is_leaf else 12) + 2 * page.cell_count,
                        page.content_start)


def assert_matches_dbstat(conn, db, name):
    """Tree pages, cell counts, free bytes, local payload and overflow pages agree with dbstat."""
    stat = {}
    for pageno, pagetype, ncell, unused, payload in conn.execute(
            "SELECT pageno, pagetype, ncell, unused, payload FROM dbstat WHERE name=?", (name,)):
        # dbstat reads a content-area start of 0 as 0, not as 65536, so an
        # empty 65536-byte page shows up with negative free space.
        stat[pageno] = (pagetype, ncell, unused % 65536 if unused < 0 else unused, payload)
    root = db.rootpage(name)
    mine = {}
    for p in db.tree(root):
        unused = p.gap[1] - p.gap[0] + sum(s for _, s in p.freeblocks) + p.fragmented_bytes
        mine[p.number] = ("leaf" if p.is_leaf else "internal", p.cell_count, unused,
                          sum(c.local_size for c in p.cells))
        assert_page_accounted(db, p)
    overflow = set(db.overflow_pages(root))
    assert {n for n, s in stat.items() if s[0] == "overflow"} == overflow
    assert {n: s for n, s in stat.items() if s[0] != "overflow"} == mine


def assert_pages_partitioned(conn, db):
    """Trees, overflow chains, freelist and pointer map cover every page exactly once."""
    owner: dict = {}

    def claim(number, what):
        """Record the owner of a page; a page may have only one."""
        assert number not in owner, f"page {number} is {owner.get(number)} and {what}"
        owner[number] = what

    roots = {1} | {e.rootpage for e in db.schema() if e.rootpage}
    for root in roots:
        for page in db.tree(root):
            claim(page.number, f"tree {root}")
            for cell in page.cells:
                for n in cell.overflow_pages:
                    claim(n, f"overflow of tree {root}")
    for n in db.freelist().pages:
        claim(n, "free")
    for n in db.ptrmap_pages():
        claim(n, "ptrmap")
    page_count = conn.execute("PRAGMA page_count").fetchone()[0]
    assert db.page_count == page_count
    assert set(owner) == set(range(1, page_count + 1))


def random_text(rng, n) -> str:
    """Mixed ASCII/Chinese text of n characters."""
    return "".join(rng.choice("abcxyz0123" + CHINESE) for _ in range(n))


# --------------------------------------------------------------------------
# Header, schema, records


@pytest.mark.parametrize("page_size", [1024, 4096, 8192, 65536])
def test_header_and_pages_match_sqlite(tmp_path, page_size):
    path = tmp_path / "h.db"
    rng = random.Random(page_size)
    with connect(path, page_size=page_size, secure_delete=False) as conn:
        conn.execute("PRAGMA user_version=42")
        conn.execute("PRAGMA application_id=1234567")
        conn.execute("CREATE TABLE t(a, b, c)")
        conn.execute("CREATE INDEX t_b ON t(b)")
        conn.execute("CREATE TABLE w(k INTEGER, s TEXT, v, PRIMARY KEY(s, k)) WITHOUT ROWID")
        conn.execute("CREATE TABLE empty(x)")
        conn.execute("BEGIN")
        for i in range(1500):
            text = random_text(rng, rng.randrange(0, 80))
            blob = rng.randbytes(rng.choice([0, 10, 3000, 70000])) if i % 50 == 0 else None
            conn.execute("INSERT INTO t VALUES (?, ?, ?)", (i * 7919 - 5000, text, blob))
            conn.execute("INSERT INTO w VALUES (?, ?, ?)", (i, text, blob or i / 3))
        conn.execute("COMMIT")
        conn.execute("DELETE FROM t WHERE a % 3 = 0")
        db = Database.open(path)

        h = db.header
        assert h.page_size == conn.execute("PRAGMA page_size").fetchone()[0] == page_size
        assert db.page_count == conn.execute("PRAGMA page_count").fetchone()[0]
        assert h.page_count == db.page_count
        assert h.freelist_count == conn.execute("PRAGMA freelist_count").fetchone()[0]
        assert h.schema_cookie == conn.execute("PRAGMA schema_version").fetchone()[0]
        assert h.user_version == 42 and h.application_id == 1234567
        assert h.text_encoding == "utf-8" and h.reserved_bytes == 0
        assert (h.max_payload_fraction, h.min_payload_fraction, h.leaf_payload_fraction) == (64, 32, 32)
        assert h.sqlite_version_number == sqlite3.sqlite_version_info[0] * 1000000 + \
            sqlite3.sqlite_version_info[1] * 1000 + sqlite3.sqlite_version_info[2]
        raw = path.read_bytes()
        assert db.page(3) == raw[2 * page_size:3 * page_size]

        assert reader_rows(db, "t") == sqlite_rows(conn, "t")
        assert [typed(r.values) for r in db.rows("t_b")] == [
            typed(r) for r in conn.execute("SELECT b, rowid FROM t ORDER BY b, rowid")]
        # WITHOUT ROWID: primary key columns first, then the rest in declaration order.
        assert [typed(r.values) for r in db.rows("w")] == [
            typed(r) for r in conn.execute("SELECT s, k, v FROM w ORDER BY s, k")]
        assert all(r.rowid is None for r in db.rows("w"))
        for name in ("t", "t_b", "w", "empty"):
            assert_matches_dbstat(conn, db, name)
        assert_pages_partitioned(conn, db)
    (empty,) = db.tree(db.rootpage("empty"))
    assert empty.cell_count == 0 and empty.content_start == db.usable_size


def test_stale_in_header_page_count_is_ignored(tmp_path):
    path = tmp_path / "stale.db"
    with connect(path) as conn:
        conn.execute("CREATE TABLE t(x)")
        conn.executemany("INSERT INTO t VALUES (?)", [(CHINESE * 50,)] * 40)
    raw = bytearray(path.read_bytes())
    # As if a legacy writer had grown the file without maintaining the count.
    struct.pack_into(">I", raw, 28, 3)
    struct.pack_into(">I", raw, 92, struct.unpack_from(">I", raw, 24)[0] - 1)
    path.write_bytes(bytes(raw))
    with connect(path) as conn:
        page_count = conn.execute("PRAGMA page_count").fetchone()[0]
        expected = sqlite_rows(conn, "t")
    db = Database.open(path)
    assert db.header.page_count == 3
    assert db.page_count == page_count == len(raw) // db.page_size > 3
    assert reader_rows(db, "t") == expected


def test_file_change_counter_counts_transactions(tmp_path):
    path = tmp_path / "c.db"
    with connect(path) as conn:
        conn.execute("CREATE TABLE t(x)")
        before = Database.open(path).header
        for i in range(3):
            conn.execute("INSERT INTO t VALUES (?)", (i,))
        after = Database.open(path).header
    # The format document: incremented on every committed change (rollback mode).
    assert after.file_change_counter == before.file_change_counter + 3
    assert after.version_valid_for == after.file_change_counter


def test_schema_matches_sqlite_master(tmp_path):
    path = tmp_path / "s.db"
    with connect(path) as conn:
        conn.executescript("""
            CREATE TABLE u(id INTEGER PRIMARY KEY, email TEXT UNIQUE, name);
            CREATE INDEX u_name ON u(name) WHERE name IS NOT NULL;
            CREATE VIEW v AS SELECT name FROM u;
            CREATE TRIGGER tr AFTER INSERT ON u BEGIN SELECT 1; END;
            CREATE TABLE k(a, b, PRIMARY KEY(a, b)) WITHOUT ROWID;
        """)
        expected = [tuple(r) for r in conn.execute(
            "SELECT type, name, tbl_name, rootpage, sql FROM sqlite_master ORDER BY rowid")]
    schema = Database.open(path).schema()
    assert [(e.type, e.name, e.tbl_name, e.rootpage, e.sql) for e in schema] == expected
    assert any(e.sql is None for e in schema)  # the UNIQUE autoindex has no SQL


# Values chosen at every serial type boundary of the format document.
SERIAL_CASES = [
    (None, 0), (2, 1), (-1, 1), (127, 1), (-128, 1), (128, 2), (-129, 2),
    (32767, 2), (-32768, 2), (32768, 3), (8388607, 3), (-8388608, 3), (8388608, 4),
    (2**31 - 1, 4), (-2**31, 4), (2**31, 5), (2**47 - 1, 5), (-2**47, 5), (2**47, 6),
    (2**63 - 1, 6), (-2**63, 6), (1.5, 7), (-2.25e-300, 7), (float("inf"), 7),
    (0, 8), (1, 9), ("", 13), ("abc", 19), (CHINESE, 13 + 2 * len(CHINESE.encode())),
    (b"", 12), (b"\x00\xff\x10", 18),
]


def test_every_serial_type(tmp_path):
    path = tmp_path / "v.db"
    with connect(path) as conn:
        conn.execute("CREATE TABLE v(x)")  # no affinity: values stored as given
        for value, _ in SERIAL_CASES:
            conn.execute("INSERT INTO v VALUES (?)", (value,))
        expected = sqlite_rows(conn, "v")
    db = Database.open(path)
    assert reader_rows(db, "v") == expected
    cells = [c for p in db.tree(db.rootpage("v")) if p.is_leaf for c in p.cells]
    assert [c.record.serial_types for c in cells] == [(t,) for _, t in SERIAL_CASES]


def test_rowids_of_every_varint_length(tmp_path):
    path = tmp_path / "r.db"
    rowids = [-2**63, -1, 0, 1, 127, 128, 16383, 16384, 2**21, 2**28, 2**35,
              2**42, 2**49, 2**56, 2**63 - 1]
    with connect(path) as conn:
        conn.execute("CREATE TABLE r(x)")
        for rowid in rowids:
            conn.execute("INSERT INTO r(rowid, x) VALUES (?, ?)", (rowid, str(rowid)))
        expected = sqlite_rows(conn, "r")
    assert reader_rows(Database.open(path), "r") == expected
    assert [r[0][1] for r in expected] == rowids


def test_varint_decoder_against_format_examples():
    # Examples from the format document: 9-byte varints use all 8 bits of the last byte.
    assert read_varint(b"\x7f", 0) == (127, 1)
    assert read_varint(b"\x81\x00", 0) == (128, 2)
    assert read_varint(b"\xff" * 9, 0) == (2**64 - 1, 9)
    assert read_varint(b"\x00\x81\x80\x00", 1) == (16384, 3)


def test_integer_primary_key_is_stored_as_null(tmp_path):
    path = tmp_path / "p.db"
    with connect(path) as conn:
        conn.execute("CREATE TABLE p(id INTEGER PRIMARY KEY, x)")
        conn.executemany("INSERT INTO p VALUES (?, ?)", [(5, "a"), (-9, "b"), (2**40, "c")])
        expected = [tuple(r) for r in conn.execute("SELECT id, x FROM p ORDER BY id")]
    rows = Database.open(path).rows("p")
    assert [(r.rowid, r.values[1]) for r in rows] == expected
    assert all(r.values[0] is None for r in rows)


def test_real_affinity_stores_integral_floats_as_integers(tmp_path):
    path = tmp_path / "f.db"
    with connect(path) as conn:
        conn.execute("CREATE TABLE f(x REAL)")
        conn.executemany("INSERT INTO f VALUES (?)", [(3.0,), (2.5,), (-7,)])
        expected = [tuple(r) for r in conn.execute("SELECT x, typeof(x) FROM f ORDER BY rowid")]
    db = Database.open(path)
    cells = db.tree(db.rootpage("f"))[0].cells
    assert expected == [(3.0, "real"), (2.5, "real"), (-7.0, "real")]
    # sqlite3 says REAL, yet the file holds 1-byte integers for the integral ones.
    assert [c.record.serial_types for c in cells] == [(1,), (7,), (1,)]
    assert [c.values[0] for c in cells] == [x for x, _ in expected]


@pytest.mark.parametrize("encoding", ["UTF-8", "UTF-16le", "UTF-16be"])
def test_text_encodings(tmp_path, encoding):
    path = tmp_path / "e.db"
    texts = [CHINESE, "𠀀 outside the BMP 😀", "", "ascii", CHINESE * 200]
    with connect(path, encoding=encoding, page_size=1024) as conn:
        conn.execute("CREATE TABLE 表(名称 TEXT, n)")
        conn.execute("CREATE INDEX 表_名称 ON 表(名称)")
        conn.executemany("INSERT INTO 表 VALUES (?, ?)", [(t, i) for i, t in enumerate(texts)])
        actual_encoding = conn.execute("PRAGMA encoding").fetchone()[0]
        expected = sqlite_state(conn)
        index = [typed(r) for r in conn.execute("SELECT 名称, rowid FROM 表 ORDER BY 名称, rowid")]
        db = Database.open(path)
        assert_matches_dbstat(conn, db, "表")
    assert db.header.text_encoding == {"UTF-8": "utf-8", "UTF-16le": "utf-16-le",
                                       "UTF-16be": "utf-16-be"}[actual_encoding]
    assert actual_encoding == encoding
    assert reader_state(db) == expected
    assert [typed(r.values) for r in db.rows("表_名称")] == index


# --------------------------------------------------------------------------
# Tree shape, overflow, WITHOUT ROWID


def test_multilevel_trees(tmp_path):
    path = tmp_path / "m.db"
    rng = random.Random(7)
    with connect(path, page_size=1024) as conn:
        conn.execute("CREATE TABLE t(a, b)")
        conn.execute("CREATE INDEX t_b ON t(b, a)")
        conn.execute("BEGIN")
        for i in range(4000):
            conn.execute("INSERT INTO t VALUES (?, ?)", (i, random_text(rng, rng.randrange(5, 40))))
        conn.execute("COMMIT")
        db = Database.open(path)
        assert reader_rows(db, "t") == sqlite_rows(conn, "t")
        index_rows = db.rows("t_b")
        assert [typed(r.values) for r in index_rows] == [
            typed(r) for r in conn.execute("SELECT b, a, rowid FROM t ORDER BY b, a, rowid")]
        for name in ("t", "t_b"):
            assert_matches_dbstat(conn, db, name)
        assert_pages_partitioned(conn, db)

    for name in ("t", "t_b"):
        pages = {p.number: p for p in db.tree(db.rootpage(name))}
        root = pages[db.rootpage(name)]
        # Depth three at least: the root's children are interior pages.
        assert not root.is_leaf and not pages[root.children[0]].is_leaf
    # Index interior cells are entries too (a B-tree, not a B+tree).
    interior = {p.number for p in db.tree(db.rootpage("t_b")) if not p.is_leaf}
    assert any(r.page in interior for r in index_rows)
    # Every row's (page, offset) points at a cell holding that row.
    for r in db.rows("t")[::97]:
        cell = next(c for c in db.btree_page(r.page).cells if c.offset == r.offset)
        assert cell.rowid == r.rowid


@pytest.mark.parametrize("page_size", [1024, 65536])
def test_overflow_pages(tmp_path, page_size):
    path = tmp_path / "o.db"
    rng = random.Random(page_size)
    usable = page_size
    table_max_local = usable - 35
    index_max_local = (usable - 12) * 64 // 255 - 23
    sizes = sorted({1, table_max_local - 10, table_max_local - 1, table_max_local, table_max_local + 1,
                    index_max_local, index_max_local + 1, 3 * usable, 200_000})
    with connect(path, page_size=page_size) as conn:
        conn.execute("CREATE TABLE big(n, data, label)")
        conn.execute("CREATE INDEX big_label ON big(label)")
        for n in sizes:
            conn.execute("INSERT INTO big VALUES (?, ?, ?)",
                         (n, rng.randbytes(n), random_text(rng, n // 3 + 1)))
        db = Database.open(path)
        assert reader_rows(db, "big") == sqlite_rows(conn, "big")
        assert [typed(r.values) for r in db.rows("big_label")] == [
            typed(r) for r in conn.execute("SELECT label, rowid FROM big ORDER BY label, rowid")]
        assert_matches_dbstat(conn, db, "big")
        assert_matches_dbstat(conn, db, "big_label")
        assert_pages_partitioned(conn, db)
    assert db.overflow_pages(db.rootpage("big")) and db.overflow_pages(db.rootpage("big_label"))


def blob_for_payload(payload: int) -> int:
    """Blob length whose one-column record is exactly `payload` bytes (format document sizes)."""
    for n in range(payload, 0, -1):
        serial = 12 + 2 * n
        serial_len = next(i for i in range(1, 10) if serial < 1 << (7 * i))
        if 1 + serial_len + n == payload:
            return n
    raise ValueError(payload)


@pytest.mark.parametrize("page_size", [1024, 4096, 65536])
def test_payloads_at_the_overflow_boundaries(tmp_path, page_size):
    path = tmp_path / "edge.db"
    u = page_size
    m = (u - 12) * 32 // 255 - 23
    table_x, index_x = u - 35, (u - 12) * 64 // 255 - 23
    # X, X+1 and the sizes where K = M + (P-M) % (U-4) lands on X and X+1.
    table_payloads = [table_x, table_x + 1, table_x + u - 4, table_x + u - 3, m + 2 * (u - 4) - 1]
    index_payloads = [index_x, index_x + 1, index_x + u - 4, index_x + u - 3, m + 2 * (u - 4) - 1]
    with connect(path, page_size=page_size) as conn:
        conn.execute("CREATE TABLE tb(x)")
        conn.execute("CREATE TABLE ib(x BLOB PRIMARY KEY) WITHOUT ROWID")
        for i, payload in enumerate(table_payloads):
            conn.execute("INSERT INTO tb VALUES (?)", (bytes([i]) * blob_for_payload(payload),))
        for i, payload in enumerate(index_payloads):
            conn.execute("INSERT INTO ib VALUES (?)", (bytes([i]) * blob_for_payload(payload),))
        db = Database.open(path)
        assert reader_rows(db, "tb") == sqlite_rows(conn, "tb")
        assert [typed(r.values) for r in db.rows("ib")] == [
            typed(r) for r in conn.execute("SELECT x FROM ib ORDER BY x")]
        assert_matches_dbstat(conn, db, "tb")
        assert_matches_dbstat(conn, db, "ib")
    cells = [c for name in ("tb", "ib") for p in db.tree(db.rootpage(name)) for c in p.cells]
    assert sorted(c.payload_size for c in cells if c.payload_size) == sorted(table_payloads + index_payloads)


def test_without_rowid_tiny_cells(tmp_path):
    path = tmp_path / "w.db"
    with connect(path) as conn:
        conn.execute("CREATE TABLE k(id INTEGER PRIMARY KEY) WITHOUT ROWID")
        conn.executemany("INSERT INTO k VALUES (?)", [(0,), (1,), (2,), (-1,)])
        conn.execute("DELETE FROM k WHERE id = 1")
        expected = [tuple(r) for r in conn.execute("SELECT id FROM k ORDER BY id")]
        db = Database.open(path)
        assert_matches_dbstat(conn, db, "k")
    # The records of 0 and 1 are 2 bytes (serial types 8/9), so their cells are
    # 3 bytes, yet each occupies 4 so it can later become a freeblock.
    page = db.tree(db.rootpage("k"))[0]
    assert [r.values for r in db.rows("k")] == expected
    assert [c.size for c in page.cells if c.values == (0,)] == [4]
    assert_page_accounted(db, page)


# --------------------------------------------------------------------------
# Deleted data: freeblocks, freelist, secure_delete


@pytest.mark.parametrize("secure", [False, True])
def test_deleted_cells_become_freeblocks(tmp_path, secure):
    path = tmp_path / "d.db"
    markers = [f"SECRET-{i:02d}-" + "q" * 40 for i in range(30)]
    deleted = [4, 5, 17, 25]  # 4 and 5 are neighbours and merge into one freeblock
    with connect(path, secure_delete=secure) as conn:
        conn.execute("CREATE TABLE t(x)")
        for m in markers:
            conn.execute("INSERT INTO t VALUES (?)", (m,))
        for i in deleted:
            conn.execute("DELETE FROM t WHERE x = ?", (markers[i],))
        expected = sqlite_rows(conn, "t")
        db = Database.open(path)
        assert_matches_dbstat(conn, db, "t")
    (page,) = db.tree(db.rootpage("t"))
    assert reader_rows(db, "t") == expected
    assert len(page.freeblocks) == 3
    raw = db.page(page.number)
    blocks = [raw[o + 4:o + s] for o, s in page.freeblocks]  # past the 4-byte link/size
    if secure:
        assert all(b == bytes(len(b)) for b in blocks)
        file_bytes = path.read_bytes()
        assert not any(markers[i].encode() in file_bytes for i in deleted)
    else:
        # Without secure_delete, the deleted text stays readable inside freeblocks.
        assert all(any(markers[i].encode() in b for b in blocks) for i in deleted)


@pytest.mark.parametrize("secure", [False, True])
def test_freelist_pages(tmp_path, secure):
    path = tmp_path / "fl.db"
    markers = [f"GONE-{i:04d}-" + "z" * 300 for i in range(800)]
    with connect(path, page_size=1024, secure_delete=secure) as conn:
        conn.execute("CREATE TABLE t(x)")
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO t VALUES (?)", [(m,) for m in markers])
        conn.execute("COMMIT")
        conn.execute("DELETE FROM t WHERE rowid BETWEEN 100 AND 700")
        free_count = conn.execute("PRAGMA freelist_count").fetchone()[0]
        db = Database.open(path)
        assert reader_rows(db, "t") == sqlite_rows(conn, "t")
        assert_pages_partitioned(conn, db)
        assert_matches_dbstat(conn, db, "t")
    freelist = db.freelist()
    assert free_count > 100
    assert len(freelist.pages) == len(freelist.trunks) + len(freelist.leaves) == free_count
    assert db.header.freelist_count == free_count
    assert freelist.trunks[0] == db.header.freelist_trunk
    gone = [m.encode() for m in markers[99:700]]
    leaf_bytes = [db.page(n) for n in freelist.leaves]
    if secure:
        assert all(b == bytes(len(b)) for b in leaf_bytes)
        for n in freelist.trunks:
            count = struct.unpack(">I", db.page(n)[4:8])[0]
            assert db.page(n)[8 + 4 * count:] == bytes(1024 - 8 - 4 * count)
    else:
        found = sum(any(g in b for g in gone) for b in leaf_bytes)
        assert found > len(leaf_bytes) // 2


def test_autovacuum_pointer_map(tmp_path):
    path = tmp_path / "av.db"
    rng = random.Random(3)
    with connect(path, page_size=1024, auto_vacuum="INCREMENTAL") as conn:
        conn.execute("CREATE TABLE t(x, y)")
        conn.execute("CREATE INDEX t_x ON t(x)")
        conn.execute("BEGIN")
        for i in range(500):
            conn.execute("INSERT INTO t VALUES (?, ?)", (random_text(rng, 60), rng.randbytes(i * 7 % 2500)))
        conn.execute("COMMIT")
        conn.execute("DELETE FROM t WHERE rowid % 4 = 0")
        assert conn.execute("PRAGMA auto_vacuum").fetchone()[0] == 2
        db = Database.open(path)
        assert reader_rows(db, "t") == sqlite_rows(conn, "t")
        assert_pages_partitioned(conn, db)
    assert db.header.largest_root_page == max(e.rootpage for e in db.schema())
    assert db.header.incremental_vacuum == 1
    assert len(db.ptrmap_pages()) >= 2

    expected = {n: (PTRMAP_FREEPAGE, 0) for n in db.freelist().pages}
    for root in {e.rootpage for e in db.schema() if e.rootpage}:
        expected[root] = (PTRMAP_ROOTPAGE, 0)
        for page in db.tree(root):
            for child in page.children:
                expected[child] = (PTRMAP_BTREE, page.number)
            for cell in page.cells:
                parents = [page.number, *cell.overflow_pages]
                for i, n in enumerate(cell.overflow_pages):
                    expected[n] = (PTRMAP_OVERFLOW1 if i == 0 else PTRMAP_OVERFLOW2, parents[i])
    assert db.ptrmap() == {n: e for n, e in expected.items() if n != 1}
    assert set(db.ptrmap()) == set(range(2, db.page_count + 1)) - set(db.ptrmap_pages())


# --------------------------------------------------------------------------
# WAL and -shm


WAL_STEPS = [
    ["CREATE TABLE t(a, b)"],
    ["INSERT INTO t VALUES (1, 'one')", "INSERT INTO t VALUES (2, '二')"],
    [f"INSERT INTO t VALUES ({i}, '{CHINESE * (i % 5)}')" for i in range(3, 300)],
    ["UPDATE t SET b = 'updated' WHERE a % 10 = 0"],
    ["DELETE FROM t WHERE a BETWEEN 50 AND 250"],
    ["CREATE INDEX t_b ON t(b)", "CREATE TABLE big(x)"],
    ["INSERT INTO big VALUES (randomblob(50000))"],
    ["DELETE FROM big", "INSERT INTO t VALUES (999, 'last')"],
    ["VACUUM"],  # shrinks the database: later commits are smaller than earlier ones
]


def run_wal_steps(tmp_path, page_size=1024):
    """Run WAL_STEPS in WAL mode; return (state before, state after each commit, db, wal, shm bytes).

    The files are copied while the connection is open, so the WAL has not
    been checkpointed into the main file.
    """
    path = tmp_path / "wal.db"
    states = []
    with connect(path, page_size=page_size) as conn:
        assert conn.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"
        conn.execute("PRAGMA wal_autocheckpoint=0")
        base = sqlite_state(conn)
        for step in WAL_STEPS:
            transaction = step != ["VACUUM"]  # VACUUM refuses to run inside BEGIN
            if transaction:
                conn.execute("BEGIN")
            for sql in step:
                conn.execute(sql)
            if transaction:
                conn.execute("COMMIT")
            state = sqlite_state(conn)
            state["page_count"] = conn.execute("PRAGMA page_count").fetchone()[0]
            states.append(state)
        files = [Path(f"{path}{suffix}").read_bytes() for suffix in ("", "-wal", "-shm")]
    return base, states, *files


@pytest.mark.parametrize("page_size", [1024, 4096])
def test_wal_snapshot_after_every_commit(tmp_path, page_size):
    base, states, db_bytes, wal_bytes, _ = run_wal_steps(tmp_path, page_size)
    wal = Wal.from_bytes(wal_bytes)
    assert wal.header.page_size == page_size and wal.header.checksum_ok
    assert wal.header.format_version == 3007000
    assert all(f.valid for f in wal.frames)
    assert len(wal.commits) == len(WAL_STEPS)
    assert states[-1]["page_count"] < states[-2]["page_count"]  # VACUUM shrank it
    assert reader_state(Database.from_bytes(wal.snapshot(db_bytes, 0))) == base
    for n, state in enumerate(states, 1):
        snapshot = wal.snapshot(db_bytes, n)
        db = Database.from_bytes(snapshot)
        assert wal.commits[n - 1].db_size == state["page_count"] == db.page_count
        assert len(snapshot) == state["page_count"] * page_size
        expected = {k: v for k, v in state.items() if k != "page_count"}
        assert reader_state(db) == expected, f"after commit {n}"


@pytest.mark.parametrize("page_size", [1024, 65536])
def test_shm_agrees_with_wal(tmp_path, page_size):
    _, _, _, wal_bytes, shm_bytes = run_wal_steps(tmp_path, page_size)
    wal, shm = Wal.from_bytes(wal_bytes), Shm.from_bytes(shm_bytes)
    h = shm.header
    assert shm.headers[0] == shm.headers[1]
    assert h.checksum_ok and h.is_init == 1 and h.version == 3007000
    last = wal.commits[-1]
    assert h.mx_frame == last.last_frame == len(wal.frames)
    assert h.n_page == last.db_size
    assert h.page_size == wal.header.page_size == page_size
    assert (h.salt1, h.salt2) == (wal.header.salt1, wal.header.salt2)
    assert h.frame_checksum == (last.frames[-1].checksum1, last.frames[-1].checksum2)
    assert bool(h.big_endian_checksums) == wal.header.big_endian_checksums
    assert shm.checkpoint.n_backfill == 0
    assert shm.frame_pages() == [f.page_number for f in wal.frames]
    for commit in wal.commits:
        for page in {f.page_number for f in wal.frames}:
            latest = [f.index for f in wal.frames[:commit.last_frame] if f.page_number == page]
            assert shm.find_frame(page, commit.last_frame) == (latest[-1] if latest else None)
    assert shm.find_frame(10**6) is None


def test_shm_second_hash_table(tmp_path):
    path = tmp_path / "many.db"
    with connect(path, page_size=512) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA wal_autocheckpoint=0")
        conn.execute("PRAGMA cache_size=10")  # spill often: more frames, rewritten pages
        conn.execute("CREATE TABLE t(x)")
        conn.execute("BEGIN")
        for _ in range(4300):
            conn.execute("INSERT INTO t VALUES (randomblob(400))")
        conn.execute("COMMIT")
        conn.execute("UPDATE t SET x = 'small' WHERE rowid % 1000 = 0")
        expected = sqlite_state(conn)
        db_bytes, wal_bytes, shm_bytes = (Path(f"{path}{s}").read_bytes() for s in ("", "-wal", "-shm"))
    wal, shm = Wal.from_bytes(wal_bytes), Shm.from_bytes(shm_bytes)
    assert shm.header.mx_frame == len(wal.frames) > 4062 + 200
    assert shm.frame_pages() == [f.page_number for f in wal.frames]
    latest = {f.page_number: f.index for f in wal.frames}
    assert all(shm.find_frame(p) == i for p, i in latest.items())
    assert reader_state(Database.from_bytes(wal.snapshot(db_bytes))) == expected


def test_checkpoint_info_and_backfilled_file(tmp_path):
    path = tmp_path / "ck.db"
    with connect(path, page_size=1024) as conn:
        conn.execute("CREATE TABLE t(x)")  # in rollback mode: the main file is big
        conn.executemany("INSERT INTO t VALUES (?)", [(CHINESE * i,) for i in range(60)])
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA wal_autocheckpoint=0")
        conn.execute("DELETE FROM t WHERE rowid > 10")
        conn.execute("VACUUM")
        conn.executemany("INSERT INTO t VALUES (?)", [(f"new {i}",) for i in range(5)])
        expected = sqlite_state(conn)
        before = path.read_bytes()
        busy, log, done = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        after, wal_bytes, shm_bytes = (Path(f"{path}{s}").read_bytes() for s in ("", "-wal", "-shm"))
    shm, wal = Shm.from_bytes(shm_bytes), Wal.from_bytes(wal_bytes)
    assert busy == 0 and shm.checkpoint.n_backfill == done == log == shm.header.mx_frame
    assert len(shm.checkpoint.read_marks) == 5
    # A complete checkpoint writes exactly the snapshot into the main file,
    # truncated to the size of the last commit.
    assert len(after) < len(before)
    assert wal.snapshot(before) == after
    assert reader_state(Database.from_bytes(after)) == expected


def reopen_with_sqlite(tmp_path, db_bytes, wal_bytes) -> dict:
    """What sqlite3 itself reads from a database + WAL pair (no -shm: it recovers)."""
    where = tmp_path / "reopen"
    where.mkdir()
    (where / "x.db").write_bytes(db_bytes)
    (where / "x.db-wal").write_bytes(wal_bytes)
    with connect(where / "x.db") as conn:
        return sqlite_state(conn)


def test_corrupt_frame_ends_the_log(tmp_path):
    _, states, db_bytes, wal_bytes, _ = run_wal_steps(tmp_path)
    wal = Wal.from_bytes(wal_bytes)
    victim = wal.commits[3].frames[0]  # first frame of the fourth commit
    damaged = bytearray(wal_bytes)
    damaged[victim.offset + 24 + 100] ^= 0x01
    hurt = Wal.from_bytes(bytes(damaged))
    assert len(hurt.commits) == 3
    assert not hurt.frames[victim.index - 1].checksum_ok
    # The next frame is intact but no longer valid: the checksum is cumulative.
    following = hurt.frames[victim.index]
    assert following.checksum_ok and not following.valid
    seen_by_sqlite = reopen_with_sqlite(tmp_path, db_bytes, bytes(damaged))
    assert seen_by_sqlite == {k: v for k, v in states[2].items() if k != "page_count"}
    assert reader_state(Database.from_bytes(hurt.snapshot(db_bytes))) == seen_by_sqlite


def test_restarted_wal_ignores_stale_frames(tmp_path):
    path = tmp_path / "rs.db"
    with connect(path, page_size=1024) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA wal_autocheckpoint=0")
        conn.execute("CREATE TABLE t(x)")
        conn.executemany("INSERT INTO t VALUES (?)", [(f"old-{i}",) for i in range(300)])
        first_salts = Wal.open(f"{path}-wal").header
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        conn.execute("INSERT INTO t VALUES ('after restart')")  # rewinds the WAL
        expected = sqlite_state(conn)
        db_bytes, wal_bytes, shm_bytes = (Path(f"{path}{s}").read_bytes() for s in ("", "-wal", "-shm"))
    wal = Wal.from_bytes(wal_bytes)
    assert wal.header.checkpoint_sequence == first_salts.checkpoint_sequence + 1
    assert wal.header.salt1 == (first_salts.salt1 + 1) & 0xFFFFFFFF
    assert len(wal.commits) == 1
    stale = wal.frames[wal.commits[0].last_frame:]
    assert stale and not any(f.salt_ok or f.valid for f in stale)
    # Stale frames still carry old page images: readable by an attacker.
    assert any(b"old-" in f.data for f in stale)
    assert reader_state(Database.from_bytes(wal.snapshot(db_bytes))) == expected
    assert reopen_with_sqlite(tmp_path, db_bytes, wal_bytes) == expected
    shm = Shm.from_bytes(shm_bytes)
    assert shm.header.mx_frame == wal.commits[0].last_frame
    assert (shm.header.salt1, shm.header.salt2) == (wal.header.salt1, wal.header.salt2)


def recode_wal(wal_bytes: bytes, magic: int, big_endian: bool) -> bytes:
    """Rewrite a WAL with another magic number and checksums in the given byte order."""
    wal = Wal.from_bytes(wal_bytes)
    out = bytearray(wal_bytes)
    struct.pack_into(">I", out, 0, magic)
    running = wal_checksum(bytes(out[:24]), 0, 0, big_endian)
    struct.pack_into(">2I", out, 24, *running)
    size = 24 + wal.header.page_size
    for frame in wal.frames:
        at = frame.offset
        running = wal_checksum(bytes(out[at:at + 8]), *running, big_endian)
        running = wal_checksum(bytes(out[at + 24:at + size]), *running, big_endian)
        struct.pack_into(">2I", out, at + 16, *running)
    return bytes(out)


def test_big_endian_checksums(tmp_path):
    _, states, db_bytes, wal_bytes, _ = run_wal_steps(tmp_path)
    recoded = recode_wal(wal_bytes, WAL_MAGIC_BE, big_endian=True)
    wal = Wal.from_bytes(recoded)
    assert wal.header.big_endian_checksums and all(f.valid for f in wal.frames)
    assert len(wal.commits) == len(WAL_STEPS)
    final = {k: v for k, v in states[-1].items() if k != "page_count"}
    assert reopen_with_sqlite(tmp_path, db_bytes, recoded) == final
    assert reader_state(Database.from_bytes(wal.snapshot(db_bytes))) == final


def test_wrong_checksum_byte_order_invalidates_everything(tmp_path):
    base, _, db_bytes, wal_bytes, _ = run_wal_steps(tmp_path)
    mismatched = recode_wal(wal_bytes, Wal.from_bytes(wal_bytes).header.magic, big_endian=True)
    wal = Wal.from_bytes(mismatched)
    assert not wal.header.checksum_ok and wal.commits == []
    assert reopen_with_sqlite(tmp_path, db_bytes, mismatched) == base


# --------------------------------------------------------------------------
# Write-order estimate


def test_offsets_reveal_insertion_order_on_a_page(tmp_path):
    path = tmp_path / "o.db"
    rng = random.Random(11)
    rowids = rng.sample(range(1, 100000), 40)
    with connect(path) as conn:
        conn.execute("CREATE TABLE t(x)")
        for rowid in rowids:
            conn.execute("INSERT INTO t(rowid, x) VALUES (?, ?)", (rowid, f"row {rowid}"))
        key_order = [r[0] for r in conn.execute("SELECT rowid FROM t ORDER BY rowid")]
    db = Database.open(path)
    (page,) = db.tree(db.rootpage("t"))
    assert [c.rowid for c in page.cells] == key_order != rowids
    assert [c.rowid for c in cells_by_offset(page)] == rowids


def test_offsets_reveal_insertion_order_in_an_index_btree(tmp_path):
    path = tmp_path / "ow.db"
    rng = random.Random(12)
    keys = [random_text(rng, 6) for _ in range(50)]
    with connect(path) as conn:
        conn.execute("CREATE TABLE w(k TEXT PRIMARY KEY, v) WITHOUT ROWID")
        for i, k in enumerate(keys):
            conn.execute("INSERT INTO w VALUES (?, ?)", (k, i))
        key_order = [r[0] for r in conn.execute("SELECT k FROM w ORDER BY k")]
    db = Database.open(path)
    (page,) = db.tree(db.rootpage("w"))
    assert [c.values[0] for c in page.cells] == key_order != keys
    assert [c.values[0] for c in cells_by_offset(page)] == keys


def test_write_order_across_pages_of_a_growing_table(tmp_path):
    path = tmp_path / "g.db"
    rng = random.Random(13)
    with connect(path, page_size=1024) as conn:
        conn.execute("CREATE TABLE t(x)")
        for _ in range(2500):
            conn.execute("INSERT INTO t VALUES (?)", (random_text(rng, rng.randrange(20, 60)),))
        inserted = [r[0] for r in conn.execute("SELECT rowid FROM t ORDER BY rowid")]
    db = Database.open(path)
    pages = db.tree(db.rootpage("t"))
    assert sum(not p.is_leaf for p in pages) > 1  # the root split at least once
    assert [c.rowid for c in write_order(pages)] == inserted
    assert write_order(list(reversed(pages))) == write_order(pages)
