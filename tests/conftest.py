"""Fixtures for the web app, the store and the CLI: a real SQLite file in a temp folder."""
from __future__ import annotations

import io
import time

import pytest

from webapp import create_app, store
from webapp.auth import create_user

PASSWORDS = {"admin": "admin-pass-1", "evaluator": "evaluator-pass-1", "staff": "staff-pass-1"}

SAMPLE_TEXT = """示例市测试局职能配置、内设机构和人员编制规定
第一条 根据有关规定，制定本规定。
第二条 示例市测试局是市政府工作部门，为正处级。
第三条 示例市测试局的主要职责是：
（一）负责全市测试工作的统筹协调。拟订测试政策并组织实施。
（二）负责测试标准的制定和监督管理。
（三）完成市委、市政府交办的其他任务。
第四条 示例市测试局设下列内设机构：
（一）办公室。负责文电、会务工作；承担财务管理。
（二）测试科。负责测试工作；指导基层测试。
第五条 示例市测试局机关行政编制10名。设局长1名，副局长2名；科级领导职数4名。
"""


@pytest.fixture
def passwords() -> dict[str, str]:
    """The passwords of the accounts the `app` fixture creates (one per role)."""
    return dict(PASSWORDS)


@pytest.fixture
def sample_text() -> str:
    return SAMPLE_TEXT


@pytest.fixture
def sample_file(tmp_path):
    """A small valid 三定 as a UTF-8 .txt file."""
    path = tmp_path / "示例市测试局三定规定.txt"
    path.write_text(SAMPLE_TEXT, encoding="utf-8")
    return path


@pytest.fixture
def app_config(tmp_path) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "DATABASE": str(tmp_path / "data" / "sanding.db"),
        "WTF_CSRF_ENABLED": False,
        "MAX_UPLOAD_MB": 1,
        "PARSE_WORKERS": 2,
    }


@pytest.fixture
def app(app_config):
    app = create_app(app_config)
    db = store.connect(app.config["DATABASE"])
    for role, password in PASSWORDS.items():
        create_user(db, role, password, role, display_name=f"测试{role}")
    db.close()
    yield app
    app.extensions["sanding_jobs"].shutdown()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def db(app):
    connection = store.connect(app.config["DATABASE"])
    yield connection
    connection.close()


class AuthActions:
    """Sign in and out through the real forms."""

    def __init__(self, client):
        self.client = client

    def login(self, username: str = "staff", password: str | None = None):
        return self.client.post("/login", data={
            "username": username, "password": password or PASSWORDS[username]})

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


class UploadActions:
    """Upload files through the form and wait for their background jobs."""

    def __init__(self, client):
        self.client = client

    def post(self, files: list[tuple[bytes, str]]):
        """POST files given as (content, name) to the upload page."""
        return self.client.post("/documents/upload", data={
            "files": [(io.BytesIO(content), name) for content, name in files]},
            content_type="multipart/form-data")

    def wait(self, location: str, timeout: float = 30) -> dict:
        """Poll the batch's status endpoint until every job finished; returns the JSON."""
        url = location.rstrip("/") + "/status"
        deadline = time.monotonic() + timeout
        data: dict = {}
        while time.monotonic() < deadline:
            data = self.client.get(url).get_json()
            if data["finished"]:
                return data
            time.sleep(0.05)
        raise AssertionError(f"jobs not finished after {timeout} s: {data}")

    def run(self, files: list[tuple[bytes, str]]) -> dict:
        """Upload and wait; fails unless the upload was accepted."""
        response = self.post(files)
        assert response.status_code == 302, response.get_data(as_text=True)
        return self.wait(response.headers["Location"])


@pytest.fixture
def uploads(client):
    return UploadActions(client)


# --- overlap review (职责交叉) ---------------------------------------------------

from pathlib import Path  # noqa: E402 (appended section)

SAMPLE_CITY_SOURCE = Path(__file__).resolve().parents[1] / "corpus" / "sample_city" / "source"


