"""WTForms forms (every form carries a CSRF token through Flask-WTF)."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import HiddenField, IntegerField, PasswordField, SelectField, StringField
from wtforms.validators import AnyOf, InputRequired, Length, NumberRange, Optional, Regexp

from .access import ROLE_NAMES

try:  # wtforms >= 3.3 deprecates (value, label) tuples
    from wtforms.fields.choices import SelectChoice

    ROLE_CHOICES = [SelectChoice(value, label) for value, label in ROLE_NAMES.items()]
except ImportError:  # pragma: no cover - older wtforms
    ROLE_CHOICES = list(ROLE_NAMES.items())


class LoginForm(FlaskForm):
    username = StringField("用户名", validators=[InputRequired("请输入用户名"), Length(max=64)])
    password = PasswordField("密码", validators=[InputRequired("请输入密码"), Length(max=256)])


class EmptyForm(FlaskForm):
    """A form with only the CSRF token (logout, merge buttons)."""


class UploadForm(FlaskForm):
    files = MultipleFileField("三定规定文件")


class CorrectionForm(FlaskForm):
    section = HiddenField(validators=[AnyOf(["duties", "divisions"])])
    division = IntegerField(validators=[Optional(), NumberRange(min=0)])
    position = IntegerField(validators=[InputRequired(), NumberRange(min=0)])
    seen = HiddenField(validators=[InputRequired(), Length(max=64)])
    start_text = StringField("新条目从这段文字开始", validators=[Optional(), Length(max=200)])


class UserForm(FlaskForm):
    username = StringField("用户名", validators=[
        InputRequired("请输入用户名"), Length(min=2, max=64, message="用户名长度为 2–64 个字符"),
        Regexp(r"^[\w.\-@]+$", message="用户名只能包含字母、数字、汉字和 . - _ @")])
    display_name = StringField("姓名", validators=[Optional(), Length(max=64)])
    role = SelectField("角色", choices=ROLE_CHOICES)
    password = PasswordField("初始密码", validators=[
        InputRequired("请输入密码"), Length(min=8, max=256, message="密码至少 8 个字符")])
