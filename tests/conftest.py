"""Fixtures for the web app, the store and the CLI: a real SQLite file in a temp folder.

Databases that take time to build (the test accounts, whose passwords are hashed with
scrypt; the sample city, imported with overlap detection) are built once per session
into a temp folder and copied into each test's own folder, so tests stay independent.
"""
from __future__ import annotations

import io
import shutil
import time
from pathlib import Path

import jinja2
import pytest

from webapp import create_app, store
from webapp.auth import create_user

from shared_paths import SAMPLE_CITY_PREVIOUS, SAMPLE_CITY_SOURCE

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


def config_for(folder: Path) -> dict:
    """The app's configuration for a database in `folder`/data (uploads in data/uploads)."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "DATABASE": str(folder / "data" / "sanding.db"),
        "WTF_CSRF_ENABLED": False,
        "MAX_UPLOAD_MB": 1,
        "PARSE_WORKERS": 2,
    }


@pytest.fixture
def app_config(tmp_path) -> dict:
    return config_for(tmp_path)


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once per session and shared by the apps of the tests (each app has
    its own Jinja environment, which would compile every template it renders again). Jinja
    checks each template's source against the checksum it was compiled from."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()


@pytest.fixture
def app(request, app_config, database_templates):
    """The app on a copy of a database built once per session: the accounts of PASSWORDS,
    plus the sample city for a test that asks for `sample_city` (or `reform_city`)."""
    name = next((name for name in SEEDED if name in request.fixturenames), "accounts")
    database_templates.copy(name, Path(app_config["DATABASE"]))
    app = create_app(app_config)
    app.jinja_env.bytecode_cache = COMPILED_TEMPLATES
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
        """POST files given as (content, name) to the upload page. The body is encoded here: the
        test client would spool a large one to a temporary file that it never closes."""
        from werkzeug.datastructures import FileStorage, MultiDict
        from werkzeug.test import encode_multipart

        boundary, body = encode_multipart(MultiDict(
            [("files", FileStorage(io.BytesIO(content), name)) for content, name in files]))
        return self.client.post("/documents/upload", data=body,
                                content_type=f"multipart/form-data; boundary={boundary}")

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

def sample_city_paths() -> list[Path]:
    """The 17 sample-city 三定 text files (示例市 and one of 示例县)."""
    files = sorted(SAMPLE_CITY_SOURCE.glob("*.txt"))
    assert len(files) == 17
    return files


@pytest.fixture
def sample_city_files() -> list[Path]:
    return sample_city_paths()


@pytest.fixture
def sample_city(app, db) -> dict:
    """The sample city imported straight into the store, findings detected (built once, see
    `build_sample_city`; the `app` fixture copies it); returns 示例市's row."""
    return store.documents.get_government_by_name(db, "示例市")


@pytest.fixture
def two_governments(app, db) -> dict:
    """示例市 and 示例县 with one of every kind of object each, accounts limited to 示例县 (built
    once, see `build_two_governments`); returns {government name: its samples (scoped_city)}."""
    import scoped_city
    return {name: scoped_city.samples(db, name) for name in (scoped_city.OTHER, scoped_city.OWN)}


@pytest.fixture
def reform_city(app, db) -> dict:
    """The sample city uploaded through the form plus three pre-reform versions (built once,
    see `build_reform_city`; the `app` fixture copies it); returns 示例市's row."""
    return store.documents.get_government_by_name(db, "示例市")


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


# --- databases built once per session ----------------------------------------------

# The fixture accounts' passwords are hashed with scrypt at a lower cost (n = 2**10 instead of
# werkzeug's 2**15): a sign-in then takes about 1 ms instead of 120 ms, and the web tests sign in
# some 150 times. Sign-in runs the production code (the cost is read from the stored hash);
# accounts the tests create through the admin page or the CLI get the production cost, which
# test_web_auth.py checks.
FIXTURE_PASSWORD_METHOD = "scrypt:1024:8:1"


def build_accounts(app, db) -> None:
    """One account per role, with the passwords of PASSWORDS."""
    from unittest import mock

    from webapp import auth
    with mock.patch.object(auth, "PASSWORD_METHOD", FIXTURE_PASSWORD_METHOD):
        for role, password in PASSWORDS.items():
            create_user(db, role, password, role, display_name=f"测试{role}")


def build_sample_city(app, db) -> None:
    """The accounts, and the sample city imported straight into the store, findings detected."""
    from webapp.services import detection, ingest
    build_accounts(app, db)
    uploads = Path(app.config["UPLOAD_FOLDER"])
    for path in sample_city_paths():
        ingest.import_path(db, path, uploads, None, app.config["MAX_CONTENT_LENGTH"])
    government = store.documents.get_government_by_name(db, "示例市")
    assert detection.detect_now(db, government["id"])["found"] > 20


