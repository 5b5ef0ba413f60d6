"""`sanding serve`: the gunicorn worker model its options choose, the reminder about sync
workers, and an access log that never shows a rater's token (back-to-back)."""
from __future__ import annotations

import subprocess
import urllib.error
import urllib.request

import pytest
from click.testing import CliRunner

from webapp.cli import main, server

from live_server import COMMAND, _wait_until_up, free_port, server_env


@pytest.mark.parametrize(("threads", "worker_class"), [(1, "sync"), (2, "gthread"), (4, "gthread")])
def test_one_thread_means_sync_workers(threads, worker_class):
    options = server.options("127.0.0.1", 8000, 2, threads)
    assert options["worker_class"] == worker_class and options["threads"] == threads


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.0.0.2", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.10", False), ("example.test", False)])
def test_loopback_hosts(host, loopback):
    assert server.is_loopback(host) is loopback


def _serve_without_gunicorn(monkeypatch, tmp_path, *args: str):
    started = []
    monkeypatch.setattr(server, "serve", lambda app, host, port, workers, threads: started.append(
        (host, workers, threads)))
    monkeypatch.setattr(server, "warm_up", lambda: None)
    result = CliRunner().invoke(main, ["serve", *args, "--db", str(tmp_path / "serve.db")])
    return result, started


def test_sync_workers_on_a_public_address_get_a_reminder(monkeypatch, tmp_path):
    result, started = _serve_without_gunicorn(monkeypatch, tmp_path, "--host", "0.0.0.0", "--threads", "1")
    assert result.exit_code == 0 and started == [("0.0.0.0", 2, 1)]
    assert "同步工作进程" in result.output and "nginx" in result.output


@pytest.mark.parametrize("args", [("--threads", "1"), ("--host", "0.0.0.0")])
def test_no_reminder_behind_a_local_proxy_or_with_threads(monkeypatch, tmp_path, args):
    result, started = _serve_without_gunicorn(monkeypatch, tmp_path, *args)
    assert result.exit_code == 0 and len(started) == 1
    assert "同步工作进程" not in result.output


@pytest.mark.parametrize("threads", ["0", "-1"])
def test_threads_and_workers_must_be_positive(monkeypatch, tmp_path, threads):
    result, started = _serve_without_gunicorn(monkeypatch, tmp_path, "--threads", threads)
    assert result.exit_code == 2 and started == []
    result, started = _serve_without_gunicorn(monkeypatch, tmp_path, "--workers", "0")
    assert result.exit_code == 2 and started == []


@pytest.mark.slow
@pytest.mark.parametrize("threads", [1, 4])
def test_access_log_hides_rater_tokens(tmp_path, threads):
    token = "T" * 43
    log = tmp_path / "access.log"
    port = free_port()
    with log.open("wb") as out:  # gunicorn writes its access log to stdout
        process = subprocess.Popen([*COMMAND, "serve", "--port", str(port), "--workers", "1",
                                    "--threads", str(threads)],
                                   env=server_env(tmp_path / "log.db"), stdout=out, stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}/"
            _wait_until_up(url, process)
            with pytest.raises(urllib.error.HTTPError) as unknown:
                urllib.request.urlopen(f"{url}r/{token}?saved=1", timeout=10)
            unknown.value.close()  # the error holds the response's connection
            assert unknown.value.code == 404
        finally:
            process.terminate()
            process.wait(timeout=20)
    text = log.read_text(encoding="utf-8")
    assert '"GET /r/…?saved=1 HTTP/1.1" 404' in text  # the request is logged ...
    assert token not in text  # ... without the token


@pytest.mark.parametrize(("variable", "value"), [
    ("SANDING_PROXIES", "-1"), ("SANDING_PROXIES", "nginx"), ("SANDING_PUBLIC_RATE_LIMIT", "abc"),
    ("SANDING_PARSE_WORKERS", "0"), ("SANDING_MAX_UPLOAD_MB", "0")])
def test_an_unusable_setting_is_named_without_a_traceback(tmp_path, variable, value):
    result = CliRunner().invoke(main, ["round", "results", "1", "--db", str(tmp_path / "config.db")],
                                env={variable: value})
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"错误：环境变量 {variable} 的值“{value}”无效" in result.output
    assert not (tmp_path / "config.db").exists()  # nothing was created before the refusal


@pytest.mark.slow
def test_warm_up_loads_the_models_in_the_master_before_the_fork():
    """Workers inherit what the master loaded: the finder's libraries and jieba's dictionary."""
    import subprocess
    import sys
    code = ("import sys; from webapp.cli import server; assert 'sklearn' not in sys.modules; "
            "server.warm_up(); from docproc import segment; "
            "print('sklearn' in sys.modules, segment._default.cache_info().currsize)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "1"]  # the default segmenter built once, cached