@pytest.fixture
def sample_city_files() -> list:
    """The 17 sample-city 三定 text files (示例市 and one of 示例县)."""
    files = sorted(SAMPLE_CITY_SOURCE.glob("*.txt"))
    assert len(files) == 17
    return files


@pytest.fixture
def sample_city(app, db, sample_city_files) -> dict:
    """The sample city imported straight into the store, findings detected; returns 示例市's row."""
    from webapp.services import detection, ingest
    uploads = Path(app.config["UPLOAD_FOLDER"])
    for path in sample_city_files:
        ingest.import_path(db, path, uploads, None, app.config["MAX_CONTENT_LENGTH"])
    government = store.documents.get_government_by_name(db, "示例市")
    assert detection.detect_now(db, government["id"])["found"] > 20
    return government


def wait_for_detection(client, government_id: int, timeout: float = 60) -> dict:
    """Poll the findings status endpoint until no detection run is pending."""
    deadline = time.monotonic() + timeout
    data: dict = {}
    while time.monotonic() < deadline:
        data = client.get(f"/overlaps/{government_id}/status").get_json()
        if not data["pending"]:
            return data
        time.sleep(0.05)
    raise AssertionError(f"detection still pending after {timeout} s: {data}")


# --- surveys (评议轮次) -------------------------------------------------------------

SURVEY_DEPARTMENTS = ["示例市甲局", "示例市乙局", "示例市丙局"]


def make_round(app, db, *, kind: str = "county", raters: list[dict] | None = None,
               departments: list[str] | None = None, **settings) -> dict:
    """A round straight in the store; returns its row plus `tokens` (rater name → token)."""
    from survey.rounds import Round
    from webapp.services import surveys
    survey_round = Round(name=settings.pop("name", "测试评议"), kind=kind, government="示例市",
                         year=2024, departments=list(departments or SURVEY_DEPARTMENTS), **settings)
    survey_round.validate()
    government_id = store.documents.get_or_create_government(db, "示例市")
    round_id = store.rounds.create_round(db, government_id, surveys.encode_round(survey_round), None)
    row = store.rounds.get_round(db, round_id)
    if raters:
        ids = store.rounds.add_raters(db, round_id, raters, surveys.link_keys(app.config["SECRET_KEY"], row),
                               None)
        row["tokens"] = {rater["name"]: surveys.rater_token(app.config["SECRET_KEY"], row, rater_id)
                         for rater, rater_id in zip(raters, ids)}
    return row


def close_round(app, db, row: dict) -> None:
    """End a round as its admin would, opening a back-to-back round's sealed ballots."""
    from webapp.services import surveys
    assert surveys.close(db, app.config["SECRET_KEY"], store.rounds.get_round(db, row["id"]), None)


def survey_raters(count: int, group: str = "区市党政领导", departments: list[str] | None = None,
                  unit: str | None = None) -> list[dict]:
    """`count` raters of one group, each in a unit of their own unless `unit` is given."""
    return [{"name": f"{group}{i}", "unit": unit or f"{group}单位{i}", "group": group,
             "departments": list(departments or [])} for i in range(count)]


def rating_form(departments: list[str], ratings: dict[str, str], comments: dict[str, str] | None = None,
                action: str = "submit") -> dict:
    """Form data as the rater form of `departments` (the rater's list, in order) posts it:
    `r<i>`/`c<i>` fields, a rating as the index of its option (a label the default
    county scale does not have is sent as it is) and the form's version."""
    from survey.scales import COUNTY
    from webapp.rate import rating_fields
    labels = COUNTY.labels()
    data = {"v": rating_fields.version(departments, labels), "action": action}
    for number, department in enumerate(departments):
        if department in ratings:
            label = ratings[department]
            data[f"r{number}"] = str(labels.index(label)) if label in labels else label
        if department in (comments or {}):
            data[f"c{number}"] = comments[department]
    return data


def all_ratings(departments: list[str], label: str = "好", action: str = "submit") -> dict:
    """Form data rating every department with `label`."""
    return rating_form(departments, {department: label for department in departments}, action=action)
