"""`grace audit search` on an audit log written by a real gateway run."""

from __future__ import annotations

import json

from .auditkit import AGENT, OTHER_AGENT, grace


def search(log, *args: str) -> tuple[int, list[dict]]:
    code, out, err = grace("audit", "search", "--config", log.config, "--format", "jsonl",
                           *args)
    return code, [json.loads(line) for line in out.splitlines()]


def test_every_row_carries_the_columns_compliance_needs(real_log):
    code, rows = search(real_log)
    assert code == 0
    assert [r["id"] for r in rows] == [r["id"] for r in real_log.records()]
    for row in rows:
        for key in ("time", "kind", "message_id", "subject", "sender", "recipients",
                    "decision", "rules"):
            assert key in row
    held = next(r for r in rows if r["hold_id"] == real_log.holds["released"]
                and r["kind"] == "decision")
    assert held["subject"] == "Re: Your refund"
    assert held["sender"] == AGENT and held["recipients"] == ["kim@customer.example"]
    assert held["decision"] == "hold" and "kind.condescending" in held["rules"]
    assert held["findings"][0]["evidence"]  # the exact words, as recorded


def test_search_by_decision_and_rule_glob(real_log):
    code, rows = search(real_log, "--decision", "hold")
    assert code == 0
    assert {r["hold_id"] for r in rows} == set(real_log.holds.values())
    _, kind_rows = search(real_log, "--rule", "kind.*", "--kind", "decision")
    assert {r["hold_id"] for r in kind_rows} == set(real_log.holds.values()) - {
        real_log.holds["open"]}  # the empty reply was held by reply.empty only
    _, empty = search(real_log, "--rule", "reply.empty")
    assert {r["hold_id"] for r in empty} == {real_log.holds["open"]}


def test_follow_up_records_are_found_by_the_rule_that_held_them(real_log):
    _, rows = search(real_log, "--rule", "humble.blame", "--kind", "released")
    assert {r["hold_id"] for r in rows} == {real_log.holds["released"],
                                            real_log.holds["false-positive"]}


def test_search_by_value_sender_and_message_id(real_log):
    _, clear = search(real_log, "--value", "clear")
    assert [r["message_id"] for r in clear] == [real_log.message_ids["jargon"]]
    _, lee = search(real_log, "--sender", "lee@", "--kind", "decision")
    assert [r["sender"] for r in lee] == [OTHER_AGENT]
    _, glob = search(real_log, "--sender", "*@support.acme.example", "--decision", "hold")
    assert len(glob) == len(real_log.holds)
    bare = real_log.message_ids["internal"].strip("<>")
    _, by_id = search(real_log, "--message-id", bare)
    assert [(r["decision"], r["scope_reason"]) for r in by_id] == [
        ("pass-through", "internal-recipients-only")]
    _, either = search(real_log, "--message-id", real_log.message_ids["internal"],
                       "--message-id", real_log.message_ids["clean"])
    assert len(either) == 2


def test_search_by_hold_tells_the_whole_story(real_log):
    _, rows = search(real_log, "--hold", real_log.holds["discarded"])
    kinds = [r["kind"] for r in rows]
    assert kinds[0] == "decision" and "discarded" in kinds and "note-sent" in kinds
    discarded = next(r for r in rows if r["kind"] == "discarded")
    assert discarded["actor"] == AGENT and discarded["reason"] == "I will write a new one."


def test_time_window(real_log):
    times = [r["time"] for r in real_log.records()]
    middle = sorted(times)[len(times) // 2]
    _, after = search(real_log, "--since", middle)
    _, before = search(real_log, "--until", middle)
    assert len(after) + len(before) == len(times)
    assert all(r["time"] >= middle for r in after) and all(r["time"] < middle for r in before)
    # A date alone covers its whole day (the expired hold's record may be tomorrow's).
    first, last = min(times)[:10], max(times)[:10]
    _, days = search(real_log, "--since", first, "--until", last)
    assert len(days) == len(times)


def test_nothing_found_exits_1(real_log):
    code, rows = search(real_log, "--since", "2999-01-01")
    assert code == 1 and rows == []


def test_text_format_reads_like_a_log(real_log):
    code, out, err = grace("audit", "search", "--config", real_log.config,
                           "--hold", real_log.holds["released"], "--kind", "released")
    assert code == 0
    [line] = out.splitlines()
    assert "released" in line and real_log.holds["released"] in line and "by " + AGENT in line
    assert "1 record found." in err


def test_bad_options_name_what_was_expected(real_log):
    code, out, err = grace("audit", "search", "--config", real_log.config,
                           "--decision", "held")
    assert code == 2 and "--decision 'held'" in err and "hold" in err
    code, _, err = grace("audit", "search", "--config", real_log.config, "--since", "yesterday")
    assert code == 2 and "ISO date" in err


def test_missing_log_is_a_clear_error_and_creates_nothing(tmp_path):
    config = tmp_path / "grace.toml"
    config.write_text(f'[state]\ndir = "{tmp_path / "nowhere"}"\n', encoding="utf-8")
    code, _, err = grace("audit", "search", "--config", config)
    assert code == 2 and "no Grace Gateway database" in err
    assert not (tmp_path / "nowhere" / "grace.db").exists()
