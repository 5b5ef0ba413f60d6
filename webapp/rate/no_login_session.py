"""No signed-in session on the pages without login: /r/<token>, /s/<key>… and /healthz.

Those pages never need to know who is signed in, and a rater's or a
respondent's page should not carry an administrator's session either. They
get an empty session that is never saved, which also spares every phone's
request the cookie signing and checking.
"""
from __future__ import annotations

from flask.sessions import SecureCookieSessionInterface

NO_LOGIN_PREFIXES = ("/r/", "/s/", "/healthz")  # the routes of webapp.rate


def _no_login(request) -> bool:
    return request.path.startswith(NO_LOGIN_PREFIXES)


class NoLoginPagesSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, except on the pages without login."""

    def open_session(self, app, request):
        if _no_login(request):
            return self.session_class()
        return super().open_session(app, request)

    def save_session(self, app, session, response) -> None:
        from flask import request
        if _no_login(request):
            return
        super().save_session(app, session, response)