def build_reform_city(app, db) -> None:
    """The accounts, the sample city uploaded through the form, then the three pre-reform
    versions: two uploaded through the form and dated on the versions page, one by
    `sanding import --date`."""
    from click.testing import CliRunner

    from webapp.cli import main
    build_accounts(app, db)
    client = app.test_client()
    auth, uploads = AuthActions(client), UploadActions(client)
    auth.login("staff")
    data = uploads.run([(path.read_bytes(), path.name) for path in sample_city_paths()])
    assert all(job["status"] == "done" for job in data["jobs"]), data
    government = store.documents.get_government_by_name(db, "示例市")
    data = uploads.run([((SAMPLE_CITY_PREVIOUS / name).read_bytes(), name)
                        for name in ("12_shangwu.txt", "04_shuili.txt")])
    assert all(job["status"] == "done" for job in data["jobs"]), data
    for job, date in zip(data["jobs"], ("2010-05-01", "2010-05-02")):
        version_id = int(job["url"].rstrip("/").rsplit("/", 1)[1])
        response = client.post(f"/reform/versions/{version_id}/date", data={"effective_date": date})
        assert response.status_code == 302
    result = CliRunner().invoke(main, ["import", str(SAMPLE_CITY_PREVIOUS / "14_jiaotong_yunshu.txt"),
                                       "--date", "2010-06-01", "--db", app.config["DATABASE"]])
    assert result.exit_code == 0, result.output
    wait_for_detection(client, government["id"])
    auth.logout()


def build_two_governments(app, db) -> None:
    """The accounts, and 示例市 and 示例县 with one of every kind of object each plus accounts
    limited to one of them (tests/scoped_city.py: the account-scope tests)."""
    import scoped_city
    build_accounts(app, db)
    scoped_city.build(app, db, FIXTURE_PASSWORD_METHOD)


# Fixtures whose database the `app` fixture copies from a template (the first one a test
# uses wins); every other test gets the accounts only.
SEEDED = {"sample_city": build_sample_city, "reform_city": build_reform_city,
          "two_governments": build_two_governments}
BUILDERS = {"accounts": build_accounts, **SEEDED}


def copy_database(source: Path, target: Path) -> None:
    """Copy a database file that no one has open (with its WAL, if one is left) and the
    uploads folder beside it, keeping their modes; `target`'s folder is created."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copystat(source.parent, target.parent)
    for suffix in ("", "-wal"):
        if Path(f"{source}{suffix}").exists():
            shutil.copy2(f"{source}{suffix}", f"{target}{suffix}")
    uploads = source.parent / "uploads"
    if uploads.is_dir():
        shutil.copytree(uploads, target.parent / "uploads")


class DatabaseTemplates:
    """Databases built on first use, once per session, in a temp folder; each is a database
    file and its uploads folder, copied whole into the folder of each test that uses it."""

    def __init__(self, root: Path):
        self.root = root
        self.built: dict[str, Path] = {}

    def database(self, name: str) -> Path:
        if name not in self.built:
            config = config_for(self.root / name)
            app = create_app(config)
            db = store.connect(app.config["DATABASE"])
            try:
                BUILDERS[name](app, db)
            finally:
                app.extensions["sanding_jobs"].shutdown()
                emptied = store.checkpoint(db, wait_ms=5000)  # everything in the database file
                db.close()
            assert emptied, f"the WAL of template {name} is still in use"
            self.built[name] = Path(app.config["DATABASE"])
        return self.built[name]

    def copy(self, name: str, database: Path) -> None:
        """Put a copy of template `name` at `database`, its uploads in `database`'s folder."""
        copy_database(self.database(name), database)


@pytest.fixture(scope="session")
def database_templates(tmp_path_factory) -> DatabaseTemplates:
    return DatabaseTemplates(tmp_path_factory.mktemp("templates"))


# --- departments without a document (registers, ledgers) -----------------------------

def make_department(db, name: str, government: str = "示例市") -> int:
    """A department of `government` (both made if new) with one empty 三定 version; its id."""
    import hashlib
    sha = hashlib.sha256(f"{government}/{name}".encode()).hexdigest()
    empty = {"duties": [], "divisions": [], "divisions_of_labour": []}
    version_id, _ = store.documents.store_parsed(db, empty, empty, file_name=f"{name}.txt", stored_name=sha,
                                                 sha256=sha, by=None, government=government, department=name)
    return store.documents.get_version(db, version_id)["department_id"]


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


def dimension_form(survey_round, departments: list[str], ratings: dict[str, dict[str, str]],
                   comments: dict[str, str] | None = None, action: str = "submit") -> dict:
    """Form data as the rater form of a round with dimensions posts it: `r<i>.<j>` for the j-th
    dimension of the i-th department, the index of the chosen option as its value."""
    from webapp.rate import rating_fields
    data = {"v": rating_fields.version(departments, rating_fields.layout(survey_round)), "action": action}
    for number, department in enumerate(departments):
        for which, dimension in enumerate(survey_round.dimensions):
            label = ratings.get(department, {}).get(dimension.name)
            if label is not None:
                labels = dimension.scale.labels()
                data[f"r{number}.{which}"] = str(labels.index(label)) if label in labels else label
        if department in (comments or {}):
            data[f"c{number}"] = comments[department]
    return data
