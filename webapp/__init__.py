"""The Flask web application: thin routes over docproc, survey and webapp.services.

Nothing is imported at module level: `sanding --help` and `sanding parse` load
this package and must not pay for Flask, the store or the models.
"""
from __future__ import annotations

BLUEPRINTS = ("auth", "documents", "overlaps", "admin", "rounds", "rate.pages", "evaluations",
              "rectification", "problems", "reform", "staffing", "pilots", "roll", "archive", "lists", "campaigns",
              "unit_portal", "unit_review", "history",
              "counties", "county_portal", "daily_record")


def create_app(test_config: dict | None = None):
    """Build the app: configuration, database schema, blueprints, security and errors."""
    from importlib import import_module

    from flask import Flask, redirect, url_for

    from . import database, errors, labels, log_redaction, scope, security
    from .access import public
    from .config import configure
    from .form_parser import SandingRequest
    from .proxies import TrustedProxies
    from .services import jobs

    app = Flask(__name__, instance_relative_config=True)
    app.request_class = SandingRequest  # urlencoded forms decoded faster (county ratings)
    configure(app, test_config)
    log_redaction.init_app(app)  # no rater token in the app's or werkzeug's log lines
    app.wsgi_app = TrustedProxies(  # type: ignore[method-assign]  # Flask's documented way to wrap middleware
        app.wsgi_app, int(app.config["PROXIES"]), app.config["PROXY_ADDRESSES"])
    database.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    jobs.init_app(app)
    labels.init_app(app)
    scope.init_app(app)
    for name in BLUEPRINTS:
        import_module(f".{name}", __name__).init_app(app)

    @app.get("/")
    @public
    def index():
        """The 工作台 of the signed-in user (what needs doing); the sign-in page otherwise."""
        from flask import render_template
        from flask_login import current_user

        from .database import get_db
        from .services.dashboard import late_units, over_units, todos
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login"))
        if current_user.role == "unit":  # an evaluated unit has its own start page, not the office's
            return redirect(url_for("unit_portal.home"))
        db, visible = get_db(), scope.visible_ids()
        return render_template("dashboard.html", todos=todos(db, current_user.role, visible),
                               over=over_units(db, visible), late=late_units(db, visible))

    return app
