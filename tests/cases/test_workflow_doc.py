"""docs/case-workflow.md says exactly what the state machine does: its table, whose turn, the actions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from case_helpers import make_case

from lumetra_desk.core.cases import service, workflow
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import Case

DOC = (Path(__file__).parents[2] / "docs" / "case-workflow.md").read_text(encoding="utf-8")


def _documented_sources() -> dict[str, frozenset[str]]:
    """The table's "To" and "From" columns, the phrase "any open status" read as the code's open statuses."""
    lines = DOC.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| To | From |"))
    sources: dict[str, frozenset[str]] = {}
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        target, origin = (cell.strip() for cell in line.strip("|").split("|")[:2])
        if origin == "any open status":
            sources[target] = service.OPEN_STATUSES
        elif origin == "any open status except itself":
            sources[target] = service.OPEN_STATUSES - {target}
        else:
            sources[target] = frozenset(origin.split(" (")[0].split(", "))
    return sources


def test_the_table_names_every_status_a_case_can_reach_and_from_where() -> None:
    documented = _documented_sources()
    assert set(documented) == set(workflow.STATUSES) - {"new"}
    for target, origins in workflow.SOURCES.items():
        assert documented[target] == origins, target
    assert documented["appealed"] == service.APPEALABLE_STATUSES
    assert documented["merged"] == service.OPEN_STATUSES
    drawing = DOC.split("```")[1]
    assert all(status in drawing for status in workflow.STATUSES)


@pytest.mark.parametrize("target", sorted(workflow.SOURCES))
def test_the_state_machine_refuses_exactly_the_moves_the_table_leaves_out(store: Store, target: str) -> None:
    documented = _documented_sources()[target]
    key = make_case(store)
    with store.read() as session:
        case = service.find_case(session, key)
        for status in workflow.STATUSES:
            case.status = status
            problem = workflow.refusal(session, case, target) or ""
            assert ("only from" in problem) == (status not in documented and status != target), (status, problem)


def test_whose_turn_and_the_actions_are_as_documented() -> None:
    turn = re.search(r"the requester's while `(\w+)`; nobody's once ([^;]+); ours otherwise", DOC)
    assert turn is not None
    requesters, nobodys = {turn.group(1)}, set(re.findall(r"`(\w+)`", turn.group(2)))
    for status in workflow.STATUSES:
        expected = "requester" if status in requesters else "nobody" if status in nobodys else "ours"
        assert workflow.whose_turn(Case(key="LD-2026-000001", requester_id=1, status=status)) == expected, status
    actions = re.search(r"lists every action \(([^)]*)\)", DOC)
    assert actions is not None
    assert re.split(r",\s+", actions.group(1)) == [name for name, _ in workflow.ACTION_TARGETS]
