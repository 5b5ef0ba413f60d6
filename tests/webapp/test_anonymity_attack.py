"""Back-to-back, attacked as an outsider would: a real round over HTTP, copies of the files
taken during it, and every way we know of tying a response to its rater (anonymity_attack.py,
on our own reader of the SQLite file format). The same attack on the layout sanding used
before (schema version 8) ties every response, so the attack is able to fail the product."""
from __future__ import annotations

import json
import random
import re
import secrets
import sqlite3
from pathlib import Path

import pytest

from webapp import store

from anonymity_attack import Copy, attack, readable_responses, residue, score
from live_server import Browser, cli, running_server, server_env
from sqlite_file import Database

RATERS = 40
DEPARTMENTS = [f"示例市第{number:02d}局" for number in range(1, 17)]
CHANCE_BAR = 5  # of 40: guessing gets 1 on average, 5 or more once in some 270 tries
SEED = 2026
pytestmark = pytest.mark.slow


def _ratings(rater: int) -> list[int]:
    """Rater `rater`'s option index for each department (the county scale 好/较好/一般/差),
    different for every rater."""
    draw = random.Random(f"{SEED}-{rater}")
    return [draw.randrange(4) for _ in DEPARTMENTS]


def _fingerprint(rater: int) -> str:
    """The comment that identifies a rater's response to the test (and to nobody else: it
    says nothing about the rater, and sorting comments sorts nothing about raters)."""
    return "意见" + random.Random(f"{SEED}-comment-{rater}").choice("甲乙丙丁戊己庚辛") + \
        f"{random.Random(f'{SEED}-tag-{rater}').getrandbits(32):08x}"


def _copy(path: Path, name: str) -> Copy:
    """The files as an attacker would copy them at this moment."""
    def read(suffix: str) -> bytes | None:
        try:
            return Path(f"{path}{suffix}").read_bytes()
        except FileNotFoundError:
            return None
    return Copy(name, read(""), read("-wal"), read("-shm"))


