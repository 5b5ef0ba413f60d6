"""WTForms forms (every form carries a CSRF token through Flask-WTF)."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, NumberRange, Optional, Regexp

from .roles import ROLE_NAMES

try:  # wtforms >= 3.3 deprecates (value, label) tuples
    from wtforms.fields.choices import SelectChoice

    def choices(pairs) -> list:
        """Choices from (value, label) pairs in the form this wtforms expects."""
        return [SelectChoice(value, label) for value, label in pairs]
except ImportError:  # pragma: no cover - older wtforms
    def choices(pairs) -> list:
        return list(pairs)

ROLE_CHOICES = choices(ROLE_NAMES.items())


class ChineseDateField(DateField):
    """A date field whose unreadable value is named in Chinese (wtforms says "Not a valid date value")."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(f"{self.label.text}应为日期，如 2026-03-01") from None


def stripped(value):
    """A field filter: text without surrounding spaces."""
    return value.strip() if isinstance(value, str) else value


def form_errors(form) -> list[str]:
    """Every message of a form that did not validate, in field order."""
    return [error for errors in form.errors.values() for error in errors]


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


class NamingForm(FlaskForm):
    department = StringField("部门名称", validators=[InputRequired("请填写部门名称"), Length(max=60)])
    government = StringField("所属政府", validators=[Optional(), Length(max=60)])


class UserForm(FlaskForm):
    username = StringField("用户名", validators=[
        InputRequired("请输入用户名"), Length(min=2, max=64, message="用户名长度为 2–64 个字符"),
        Regexp(r"^[\w.\-@]+$", message="用户名只能包含字母、数字、汉字和 . - _ @")])
    display_name = StringField("姓名", validators=[Optional(), Length(max=64)])
    role = SelectField("角色", choices=ROLE_CHOICES)
    password = PasswordField("初始密码", validators=[
        InputRequired("请输入密码"), Length(min=8, max=256, message="密码至少 8 个字符")])


class PasswordForm(FlaskForm):
    """A new password, typed twice; `current` only when users change their own."""
    current = PasswordField("当前密码", validators=[Optional()])
    password = PasswordField("新密码", validators=[
        InputRequired("请输入新密码"), Length(min=8, max=256, message="密码至少 8 个字符")])
    again = PasswordField("再次输入新密码", validators=[InputRequired("请再次输入新密码")])


class ConfirmForm(FlaskForm):
    """Confirm a finding: 主办 and 协办 among its two parties, the matter and the division of work.

    The route sets the choices of `lead` and `assisting` to the finding's parties.
    """
    lead = RadioField("主办部门", validators=[InputRequired("请选择主办部门")],
                      invalid_choice_message="主办部门必须是交叉的一方")
    assisting = SelectMultipleField("协办部门", invalid_choice_message="协办部门必须是交叉的一方")
    matter = StringField("事项", filters=[stripped], validators=[
        DataRequired("请填写事项名称"), Length(max=200, message="事项名称不超过 200 个字符")])
    division_of_work = TextAreaField("职责分工", filters=[stripped], validators=[
        Optional(), Length(max=4000, message="职责分工不超过 4000 个字符")])


class DismissForm(FlaskForm):
    """Dismiss a finding: not an overlap, with the reason."""
    reason = TextAreaField("排除理由", filters=[stripped], validators=[
        DataRequired("请填写排除理由"), Length(max=2000, message="排除理由不超过 2000 个字符")])


class RoundForm(FlaskForm):
    """Create or edit a survey round (评议轮次); the route turns it into a `survey.rounds.Round`."""
    name = StringField("轮次名称", filters=[stripped], validators=[
        DataRequired("请填写轮次名称"), Length(max=100, message="轮次名称不超过 100 个字符")])
    kind = SelectField("评议类型", choices=choices([("county", "市县评作为（背对背）"),
                                                   ("public", "服务对象满意度")]))
    government = StringField("政府", filters=[stripped], validators=[
        DataRequired("请填写政府名称"), Length(max=100)])
    year = IntegerField("年度", validators=[InputRequired("请填写年度"),
                                          NumberRange(min=2000, max=2100, message="年度应在 2000–2100 之间")])
    department_source = RadioField("被评议部门", default="documents", choices=choices([
        ("documents", "该政府已上传三定规定的全部部门"), ("list", "下面粘贴的名单"),
        ("file", "上传名单文件（.txt/.csv/.xlsx，第一列为部门名称）")]))
    departments = TextAreaField("部门名单（每行一个）", validators=[Optional(), Length(max=50_000)])
    departments_file = FileField("部门名单文件")
    opens = DateTimeLocalField("开始时间", format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
                               validators=[Optional()])
    closes = DateTimeLocalField("结束时间", format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
                                validators=[Optional()])
    groups = TextAreaField("评议组别及权重（每行“组别=权重”，权重之和为 1；留空或不改动则用所选评议类型的默认组别）",
                           validators=[Optional(), Length(max=2000)])
    scale = TextAreaField("评价等次（每行“标签=分值”，分值留空表示不计分如“不了解”，* 表示不满意类；"
                          "留空或不改动则用所选评议类型的默认等次）",
                          validators=[Optional(), Length(max=2000)])
    dimensions = TextAreaField("评议维度（可选；每行一个，如“服务基层”，按上面的评价等次评价；另用等次的写成"
                               "“办事效率：快=100、较快=85、一般=70、慢=50*”；留空则每个部门只评一个总体评价）",
                               validators=[Optional(), Length(max=4000)])
    k_min = IntegerField("最少样本数 k（少于 k 个有效评价时显示“样本不足”）", default=5,
                         validators=[InputRequired(), NumberRange(min=1, max=1000)])
    trim_count = IntegerField("去掉最高、最低各几个", default=1,
                              validators=[InputRequired(), NumberRange(min=0, max=100)])
    trim_min = IntegerField("有效评价至少几个时才去极值", default=7,
                            validators=[InputRequired(), NumberRange(min=1, max=10_000)])
    anonymous = BooleanField("背对背（匿名）：进度只显示各单位的人数，不显示姓名", default=True)
    access_code = StringField("访问码（服务对象满意度可选，留空则不需要）", filters=[stripped],
                              validators=[Optional(), Length(max=32)])


class RaterImportForm(FlaskForm):
    file = FileField("评议人名单（.xlsx 或 .csv，表头：姓名,单位,组别,评议部门）")


class EvidenceForm(FlaskForm):
    """A 佐证附件 added to a register entry (问题台账, 只考一次)."""
    file = FileField("佐证附件")
