"""WTForms forms (every form carries a CSRF token through Flask-WTF)."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import (HiddenField, IntegerField, PasswordField, RadioField, SelectField,
                     SelectMultipleField, StringField, TextAreaField)
from wtforms.validators import (AnyOf, DataRequired, InputRequired, Length, NumberRange, Optional,
                                Regexp)

from .access import ROLE_NAMES

try:  # wtforms >= 3.3 deprecates (value, label) tuples
    from wtforms.fields.choices import SelectChoice

    def choices(pairs) -> list:
        """Choices from (value, label) pairs in the form this wtforms expects."""
        return [SelectChoice(value, label) for value, label in pairs]
except ImportError:  # pragma: no cover - older wtforms
    def choices(pairs) -> list:
        return list(pairs)

ROLE_CHOICES = choices(ROLE_NAMES.items())


def _strip(value):
    return value.strip() if isinstance(value, str) else value


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


class ConfirmForm(FlaskForm):
    """Confirm a finding: 主办 and 协办 among its two parties, the matter and the division of work.

    The route sets the choices of `lead` and `assisting` to the finding's parties.
    """
    lead = RadioField("主办部门", validators=[InputRequired("请选择主办部门")],
                      invalid_choice_message="主办部门必须是交叉的一方")
    assisting = SelectMultipleField("协办部门", invalid_choice_message="协办部门必须是交叉的一方")
    matter = StringField("事项", filters=[_strip], validators=[
        DataRequired("请填写事项名称"), Length(max=200, message="事项名称不超过 200 个字符")])
    division_of_work = TextAreaField("职责分工", filters=[_strip], validators=[
        Optional(), Length(max=4000, message="职责分工不超过 4000 个字符")])


class DismissForm(FlaskForm):
    """Dismiss a finding: not an overlap, with the reason."""
    reason = TextAreaField("排除理由", filters=[_strip], validators=[
        DataRequired("请填写排除理由"), Length(max=2000, message="排除理由不超过 2000 个字符")])
