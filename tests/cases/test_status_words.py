"""Every refusal the officer reads names statuses in words ("awaiting the requester"), never by their ids."""

from __future__ import annotations

import re

import pytest
from case_helpers import make_case
from test_workflow import _move

from lumetra_desk.cli.main import main
from lumetra_desk.core.cases import service, workflow
from lumetra_desk.core.cases.wording import STATUS_WORDS, clock_event_words, statuses_in_words
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import Case

STATUS_IDS = re.compile("|".join(status for status in STATUS_WORDS if "_" in status))


def test_the_workflow_knows_exactly_the_statuses_that_have_words() -> None:
    assert tuple(STATUS_WORDS) == workflow.STATUSES
    assert statuses_in_words(["extended", "new", "awaiting_requester"]) == "new, awaiting the requester or extended"
    assert statuses_in_words(["responded"]) == "responded"
    assert clock_event_words("extension_taken") == "extension taken"
    assert clock_event_words("id_requested") == "ID requested"


def test_no_refusal_of_any_action_in_any_status_shows_a_status_id(store: Store) -> None:
    key = make_case(store, types=("access",))
    with store.read() as session:
        stored = service.find_case(session, key).model_dump()
        for status in workflow.STATUSES:
            case = Case.model_validate(stored | {"status": status})  # not in the session: never written
            reasons = [action.reason for action in workflow.allowed_actions(session, case)]
            reasons += [workflow.refusal(session, case, target) or "" for target in workflow.STATUSES]
            shown = [reason for reason in reasons if STATUS_IDS.search(reason)]
            assert shown == [], status
    with store.read() as session:
        waiting = Case.model_validate(stored | {"status": "awaiting_requester"})
        assert workflow.refusal(session, waiting, "acknowledged") == (
            f"Case {key} is awaiting the requester; it can become acknowledged only from new."
        )
        busy = Case.model_validate(stored | {"status": "in_progress"})
        assert workflow.refusal(session, busy, "verifying") == (
            f"Case {key} is in progress; it can become verifying only from new, acknowledged, awaiting the requester "
            "or extended."
        )


def test_the_cli_refuses_in_words(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    key = make_case(store, types=("access",))
    _move(store, key, "awaiting_requester", waiting_for="clarification")
    assert main(["cases", "transition", key, "closed", "--reason", "done"]) == 1
    err = capsys.readouterr().err
    assert "is awaiting the requester; it can become closed only from responded" in err
    assert main(["cases", "transition", key, "in_progress", "--reason", "they answered"]) == 0
    assert f"{key} is now in progress;" in capsys.readouterr().out
    assert main(["cases", "transition", key, "new", "--reason", "start again"]) == 1  # it raised a KeyError
    assert f"Case {key} cannot become new again" in capsys.readouterr().err
