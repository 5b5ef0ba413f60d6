"""The fast urlencoded parser gives exactly werkzeug's results, malformed bodies included."""
import urllib.parse

import pytest
import werkzeug.formparser  # noqa: F401  (registers the "werkzeug.url_quote" error handler)
from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict
from werkzeug.formparser import FormDataParser
from werkzeug.test import EnvironBuilder

from webapp.form_parser import FastFormDataParser, parse_urlencoded


def werkzeug_pairs(text: str) -> list[tuple[str, str]]:
    return urllib.parse.parse_qsl(text, keep_blank_values=True, errors="werkzeug.url_quote")


def test_a_county_rating_body_decodes_to_its_fields():
    fields = {"r:示例市第01局": "较好", "c:示例市第01局": "窗口 服务+好 & 快=100%",
              "action": "submit", "csrf_token": "n0nce.abc"}
    body = urllib.parse.urlencode(fields)
    assert dict(parse_urlencoded(body)) == fields


def test_malformed_and_unusual_bodies_match_werkzeug():
    cases = ["", "&&", "a", "=", "a=", "=b", "a=b=c", "a=%", "a=%4", "a=%zz", "a=%E7", "a=%E7%A4",
             "%E7%A4%BA=%C3%28", "a=%5Cx41", "a=\\x41%41", "a=中%E6%96%87", "a=+%2B+", "a=%00%0A",
             "a=1&a=2&b", "a=%e4%b8%ad", "%=%%", "a=%%41", "a=%\\41"]
    for text in cases:
        assert parse_urlencoded(text) == werkzeug_pairs(text), text


PIECES = ["%", "+", "&", "=", "\\", "x", "4", "1", "E7", "A4", "BA", "zz", "C3", "28", "中",
          "%E5%A5%BD", "%3A", "%26", "%3D", "%5C", "%25", "r:", "a", " "]


@pytest.mark.slow  # 3000 examples: about 5 s
@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=24).map("".join))
def test_generated_bodies_match_werkzeug(text):
    assert parse_urlencoded(text) == werkzeug_pairs(text)


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


@pytest.mark.slow  # 1000 examples: about 2 s
@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(TEXT, TEXT), max_size=6))
def test_any_form_a_browser_encodes_comes_back_as_sent(fields):
    body = urllib.parse.urlencode(fields)
    assert parse_urlencoded(body) == werkzeug_pairs(body) == fields


def _parse(parser_class, body: bytes, content_type: str):
    environ = EnvironBuilder(method="POST", data=body, content_type=content_type).get_environ()
    _, form, files = parser_class().parse_from_environ(environ)
    return form, files


def test_the_request_parser_matches_werkzeug_for_every_body_kind():
    urlencoded = "application/x-www-form-urlencoded"
    bodies = [(urllib.parse.urlencode({"r:示例局": "好", "c:示例局": "意见"}).encode(), urlencoded),
              ("a=中".encode("utf-8"), urlencoded),
              (b"a=\xff\xfe", urlencoded),  # not UTF-8: both give an empty form
              (b"a=1", "text/plain")]
    for body, content_type in bodies:
        fast, fast_files = _parse(FastFormDataParser, body, content_type)
        plain, plain_files = _parse(FormDataParser, body, content_type)
        assert list(fast.items(multi=True)) == list(plain.items(multi=True))
        assert isinstance(fast, MultiDict) and not fast_files and not plain_files


def test_the_app_reads_forms_with_it(app):
    from flask import request
    with app.test_request_context("/", method="POST", data={"r:示例局": "较好", "c:示例局": "a+b"}):
        assert app.request_class.form_data_parser_class is FastFormDataParser
        assert request.form["r:示例局"] == "较好" and request.form["c:示例局"] == "a+b"
