"""Sign-in: redirects only to this site, growing delays per account and address instead of a lock
anyone can trigger, and every password check counted when attempts arrive together."""
from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest

import webapp.auth
from webapp.sign_in_throttle import Failures, Rule, longest_wait, wait_seconds

from conftest import PASSWORDS

ATTACKER = {"REMOTE_ADDR": "203.0.113.7"}
OFFICE = {"REMOTE_ADDR": "198.51.100.20"}


class Clock:
    def __init__(self):
        self.now = datetime(2026, 12, 2, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(webapp.auth, "_now", clock)
    return clock


def _login(client, username: str, password: str, address: dict, next_url: str = ""):
    return client.post("/login" + (f"?next={next_url}" if next_url else ""),
                       data={"username": username, "password": password}, environ_base=address)


@pytest.mark.parametrize("target", ["/%09/evil.example", "/%0d%0a/evil.example", "/\\evil.example",
                                    "//evil.example/", "https://evil.example/", "/%5Cevil.example",
                                    "///evil.example", "javascript:alert(1)"])
def test_next_never_leaves_the_site(client, target):
    response = _login(client, "staff", PASSWORDS["staff"], OFFICE, target)
    # refused outright (400: a control character in the URL) or signed in to the 工作台
    assert response.status_code == 400 or response.headers["Location"] == "/", (target, response.status_code)


def test_next_keeps_a_path_of_this_site(client):
    response = _login(client, "staff", PASSWORDS["staff"], OFFICE, "/documents/?page=2")
    assert response.headers["Location"] == "/documents/?page=2"


def test_delays_grow_and_are_capped():
    now = datetime(2026, 12, 2, tzinfo=timezone.utc)
    rule = Rule(free=5, cap_seconds=900)
    assert wait_seconds(Failures(4, now), rule, now) == 0
    assert [wait_seconds(Failures(n, now), rule, now) for n in (5, 6, 7, 10, 20)] == [1, 2, 4, 32, 900]
    assert wait_seconds(Failures(6, now - timedelta(seconds=1.5)), rule, now) == pytest.approx(0.5)
    many = {"account": Failures(1000, now)}
    assert longest_wait(many, known_address=False, free=5, cap_minutes=15, now=now) == 60
    assert longest_wait(many, known_address=True, free=5, cap_minutes=15, now=now) == 0


def test_wrong_passwords_slow_down_their_sender_with_growing_delays(app, clock):
    client = app.test_client()
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        assert _login(client, "admin", "wrong-password", ATTACKER).status_code == 401
    waits = []
    for _ in range(4):
        refused = _login(client, "admin", "wrong-password", ATTACKER)
        assert refused.status_code == 429 and "登录失败次数过多" in refused.get_data(as_text=True)
        waits.append(int(refused.headers["Retry-After"]))
        clock.advance(waits[-1])
        assert _login(client, "admin", "wrong-password", ATTACKER).status_code == 401  # counted again
    assert waits == [1, 2, 4, 8]
    clock.advance(16)
    assert _login(client, "admin", PASSWORDS["admin"], ATTACKER).status_code == 302  # the right one works


def test_someone_elses_failures_do_not_lock_the_admin_out(app, clock):
    attacker, admin = app.test_client(), app.test_client()
    assert _login(admin, "admin", PASSWORDS["admin"], OFFICE).status_code == 302  # the office's usual address
    admin.post("/logout", environ_base=OFFICE)
    for _ in range(60):  # from one address, waiting out each delay, past the account-wide rule too
        clock.advance(1000)
        assert _login(attacker, "admin", "wrong-password", ATTACKER).status_code == 401
    assert _login(attacker, "admin", "wrong-password", ATTACKER).status_code == 429
    assert _login(admin, "admin", PASSWORDS["admin"], OFFICE).status_code == 302


def test_many_addresses_guessing_one_account_are_slowed_down_together(app, clock):
    client = app.test_client()
    for number in range(30):  # six addresses × five free attempts each
        address = {"REMOTE_ADDR": f"192.0.2.{number // 5 + 1}"}
        assert _login(client, "staff", "wrong-password", address).status_code == 401
    response = _login(client, "staff", "wrong-password", {"REMOTE_ADDR": "192.0.2.99"})
    assert response.status_code == 429  # a new address, but the account is being guessed


def test_parallel_attempts_get_no_more_password_checks_than_allowed(app, monkeypatch, clock):
    checks = []
    real_check = webapp.auth.check_password_hash

    def counted(hashed: str, password: str) -> bool:
        checks.append(password)
        return real_check(hashed, password)

    monkeypatch.setattr(webapp.auth, "check_password_hash", counted)
    statuses: list[int] = []
    start = threading.Barrier(20)

    def attempt() -> None:
        client = app.test_client()
        start.wait()
        statuses.append(_login(client, "admin", "wrong-password", ATTACKER).status_code)

    threads = [threading.Thread(target=attempt) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(checks) == app.config["LOGIN_MAX_FAILURES"] == 5
    assert sorted(statuses) == [401] * 5 + [429] * 15
