"""The shipped 2024 data follows the plan (泉应急〔2024〕75号 附件2) row by row."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from jixiao import check_dataset, load_dataset
from jixiao.dataset import Dataset
from jixiao.directory import Directory

from .conftest import SHIPPED

# Every first-level indicator's weight as printed: "(N分)" for 1-x and 2-x, 权重分值 for the rest.
PRINTED_WEIGHTS = {
    "1-1": 4, "1-2": 5, "1-3": 4, "1-4": 4, "1-5": 4, "1-6": 4, "1-7": 4, "1-8": 4,
    "1-9": 5, "1-10": 4, "1-11": 5, "1-12": 4, "1-13": 4, "1-14": 5, "2-1": 4, "2-2": 4,
    "4-1": 1, "4-2": 1, "4-3": 1, "4-4": 1, "4-5": 1, "4-6": 1, "4-7": 1,
    "5-1": 1, "5-2": 1, "5-3": 1, "5-4": 1, "5-5": 1, "5-6": 1, "5-7": 1,
    "6-1": 1, "6-2": 1, "6-3": 1, "6-4": 1, "6-5": 2, "7": 6, "8": 6,
}  # fmt: skip

# (leaders, departments, persons) of leaves across every section, read off the plan's table
# (variant spellings in canonical form: 防汛科 -> 防汛抗旱科, 地震局 -> 市地震局, 李隼 -> 李隽).
LEAVES = {
    "1-1-1": (["王夏阳"], ["协调科"], ["陈祥平"]),
    "1-2-2": (["黄西洋"], ["减灾科"], ["郭依心"]),
    "1-3-1": (["黄西洋"], ["防汛抗旱科"], ["陈国材"]),
    "1-4-2": (["刘海明"], ["机关党委"], ["张桦"]),
    "1-5-1": (["张树武"], ["基础科"], ["杨子超"]),
    "1-6-2": (["黄西洋"], ["减灾科"], ["郭依心"]),
    "1-8-1": (["李隽"], ["矿山科"], ["潘文祥"]),
    "2-2-1": (["黄西洋"], ["救援中心"], ["戴振生"]),
    "2-2-2": (["张春权"], ["市地震局"], ["林剑瑜"]),
    "4-2": (["刘海明"], ["办公室"], ["万小翠"]),
    "4-7": (["刘海明", "杨良木"], ["办公室", "执法监督科"], ["万小翠", "黄凯"]),
    "5-6": (["刘海明"], ["审批科"], ["张济显"]),
    "6-1": (["刘海明"], ["审批科"], ["张济显"]),
    "7": (["刘海明"], ["机关党委"], ["张犇"]),
    "8": (["刘海明", "王夏阳"], ["办公室", "协调科"], ["万小翠", "陈梓平"]),
}


@pytest.fixture(scope="module")
def shipped() -> Dataset:
    return load_dataset(SHIPPED)


def test_shipped_data_checks_clean(shipped: Dataset) -> None:
    assert check_dataset(shipped) == []


def test_section_totals_and_groups(shipped: Dataset) -> None:
    assert shipped.scheme is not None
    sections = {s.name: s.weight for s in shipped.scheme.sections}
    assert sections == {
        "职能工作目标": Decimal(68),
        "行政能力目标": Decimal(20),
        "精神文明建设成效": Decimal(6),
        "平安建设成效": Decimal(6),
    }
    groups = [g.name for s in shipped.scheme.sections for g in s.groups or ()]
    assert groups == ["重点工作目标", "常规工作目标", "从严治党", "依法履职", "机关效能"]


def test_every_first_level_indicator_has_its_printed_weight(shipped: Dataset) -> None:
    assert shipped.scheme is not None
    weights = {ind.id: ind.weight for _, _, ind in shipped.scheme.indicators()}
    assert weights == {k: Decimal(v) for k, v in PRINTED_WEIGHTS.items()}


@pytest.mark.parametrize("leaf_id", sorted(LEAVES))
def test_leaders_departments_and_persons_as_in_the_plan(shipped: Dataset, leaf_id: str) -> None:
    leaf = next(leaf for leaf in shipped.leaves if leaf.id == leaf_id)
    assert (leaf.leaders, leaf.departments, leaf.persons) == LEAVES[leaf_id]
    assert leaf.deadline is not None and leaf.deadline.isoformat() == "2024-12-31"


def test_staff_roles_aliases_and_liaisons(shipped: Dataset) -> None:
    assert shipped.staff is not None
    roles = {m.name: m.role for m in shipped.staff.leadership}
    assert (roles["邱朝阳"], roles["刘海明"], roles["李隽"], roles["万小翠"]) == (
        "组长",
        "第一副组长",
        "副组长",
        "成员",
    )
    assert shipped.staff.office_head == "万小翠"
    directory = Directory.of(shipped.staff)
    assert directory.department("防汛科") == "防汛抗旱科"
    assert directory.department("地震局") == "市地震局"
    liaisons = {d.name: d.liaison for d in shipped.staff.departments}
    assert liaisons["防汛抗旱科"] == "肖伟华"
    assert liaisons["市地震局"] == "林岚"
    assert liaisons["审批科"] == "张济显"


def test_sample_results_cover_every_leaf_and_say_they_are_samples(shipped: Dataset) -> None:
    [results] = shipped.results.values()
    assert set(results.completion) == {leaf.id for leaf in shipped.leaves}
    text = (SHIPPED / "results" / "2024.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("# ！！示例数据")


def _cited(comment: str) -> list[str]:
    """The ids a comment cites as the file's own: not those quoted as printed (“1-11-1”)."""
    unquoted = re.sub(r"“[^”]*”", "", comment)
    return re.findall(r"(?<![\d-])\d+(?:-\d+)+(?![\d-])", unquoted)


def test_staff_comments_cite_the_files_ids(shipped: Dataset) -> None:
    """Where the printed row labels and the file's ids differ, staff.yaml cites the ids: each
    id it names exists, and the leaves cited for a spelling carry that person or department."""
    assert shipped.scheme is not None
    ids = {
        node.id for _, _, ind in shipped.scheme.indicators() for node in (ind, *(ind.items or ()))
    }
    text = (SHIPPED / "staff.yaml").read_text(encoding="utf-8")
    comments = [line.split("#", 1)[1] for line in text.splitlines() if "#" in line]
    cited = [leaf_id for comment in comments for leaf_id in _cited(comment)]
    assert cited and set(cited) <= ids | {"4-7"}, sorted(set(cited) - ids)
    leaves = {leaf.id: leaf for leaf in shipped.leaves}
    header = text.split("\nleadership:", 1)[0]
    li_jun = re.search(r"李隼 → 李隽：(.*?)都是", header, re.S)
    assert li_jun is not None
    spelled = [i for i in _cited(li_jun[1]) if i in leaves]
    assert spelled == ["1-8-1", "1-13-1", "1-10-2", "1-11-3"]
    assert all(leaves[i].leaders == ["李隽"] for i in spelled)
    for alias, canonical in (("防汛科", "防汛抗旱科"), ("地震局", "市地震局")):
        line = next(line for line in text.splitlines() if f"aliases: [{alias}]" in line)
        assert _cited(line) and all(leaves[i].departments == [canonical] for i in _cited(line))
