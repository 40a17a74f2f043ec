"""Turn a loaded YAML tree into a model; each Pydantic error becomes a Chinese file:line:col."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, get_origin

from pydantic import BaseModel, ValidationError

from . import slips
from .characters import Lines
from .loader import Map, Seq
from .model import short_title
from .problem import Pos, Problem, error
from .suggest import did_you_mean

M = TypeVar("M", bound=BaseModel)

_TYPE_NAMES = {
    "dict_type": "映射（“键: 值”）",
    "model_type": "映射（“键: 值”）",
    "model_attributes_type": "映射（“键: 值”）",
    "list_type": "列表（“- 项”或 [a, b]）",
    "string_type": "文字",
}
_TYPE_HINTS = {
    "dict_type": "写成“键: 值”，下一层的行多缩进两个空格；或写在一行：{键: 值, 键: 值}",
    "model_type": "写成“键: 值”，下一层的行多缩进两个空格；或写在一行：{键: 值, 键: 值}",
    "model_attributes_type": "写成“键: 值”，下一层的行多缩进两个空格；或写在一行：{键: 值, 键: 值}",
    "list_type": "写成 [甲, 乙]，或每项一行，以“- ”开头",
    "string_type": "直接写文字，不要写成列表或映射",
}
# (message, hint) for Pydantic's bounds
_BOUNDS = {
    "greater_than": ("应大于 {gt}", "请改为大于 {gt} 的数"),
    "greater_than_equal": ("应不小于 {ge}", "请改为不小于 {ge} 的数"),
    "less_than": ("应小于 {lt}", "请改为小于 {lt} 的数"),
    "less_than_equal": ("不能超过 {le}", "请改为不超过 {le} 的数"),
}
# the hint of each code the value parsers (values.py) raise, unless they give their own
_VALUE_HINTS = {
    "number": "写阿拉伯数字，如 95 或 99.5：不带 %、单位或千位分隔符",
    "decimals": "最多保留两位小数，如 89.99",
    "range": "请核对这个数",
    "date": "写成 年-月-日，月和日用两位数，如 2024-06-30",
    "year": "写四位数字的年份，如 2024",
    "empty": "填写内容，或删除这一行",
    "text": "直接写文字，不要写成列表或映射",
    "duplicate-name": "删去重复的一个",
}
_EXAMPLES = {  # what a missing key looks like, written out
    "year": "year: 2024",
    "unit": "unit: 单位名称",
    "id": 'id: "1-1-1"',
    "title": "title: 内容",
    "weight": "weight: 2",
    "name": "name: 名称",
    "role": "role: 成员",
    "points": "points: 0.5",
    "reason": "reason: 理由",
    "min": "min: 90",
}
TITLE_LIMIT = 20  # characters of a leaf's title in a message: enough to recognise it

_FIELD_NAMES = {
    "unit": "单位",
    "year": "年度",
    "source": "文件依据",
    "formula": "计分公式",
    "target_factor": "目标考评折算系数",
    "leadership_max": "领导评价满分",
    "public_max": "公众评议满分",
    "bonus_max": "正向激励上限",
    "grades": "等次",
    "name": "名称",
    "min": "最低分",
    "tolerance": "滞后容差",
    "progress": "进度检查设置",
    "full_marks": "满分",
    "sections": "考评项目",
    "groups": "分组",
    "indicators": "指标",
    "items": "二级指标",
    "id": "序号",
    "title": "内容",
    "weight": "权重分值",
    "basis": "文件依据",
    "deadline": "完成时限",
    "leaders": "分管领导",
    "departments": "责任科室",
    "persons": "科室责任人",
    "leadership": "领导评价",
    "office_head": "办公室主任",
    "role": "职务",
    "aliases": "别名",
    "liaison": "绩效工作人员",
    "people": "人员",
    "department": "科室",
    "as_of": "统计截止日期",
    "completion": "完成率",
    "note": "说明",
    "evaluation": "评价",
    "public": "公众评议",
    "department_evaluation": "科室评价",
    "bonuses": "正向激励",
    "deductions": "察访核验扣分",
    "points": "分值",
    "reason": "理由",
    "date": "日期",
    "quotas": "名额",
    "over_quota": "超出名额时",
}


def label(key: str) -> str:
    """`weight（权重分值）`: the YAML key the clerk types, with its meaning."""
    meaning = _FIELD_NAMES.get(key)
    return f"{key}（{meaning}）" if meaning else key


def to_model(
    model: type[M],
    tree: object,
    root_pos: Pos,
    file: str,
    titles: Mapping[str, str] | None = None,
) -> tuple[M | None, list[Problem]]:
    """The model, or the problems that keep the tree from being one. `titles` (leaf id ->
    title, when the scheme is known) lets a problem with a completion figure name its leaf."""
    if not isinstance(tree, Map):
        kind = "列表" if isinstance(tree, Seq) else "单个值"
        return None, [
            error(
                file,
                root_pos,
                "type",
                f"文件顶层应为映射（“键: 值”），而这里是{kind}",
                "每行写成“键: 值”，顶格书写，如 year: 2024",
            )
        ]
    try:
        return model.model_validate(tree), []
    except ValidationError as exc:
        lines = Lines(getattr(tree, "source", ""))
        errors = _unshadowed(exc.errors(include_url=False))
        return None, [_problem(err, tree, file, model, titles or {}, lines) for err in errors]


def _unshadowed(errors: list[Any]) -> list[Any]:
    """Without "missing name" beside the unknown key "name：优秀" that was meant to be it."""
    slipped = {
        (tuple(err["loc"][:-1]), slips.intended_key(str(err["loc"][-1])))
        for err in errors
        if err["type"] == "extra_forbidden" and slips.in_key(str(err["loc"][-1]))
    }
    if not slipped:
        return errors
    return [
        err
        for err in errors
        if not (err["type"] == "missing" and (tuple(err["loc"][:-1]), err["loc"][-1]) in slipped)
    ]


def _problem(
    err: Any,
    tree: Map,
    file: str,
    model: type[BaseModel],
    titles: Mapping[str, str],
    lines: Lines,
) -> Problem:
    loc = err["loc"]
    kind = err["type"]
    ctx = err.get("ctx") or {}
    parent, pos, key_pos = _locate(tree, loc)
    if "at" in ctx:  # one item of a list, or one key of a mapping, failed
        pos = _child_pos(tree, loc, ctx["at"]) or pos
    field = next(
        (str(part) for part in reversed(loc) if isinstance(part, str) and part in _FIELD_NAMES), ""
    )
    where = label(field) if field else "此处"
    leaf = _leaf(loc, titles)
    if kind == "missing":
        key = str(loc[-1])
        example = _EXAMPLES.get(key, f"{key}: …")
        return error(
            file,
            parent.pos if parent else pos,
            "missing-key",
            f"{leaf}缺少 {label(key)}",
            f"在这一项中加一行 {example}",
        )
    if kind == "extra_forbidden":
        key = str(loc[-1])
        slip = slips.in_key(key)
        if slip is not None:
            at = lines.find(slip.char, key_pos or pos)
            message, hint = slips.message(slip.code, slip.char, at, slip.where)
            return error(file, at, slip.code, f"{leaf}未知的键“{key.strip()}”：{message}", hint)
        known = _known_fields(model, loc)
        suggestion = did_you_mean(key, known)
        hint = f"是不是 {suggestion}？" if suggestion else "可用的键：" + "、".join(known)
        return error(file, key_pos or pos, "unknown-key", f"{leaf}未知的键“{key}”", hint)
    if kind in _TYPE_NAMES:
        value = err.get("input")
        expected = "list" if kind == "list_type" else "mapping"
        slip = slips.in_text(value, expected) if isinstance(value, str) else None
        if slip is not None:  # `tolerance： 10` read as text where a mapping belongs
            at = lines.find(slip.char, pos)
            message, hint = slips.message(slip.code, slip.char, at, slip.where)
            shape = f"{leaf}{where} 应为{_TYPE_NAMES[kind]}"
            return error(file, at, slip.code, f"{shape}：{message}", hint)
        return error(file, pos, "type", f"{leaf}{where} 应为{_TYPE_NAMES[kind]}", _TYPE_HINTS[kind])
    if kind in _BOUNDS:
        message, hint = (
            text.format(**{k: str(v) for k, v in ctx.items()}) for text in _BOUNDS[kind]
        )
        value = err.get("input")
        shown = f" {value}" if isinstance(value, str) else ""
        return error(file, pos, "range", f"{leaf}{where}{shown}：{message}", hint)
    if kind == "too_short":
        return error(file, pos, "empty", f"{leaf}{where} 不能为空", "至少写一项")
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        choices = expected.replace(", ", "、")
        return error(
            file, pos, "invalid", f"{leaf}{where} 应为 {choices} 之一", "照抄其中一个，不加别的字"
        )
    if kind in ("fullwidth", "invisible-char"):
        at = lines.find(ctx["char"], pos)
        message, hint = slips.message(kind, ctx["char"], at, ctx.get("where", ""))
        return error(file, at, kind, f"{leaf}{where}：{message}", hint)
    if kind in _VALUE_HINTS:
        if "char" in ctx:  # full-width digits: at the first of them
            pos = lines.find(ctx["char"], pos)
        code = "type" if kind == "text" else kind
        message = err["msg"]
        hint = str(ctx.get("hint") or _VALUE_HINTS[kind])
        if leaf:  # name the leaf: `1-1-1（隐患排查）完成率 105 超过 100`
            what = "说明" if field == "note" else "完成率"
            separator = "" if message.startswith(what) else f"{what}："
            return error(file, pos, code, f"{leaf}{separator}{message}", hint)
        return error(file, pos, code, f"{where}：{message}", hint)
    return error(file, pos, "invalid", f"{leaf}{where} 无效", err["msg"])


def _leaf(loc: tuple[Any, ...], titles: Mapping[str, str]) -> str:
    """`1-1-1（隐患排查）`: the leaf a problem in `completion:` is about, with its title when
    the scheme is known; "" elsewhere."""
    if len(loc) < 2 or loc[0] != "completion":
        return ""
    leaf_id = str(loc[1])
    title = titles.get(leaf_id)
    return f"{leaf_id}（{short_title(title, TITLE_LIMIT)}）" if title else f"{leaf_id} "


def _locate(tree: Map, loc: tuple[Any, ...]) -> tuple[Map | None, Pos, Pos | None]:
    """Walk the loc through the tree: (innermost mapping, value position, key position)."""
    node: object = tree
    parent: Map | None = tree
    pos: Pos = tree.pos
    key_pos: Pos | None = None
    for part in loc:
        if isinstance(node, Map) and isinstance(part, str) and part in node:
            parent = node
            pos, key_pos = node.value_pos[part], node.key_pos[part]
            node = node[part]
        elif isinstance(node, Seq) and isinstance(part, int) and 0 <= part < len(node):
            pos, key_pos = node.item_pos[part], None
            node = node[part]
        elif (
            isinstance(node, Map)
            and isinstance(part, str)
            and not part.startswith(("function-", "["))
        ):
            parent = node
            pos, key_pos = node.pos, None
            break
        if isinstance(node, Map):
            parent = node
    return parent, pos, key_pos


def _child_pos(tree: Map, loc: tuple[Any, ...], at: int | str) -> Pos | None:
    """Where item `at` of the list, or key `at` of the mapping, at `loc` is."""
    node: object = tree
    for part in loc:
        if isinstance(node, (Map, Seq)) and _has(node, part):
            node = node[part]
    if isinstance(node, Seq) and isinstance(at, int) and 0 <= at < len(node.item_pos):
        return node.item_pos[at]
    if isinstance(node, Map) and isinstance(at, str):
        return node.key_pos.get(at)
    return None


def _has(node: Map | Seq, part: object) -> bool:
    if isinstance(node, Map):
        return isinstance(part, str) and part in node
    return isinstance(part, int) and 0 <= part < len(node)


def _known_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed where an unknown key was found, following the loc through the models."""
    current: Any = model
    parts = iter(loc[:-1])
    for part in parts:
        if isinstance(part, str) and isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part)
            if info is None:
                continue
            current = _inner_model(info.annotation)
            if get_origin(info.annotation) is dict:  # `completion:`: the next part is an id,
                next(parts, None)  # not a key of the model, even one spelt `note`
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or getattr(annotation, "__metadata__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and origin is not annotation:
        return _inner_model(origin)
    return None
