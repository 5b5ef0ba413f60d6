"""Who may open which route: every view declares its rule, checked by a test over the URL map."""
from __future__ import annotations

from functools import wraps

from flask import abort, current_app
from flask_login import current_user

from .roles import ALL_ROLES, OFFICE_ROLES, UNIT_ROLE


def public(view):
    """Mark a view open to everyone, signed in or not."""
    view.access = ("public",)
    return view


def roles_required(*roles: str):
    """Allow signed-in users whose role is one of `roles`; others get the login page or 403."""
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return current_app.login_manager.unauthorized()  # Flask-Login's, set up by auth
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)
        wrapped.access = tuple(roles)
        return wrapped
    return decorator


# The office's pages. A 被评估单位 account signs in too, but every page of the office is closed to it
# unless the page names the role: a page added later is never opened to the units by accident.
signed_in = roles_required(*OFFICE_ROLES)
every_account = roles_required(*ALL_ROLES)  # one's own account: the password, signing out
units = roles_required(UNIT_ROLE)  # the 被评估单位's own pages
editors = roles_required("admin", "staff")  # who uploads documents and reviews findings
evaluators = roles_required("admin", "evaluator")  # who reads results and scores departments
admins = roles_required("admin")


def rater(view):
    """Mark a rater page: no login, opened with a personal token in the URL path."""
    view.access = ("rater",)
    return view
