"""Turn a loaded YAML tree into a model; each Pydantic error becomes a Chinese file:line:col."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from . import slips
from .characters import Lines
from .loader import Map, Seq
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
_BOUNDS = {
    "greater_than": "应大于 {gt}",
    "greater_than_equal": "应不小于 {ge}",
    "less_than": "应小于 {lt}",
    "less_than_equal": "不能超过 {le}",
}
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
}


def label(key: str) -> str:
    """`weight（权重分值）`: the YAML key the clerk types, with its meaning."""
    meaning = _FIELD_NAMES.get(key)
    return f"{key}（{meaning}）" if meaning else key


def to_model(
    model: type[M], tree: object, root_pos: Pos, file: str
) -> tuple[M | None, list[Problem]]:
    if not isinstance(tree, Map):
        kind = "列表" if isinstance(tree, Seq) else "单个值"
        return None, [
            error(file, root_pos, "type", f"文件顶层应为映射（“键: 值”），而这里是{kind}")
        ]
    try:
        return model.model_validate(tree), []
    except ValidationError as exc:
        lines = Lines(getattr(tree, "source", ""))
        errors = _unshadowed(exc.errors(include_url=False))
        return None, [_problem(err, tree, file, model, lines) for err in errors]


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


def _problem(err: Any, tree: Map, file: str, model: type[BaseModel], lines: Lines) -> Problem:
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
    if kind == "missing":
        return error(
            file, parent.pos if parent else pos, "missing-key", f"缺少 {label(str(loc[-1]))}"
        )
    if kind == "extra_forbidden":
        key = str(loc[-1])
        slip = slips.in_key(key)
        if slip is not None:
            at = lines.find(slip.char, key_pos or pos)
            message, hint = slips.message(slip.code, slip.char, at, slip.where)
            return error(file, at, slip.code, f"未知的键“{key.strip()}”：{message}", hint)
        known = _known_fields(model, loc)
        suggestion = did_you_mean(key, known)
        hint = f"是不是 {suggestion}？" if suggestion else "可用的键：" + "、".join(known)
        return error(file, key_pos or pos, "unknown-key", f"未知的键“{key}”", hint)
    if kind in _TYPE_NAMES:
        value = err.get("input")
        expected = "list" if kind == "list_type" else "mapping"
        slip = slips.in_text(value, expected) if isinstance(value, str) else None
        if slip is not None:  # `tolerance： 10` read as text where a mapping belongs
            at = lines.find(slip.char, pos)
            message, hint = slips.message(slip.code, slip.char, at, slip.where)
            return error(file, at, slip.code, f"{where} 应为{_TYPE_NAMES[kind]}：{message}", hint)
        return error(file, pos, "type", f"{where} 应为{_TYPE_NAMES[kind]}")
    if kind in _BOUNDS:
        bound = _BOUNDS[kind].format(**{k: str(v) for k, v in ctx.items()})
        value = err.get("input")
        shown = f" {value}" if isinstance(value, str) else ""
        return error(file, pos, "range", f"{where}{shown}：{bound}")
    if kind == "too_short":
        return error(file, pos, "empty", f"{where} 不能为空")
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return error(file, pos, "invalid", f"{where} 应为 {expected.replace(', ', '、')} 之一")
    if kind in ("fullwidth", "invisible-char"):
        at = lines.find(ctx["char"], pos)
        message, hint = slips.message(kind, ctx["char"], at, ctx.get("where", ""))
        return error(file, at, kind, f"{where}：{message}", hint)
    if kind == "number" and "hint" in ctx:  # full-width digits (at the first), -0
        at = lines.find(ctx["char"], pos) if "char" in ctx else pos
        return error(file, at, kind, f"{where}：{err['msg']}", ctx["hint"])
    if kind in ("number", "decimals", "range", "date", "year", "empty", "text", "duplicate-name"):
        code = "type" if kind == "text" else kind
        message = err["msg"]
        if len(loc) > 1 and loc[0] == "completion":  # name the leaf: `1-1-1 完成率 105 超过 100`
            separator = " " if message.startswith("完成率") else " 完成率："
            return error(file, pos, code, f"{loc[1]}{separator}{message}")
        return error(file, pos, code, f"{where}：{message}")
    return error(file, pos, "invalid", f"{where} 无效", err["msg"])


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
    for part in loc[:-1]:
        if isinstance(part, str) and isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part)
            if info is None:
                continue
            current = _inner_model(info.annotation)
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
