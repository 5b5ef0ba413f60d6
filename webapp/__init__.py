"""The Flask web application (thin routes over docproc and survey)."""
from __future__ import annotations

from flask import Flask, redirect, url_for
from flask_wtf.csrf import CSRFProtect

from . import database, errors, jobs, labels, log_redaction, security
from .access import public
from .config import configure
from .form_parser import SandingRequest

csrf = CSRFProtect()


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: configuration, database schema, blueprints, security and errors."""
    app = Flask(__name__, instance_relative_config=True)
    app.request_class = SandingRequest  # urlencoded forms decoded faster (county ratings)
    configure(app, test_config)
    log_redaction.init_app(app)  # no rater token in the app's or werkzeug's log lines
    if app.config["PROXIES"]:
        from werkzeug.middleware.proxy_fix import ProxyFix
        proxies = int(app.config["PROXIES"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    database.init_app(app)
    csrf.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    jobs.init_app(app)
    labels.init_app(app)

    from . import admin, auth, documents, overlaps, rate, rounds
    auth.init_app(app)
    overlaps.init_app(app)
    rounds.init_app(app)
    rate.init_app(app)
    app.register_blueprint(auth.bp)
    app.register_blueprint(documents.bp)
    app.register_blueprint(overlaps.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(rounds.bp)
    app.register_blueprint(rate.bp)
    csrf.exempt(rate.bp)  # no session there: rate.py checks its own form tokens
    from . import evaluations, rectification; evaluations.init_app(app)  # noqa: E702
    app.register_blueprint(evaluations.bp); app.register_blueprint(rectification.bp)  # noqa: E702
    from . import reform  # reform comparison (issue 7)
    reform.init_app(app)  # registers the blueprint

    @app.get("/")
    @public
    def index():
        return redirect(url_for("documents.index"))

    return app