@pytest.fixture(scope="module")
def attacked_round(tmp_path_factory):
    """A 40-rater back-to-back round run over HTTP on the production server setup: drafts
    saved by half of the raters, submissions in random order, raw copies of the files taken
    right after some submissions, a `sanding backup` halfway, the round closed at the end."""
    folder = tmp_path_factory.mktemp("attacked")
    db_path = folder / "sanding.db"
    env = server_env(db_path, "attack-secret")
    (folder / "departments.txt").write_text("\n".join(DEPARTMENTS), encoding="utf-8")
    names = [f"评议人{number:02d}" for number in range(RATERS)]
    (folder / "raters.csv").write_text("姓名,单位,组别,评议部门\n" + "".join(
        f"{name},{name}所在县,区市党政领导,\n" for name in names), encoding="utf-8")
    created = cli(env, "round", "create", "--name", "背对背攻击测试", "--kind", "county", "--government",
                  "示例市", "--departments", str(folder / "departments.txt"), "--raters", str(folder / "raters.csv"))
    round_id = json.loads(created.stdout)["round"]
    links = {}
    for line in cli(env, "round", "tokens", str(round_id), "--csv").stdout.splitlines():
        _group, _unit, name, link = line.split(",")
        links[name] = "/r/" + link.rsplit("/r/", 1)[1]
    order = random.Random(SEED).sample(range(RATERS), RATERS)
    drafting = random.Random(SEED + 1).sample(range(RATERS), RATERS // 2)
    copies, backup = [], folder / "mid-round-backup.db"
    with running_server(db_path, threads=1, secret="attack-secret") as (url, _process, _env):
        for rater in drafting:
            _post(url, links[names[rater]], rater, draft=True)
        copies.append(_copy(db_path, "after the drafts"))
        for position, rater in enumerate(order, start=1):
            _post(url, links[names[rater]], rater, draft=False)
            if position in (3, 11, 25, 33):
                copies.append(_copy(db_path, f"right after submission {position}"))
            if position == RATERS // 2:
                cli(env, "backup", str(backup))
        copies.append(_copy(db_path, "all submitted"))
        closed = cli(env, "round", "close", str(round_id))
        assert "已结束" in closed.stdout
        copies.append(_copy(db_path, "just closed"))
    copies.append(Copy("mid-round backup", backup.read_bytes()))
    final = _copy(db_path, "final")
    copies.append(final)
    truth = {_fingerprint(rater): names[rater] for rater in range(RATERS)}
    return {"copies": copies, "final": final, "truth": truth, "drafting": drafting}


def _post(url: str, path: str, rater: int, *, draft: bool) -> None:
    """One rater's visit: open the form, then save a draft (half of the departments) or submit."""
    with Browser(url) as phone:
        status, page, headers = phone.request("GET", path)
        assert status == 200, page[:300]
        assert headers.get("Referrer-Policy") == "no-referrer"
        data = {"csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', page).group(1),
                "v": re.search(r'name="v" value="([^"]+)"', page).group(1),
                "action": "draft" if draft else "submit"}
        ratings = _ratings(rater)[:len(DEPARTMENTS) // 2] if draft else _ratings(rater)
        data.update({f"r{number}": str(value) for number, value in enumerate(ratings)})
        data["c0"] = f"草稿{rater:02d}" if draft else _fingerprint(rater)
        status, page, _ = phone.request("POST", path, data)
        assert status == 303, page[:300]


def test_no_copy_of_the_files_ties_more_responses_to_raters_than_guessing(attacked_round):
    final = Database.from_bytes(attacked_round["final"].db)
    assert sorted(readable_responses(final)) == sorted(attacked_round["truth"])  # all 40 are there
    results = attack(attacked_round["copies"], final)
    assert len(results) >= 10  # the methods found something to work on in the copies
    scores = {method: score(guesses, attacked_round["truth"]) for method, guesses in results.items()}
    best = max(scores, key=scores.get)
    assert scores[best] <= CHANCE_BAR, (best, scores[best], sorted(scores.items(), key=lambda x: -x[1])[:5])


def test_copies_taken_during_the_round_hold_no_readable_answer_or_draft(attacked_round):
    drafts = [f"草稿{rater:02d}".encode() for rater in attacked_round["drafting"]]
    answers = [fingerprint.encode() for fingerprint in attacked_round["truth"]]
    for copy in attacked_round["copies"]:
        assert residue(copy, drafts) == [], copy.name  # drafts are sealed, then deleted
        if copy.name not in ("just closed", "final"):
            assert residue(copy, answers) == [], copy.name  # ballots stay sealed until the round closes
    # the copies include the WAL: at least one caught a submission's commit
    assert any(copy.wal and len(copy.wal) > 32 for copy in attacked_round["copies"])


# --- the same attack on the layout of schema version 8 ------------------------------------

def _old_layout_round(folder: Path) -> tuple[list[Copy], Database, dict]:
    """The round above on the layout sanding had before (token marked used and response stored in
    one transaction, plaintext drafts keyed by the token hash), driven through its own trigger."""
    path = folder / "v8.db"
    db = store.connect(path)
    store.migrate(db, store.MIGRATIONS[:8])
    db.conn.execute("PRAGMA wal_autocheckpoint=0")
    db.execute("INSERT INTO governments (id, name) VALUES (1, '示例市')")
    db.execute("""INSERT INTO rounds (id, government_id, kind, name, year, scale_json, groups_json,
        departments_json, token_salt, created_at, public_key) VALUES (1, 1, 'county', '旧版', 2024, '{}',
        '{"区市党政领导": 1}', ?, 'salt', '2024-01-01', 'k')""", [json.dumps(DEPARTMENTS, ensure_ascii=False)])
    names = [f"评议人{number:02d}" for number in range(RATERS)]
    hashes = {}
    for rater, name in enumerate(names):
        db.execute("INSERT INTO raters (id, round_id, name, unit, group_name) VALUES (?, 1, ?, ?, '区市党政领导')",
                   [rater + 1, name, f"{name}所在县"])
        hashes[rater] = secrets.token_hex(32)
        db.execute("INSERT INTO tokens (token_hash, round_id, rater_id) VALUES (?, 1, ?)", [hashes[rater], rater + 1])
    db.conn.commit()
    labels = ["好", "较好", "一般", "差"]

    def answers(rater: int, count: int, comment: str) -> str:
        chosen = [{"department": d, "label": labels[v]} for d, v in zip(DEPARTMENTS, _ratings(rater)[:count])]
        chosen[0]["comment"] = comment
        return json.dumps(chosen, ensure_ascii=False)
    for rater in random.Random(SEED + 1).sample(range(RATERS), RATERS // 2):
        db.execute("INSERT INTO drafts (token_hash, answers_json) VALUES (?, ?)",
                   [hashes[rater], answers(rater, len(DEPARTMENTS) // 2, f"草稿{rater:02d}")])
        db.conn.commit()
    copies = []
    for position, rater in enumerate(random.Random(SEED).sample(range(RATERS), RATERS), start=1):
        db.execute("INSERT INTO submit_rating (token_hash, response_id, day, answers_json) VALUES (?, ?, ?, ?)",
                   [hashes[rater], secrets.randbits(62) + 1, "2024-12-01",
                    answers(rater, len(DEPARTMENTS), _fingerprint(rater))])
        db.conn.commit()
        if position == RATERS // 2:
            copies.append(_copy(path, "old layout, mid-round"))
    copies.append(_copy(path, "old layout, WAL of every commit"))
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    final = _copy(path, "old layout, final")
    db.close()
    copies.append(final)
    return copies, Database.from_bytes(final.db), {_fingerprint(r): names[r] for r in range(RATERS)}


def test_the_attack_ties_every_response_on_the_old_layout(tmp_path):
    copies, final, truth = _old_layout_round(tmp_path)
    results = attack(copies, final)
    scores = {method: score(guesses, truth) for method, guesses in results.items()}
    layout = max(v for k, v in scores.items() if k.startswith("zip") and "final" in k)
    wal = max(v for k, v in scores.items() if k.startswith("WAL"))
    drafts = max(v for k, v in scores.items() if k.startswith("drafts"))
    assert layout >= RATERS - 2, scores  # cell offsets alone, in the final file
    assert wal >= RATERS - 2, scores  # the WAL, commit by commit
    assert drafts >= RATERS // 2 - 2, scores  # the drafts of a mid-round copy
    conn = sqlite3.connect(tmp_path / "v8.db")
    assert conn.execute("SELECT count(*) FROM responses").fetchone()[0] == RATERS
    conn.close()
