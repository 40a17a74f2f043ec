"""Synthetic data in the SPEC §2 format: N leaves with matching staff and results."""

from __future__ import annotations

import random
import re
from decimal import Decimal
from pathlib import Path

SECTIONS = (
    ("职能工作目标", 68),
    ("行政能力目标", 20),
    ("精神文明建设成效", 6),
    ("平安建设成效", 6),
)
TITLE = "组织开展安全生产隐患排查整治专项行动，督促落实主体责任"


def _split(total_cents: int, parts: int) -> list[int]:
    base, extra = divmod(total_cents, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def write_dataset(folder: Path, leaves: int, seed: int = 2024, unit: str = "合成测试单位") -> Path:
    """Write indicators.yaml, staff.yaml and results/2024.yaml with `leaves` leaves."""
    rng = random.Random(seed)
    departments = [f"第{i + 1:03d}科" for i in range(max(4, leaves // 50))]
    people = [f"人员{i + 1:05d}" for i in range(max(8, leaves // 10))]
    leaders = [f"领导{i + 1:02d}" for i in range(10)]
    # weights in cents: each leaf at least 0.01, so a big table is scored out of more than 100
    full_marks = max(100, leaves // 10)
    ind: list[str] = [
        f"unit: {unit}",
        "year: 2024",
        "source: 基准测试合成数据",
        f"full_marks: {full_marks}",
        "formula: {target_factor: 0.8, leadership_max: 10, public_max: 10, bonus_max: 5}",
        "grades:",
        "  - {name: 优秀, min: 90}",
        "  - {name: 良好, min: 80}",
        "  - {name: 合格, min: 70}",
        "  - {name: 差, min: 0}",
        "progress: {tolerance: 10}",
        "sections:",
    ]
    res = ["year: 2024", "as_of: 2024-12-31", "completion:"]
    per_section = _split(leaves, len(SECTIONS))
    leaf_no = 0
    for s, ((name, weight), count) in enumerate(zip(SECTIONS, per_section, strict=True)):
        cents = _split(weight * full_marks, count)  # weight% of full marks, in cents
        ind += [f"  - name: {name}", f"    weight: {Decimal(sum(cents)) / 100}", "    groups:"]
        for g in range(0, count, 300):
            ind += [f"      - name: 分组{s + 1}-{g // 300 + 1}", "        indicators:"]
            chunk = cents[g : g + 300]
            for i in range(0, len(chunk), 3):
                items = chunk[i : i + 3]
                ind_id = f"{s + 1}-{(g + i) // 3 + 1}"
                ind += [
                    f'          - id: "{ind_id}"',
                    f"            title: {TITLE}",
                    f"            weight: {Decimal(sum(items)) / 100}",
                    "            basis: 泉应急〔2024〕75号",
                    "            items:",
                ]
                for k, item_cents in enumerate(items):
                    leaf_no += 1
                    leaf_id = f"{ind_id}-{k + 1}"
                    dept = departments[leaf_no % len(departments)]
                    person = people[leaf_no % len(people)]
                    ind += [
                        f'              - id: "{leaf_id}"',
                        f"                title: {TITLE[: 20 + leaf_no % 20]}",
                        f"                weight: {Decimal(item_cents) / 100}",
                        f"                deadline: 2024-{1 + leaf_no % 12:02d}-28",
                        f"                leaders: [{leaders[leaf_no % len(leaders)]}]",
                        f"                departments: [{dept}]",
                        f"                persons: [{person}]",
                    ]
                    figure = 100 if rng.random() < 0.8 else Decimal(rng.randint(6000, 9999)) / 100
                    if figure == 100:
                        res.append(f'  "{leaf_id}": 100')
                    else:
                        res.append(
                            f'  "{leaf_id}": {{completion: {figure}, note: 部分任务未按时完成}}'
                        )
    res += ["evaluation: {leadership: 9.2, public: 8.8}", "bonuses:"]
    for i in range(max(1, leaves // 100)):
        dept = departments[i % len(departments)]
        res.append(f"  - {{points: 0.5, reason: 获得表彰, departments: [{dept}]}}")
    res.append("deductions:")
    for i in range(max(1, leaves // 100)):
        d, p = departments[(i * 7) % len(departments)], people[(i * 13) % len(people)]
        res.append(
            f"  - {{points: 0.1, date: 2024-05-10, reason: 暗访发现问题, "
            f"departments: [{d}], persons: [{p}]}}"
        )
    staff = ["leadership:", f"  - {{name: {leaders[0]}, role: 组长}}"]
    staff += [f"  - {{name: {name}, role: 副组长}}" for name in leaders[1:]]
    staff += [f"office_head: {people[0]}", "departments:"]
    staff += [
        f"  - {{name: {d}, aliases: [{d}别名], liaison: {people[i % len(people)]}}}"
        for i, d in enumerate(departments)
    ]
    staff += ["people:"] + [f"  - {{name: {name}}}" for name in leaders]
    staff += [
        f"  - {{name: {p}, department: {departments[i % len(departments)]}}}"
        for i, p in enumerate(people)
    ]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "results").mkdir(exist_ok=True)
    (folder / "indicators.yaml").write_text("\n".join(ind) + "\n", encoding="utf-8")
    (folder / "staff.yaml").write_text("\n".join(staff) + "\n", encoding="utf-8")
    (folder / "results" / "2024.yaml").write_text("\n".join(res) + "\n", encoding="utf-8")
    return folder


def mistype_ids(folder: Path) -> Path:
    """Every completion id of the results file typed with dots: `"1.1.1"` for `"1-1-1"`."""
    path = folder / "results" / "2024.yaml"
    text = path.read_text(encoding="utf-8")
    typed = re.sub(r'^  "([0-9-]+)":', lambda m: f'  "{m[1].replace("-", ".")}":', text, flags=re.M)
    path.write_text(typed, encoding="utf-8")
    return folder
