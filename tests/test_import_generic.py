"""The generic CSV / JSON Lines layout: the documented examples, detection, and every refusal."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from importing import run, stored, written
from shequn.sources.files import SourceError

DATA = Path(__file__).parent / "data" / "generic"
EXAMPLES = [DATA / "community.csv", DATA / "community.jsonl"]
DOC = Path(__file__).parent.parent / "docs" / "formats" / "generic.md"
HEADER = "key,kind,platform,group,time,actor_id,actor_name,text,amount_fen,amount_yuan,ref"
VIP = "Acme 茶友一群（VIP）"


def pick(event: dict[str, Any], *fields: str) -> dict[str, Any]:
    return {field: event[field] for field in fields}


def refusal(store: Any, tmp_path: Path, name: str, body: str, **request: Any) -> str:
    with pytest.raises(SourceError) as raised:
        run(store, written(tmp_path, name, body), **request)
    assert stored(store) == []  # nothing imported
    return str(raised.value)


def row(**cells: str) -> str:
    base = {"key": "k1", "kind": "message", "platform": "wechat", "group": "g", "time": "2026-03-01 09:00"}
    values = base | {"actor_id": "w1", "actor_name": "Wang"} | cells
    return HEADER + "\n" + ",".join(values.get(column, "") for column in HEADER.split(",")) + "\n"


# The documented examples, imported end to end


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.suffix)
def test_the_documented_example_imports_to_exactly_its_events(store: Any, example: Path) -> None:
    summary = run(store, example)
    assert (summary.added, summary.messages, summary.joins, summary.leaves, summary.removals) == (
        22,
        7,
        5,
        1,
        1,
    )
    assert (summary.groups, summary.problems) == (1, [])
    found = stored(store)
    assert [event["kind"] for event in found] == [
        "group_created", "join", "join", "join", "join", "join", "message", "message", "message", "message",
        "message", "message", "reaction", "group_renamed", "identity_merged", "order_placed", "order_paid",
        "order_refunded", "check_in", "removal", "leave", "message",
    ]  # fmt: skip
    assert {event["group"] for event in found if event["group_id"]} == {VIP}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.suffix)
def test_joins_keep_how_and_by_whom_and_a_name_only_account(store: Any, example: Path) -> None:
    run(store, example)
    joins = [event for event in stored(store) if event["kind"] == "join"]
    fields = ("time", "platform", "actor", "actor_account", "inviter", "via", "code", "group")
    assert pick(joins[2], *fields) == {
        "time": "2026-03-01T10:12:30+08:00", "platform": "wechat", "actor": "韩梅梅",
        "actor_account": "wxid_hanmeimei", "inviter": "李雷", "via": "code", "code": "poster-A", "group": VIP,
    }  # fmt: skip
    assert pick(joins[3], "time", "actor", "actor_account", "inviter", "via") == {
        "time": "2026-03-01T11:00:00+08:00", "actor": "张伟", "actor_account": "~张伟", "inviter": "韩梅梅",
        "via": "link",
    }  # fmt: skip
    assert [(join["actor"], join["via"], join["inviter"]) for join in joins[:2]] == [
        ("王芳", "founder", None), ("李雷", "added", "王芳"),
    ]  # fmt: skip


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.suffix)
def test_messages_keep_replies_mentions_media_and_edits(store: Any, example: Path) -> None:
    run(store, example)
    found = stored(store)
    by_ref = {event["ref"]: event for event in found if event["kind"] == "message"}
    member = {event["actor"]: event["actor_id"] for event in found}
    assert pick(by_ref["m2"], "time", "actor", "target", "reply_to", "text") == {
        "time": "2026-03-01T20:01:15+08:00", "actor": "韩梅梅", "target": "王芳", "reply_to": "m1",
        "text": "收到 @王芳 @李雷",
    }  # fmt: skip
    assert sorted(by_ref["m2"]["mentions"], key=lambda m: m["name"]) == sorted(
        [{"id": member["王芳"], "name": "王芳"}, {"id": member["李雷"], "name": "李雷"}],
        key=lambda m: m["name"],
    )
    assert by_ref["m4"]["mentions"] == [{"id": member["张伟"], "name": "张伟"}]
    assert (by_ref["m3"]["media"], by_ref["m3"]["actor_account"]) == ("photo", "~张伟")
    assert (by_ref["m5"]["text"], by_ref["m5"]["edited"], by_ref["m5"]["deleted"]) == (
        "第一行\n第二行（已编辑）",
        True,
        False,
    )
    assert (by_ref["m6"]["actor"], by_ref["m6"]["deleted"]) == ("茶小二", True)
    reaction = next(event for event in found if event["kind"] == "reaction")
    assert pick(reaction, "actor", "target", "reply_to", "text") == {
        "actor": "李雷", "target": "韩梅梅", "reply_to": "m2", "text": "👍",
    }  # fmt: skip


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.suffix)
def test_an_order_keeps_its_amounts_in_fen_and_its_distributor_on_another_platform(
    store: Any, example: Path
) -> None:
    run(store, example)
    found = stored(store)
    orders = [event for event in found if event["kind"].startswith("order_")]
    assert [(order["kind"], order["amount_fen"], order["ref"]) for order in orders] == [
        ("order_placed", 500000, "SO-1001"), ("order_paid", 500000, "SO-1001"),
        ("order_refunded", 120050, "SO-1001"),
    ]  # fmt: skip
    lilei = found[2]["actor_id"]  # his WeChat account, named as the distributor with target_platform
    assert {
        (order["platform"], order["actor_account"], order["target"], order["target_id"], order["product"])
        for order in orders
    } == {("acme-shop", "u-77", "李雷", lilei, "大红袍 500g 礼盒")}
    assert {order["group_id"] for order in orders} == {None}
    assert orders[1]["time"] == "2026-03-02T10:05:00+08:00"  # time_unix: no offset, the community's zone


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.suffix)
def test_a_merge_across_platforms_makes_the_shop_buyer_the_chat_member(store: Any, example: Path) -> None:
    run(store, example)
    found = stored(store)
    hanmeimei = found[3]["actor_id"]  # her WeChat account's member id, from her join
    merge = next(event for event in found if event["kind"] == "identity_merged")
    assert (merge["actor_account"], merge["actor_id"], merge["target_id"]) == ("u-77", hanmeimei, hanmeimei)
    shop = [event for event in found if event["platform"] == "acme-shop"]
    assert {(event["actor_account"], event["actor_id"]) for event in shop} == {("u-77", hanmeimei)}
    assert (found[-1]["actor"], found[-1]["actor_id"], found[-1]["text"]) == (
        "韩梅梅",
        hanmeimei,
        "茶收到了，很香",
    )


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.suffix)
def test_a_removal_names_who_removed_and_who_was_removed(store: Any, example: Path) -> None:
    run(store, example)
    found = stored(store)
    removal = next(event for event in found if event["kind"] == "removal")
    assert (removal["actor"], removal["target"], removal["target_id"]) == (
        "王芳",
        "张伟",
        found[4]["actor_id"],
    )
    assert (removal["time"], removal["group"]) == ("2026-03-09T09:00:00+08:00", VIP)


def test_the_csv_and_the_jsonl_example_say_the_same_so_both_store_each_event_once(store: Any) -> None:
    first = run(store, EXAMPLES[0])
    second = run(store, EXAMPLES[1])
    assert (first.added, second.added, second.skipped) == (22, 0, 22)


def test_importing_the_same_file_twice_adds_nothing(store: Any) -> None:
    run(store, EXAMPLES[0])
    again = run(store, EXAMPLES[0])
    assert (again.added, again.skipped, len(stored(store))) == (0, 22, 22)


def test_a_later_overlapping_export_adds_only_the_new_records(store: Any, tmp_path: Path) -> None:
    lines = EXAMPLES[1].read_text(encoding="utf-8").splitlines(keepends=True)
    run(store, written(tmp_path, "early.jsonl", "".join(lines[:10])))
    later = run(store, written(tmp_path, "later.jsonl", "".join(lines[5:])))
    assert (later.added, later.skipped, len(stored(store))) == (12, 5, 22)


def test_the_docs_show_exactly_the_example_files() -> None:
    doc = DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"```(csv|jsonl)\n(.*?)```", doc, flags=re.DOTALL)
    shown = {
        language: body for language, body in blocks if body.startswith("key") or body.startswith('{"key"')
    }
    assert shown["csv"] == EXAMPLES[0].read_text(encoding="utf-8")
    assert shown["jsonl"] == EXAMPLES[1].read_text(encoding="utf-8")


# Encodings and spreadsheet habits


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_a_csv_saved_with_a_bom_or_in_gb18030_reads_the_same(
    store: Any, tmp_path: Path, encoding: str
) -> None:
    body = EXAMPLES[0].read_text(encoding="utf-8").replace("\n", "\r\n")
    summary = run(store, written(tmp_path, "excel.csv", body, encoding))
    assert summary.added == 22
    assert stored(store)[7]["text"] == "收到 @王芳 @李雷"


def test_a_gbk_csv_from_excel_in_a_chinese_locale_is_read(store: Any, tmp_path: Path) -> None:
    body = f"{HEADER}\r\nm1,message,wechat,茶友群,2026/3/1 9:05,wxid_1,王芳,大家好,,,m1\r\n"
    run(store, written(tmp_path, "导出.csv", body, "gbk"))
    (message,) = stored(store)
    assert (message["actor"], message["text"], message["time"]) == (
        "王芳",
        "大家好",
        "2026-03-01T09:05:00+08:00",
    )


def test_a_file_that_changes_encoding_half_way_is_refused_with_its_line(store: Any, tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        f"{HEADER}\nm1,message,wechat,g,2026-03-01 09:00,w1,王芳,你好,,,\n".encode()
        + "m2,message,wechat,g,2026-03-01 09:01,w2,李雷,再见,,,\n".encode("gbk")
    )
    with pytest.raises(SourceError, match=r"mixed.csv: line 3: expected UTF-8 text"):
        run(store, path)
    assert stored(store) == []


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_separated_files_are_read(store: Any, tmp_path: Path, delimiter: str) -> None:
    body = f"{HEADER}\nm1,message,wechat,g,2026-03-01T09:00:00+08:00,w1,Wang,hello,,,m1\n".replace(
        ",", delimiter
    )
    run(store, written(tmp_path, "semi.csv", body))
    assert [(event["actor"], event["text"]) for event in stored(store)] == [("Wang", "hello")]


def test_header_names_forgive_case_and_spaces_and_unnamed_empty_columns(store: Any, tmp_path: Path) -> None:
    body = " Key ,KIND,Platform,Group,Time,Actor_ID,text,\nm1, Message ,WeChat,g,2026-03-01 09:00,w1,hi,\n"
    run(store, written(tmp_path, "loose.csv", body))
    (message,) = stored(store)
    assert (message["kind"], message["platform"], message["text"]) == ("message", "wechat", "hi")


def test_a_value_under_a_column_without_a_name_is_refused(store: Any, tmp_path: Path) -> None:
    body = "key,kind,platform,group,time,actor_id,\nk,join,qq,g,2026-03-01,1,stray\n"
    assert "noname.csv:2: 'stray' is under a column the header does not name" in refusal(
        store, tmp_path, "noname.csv", body
    )


def test_a_json_lines_file_with_a_byte_order_mark_is_found_and_read(store: Any, tmp_path: Path) -> None:
    body = EXAMPLES[1].read_text(encoding="utf-8")
    assert run(store, written(tmp_path, "bom.ndjson", body, "utf-8-sig")).added == 22


def test_records_without_a_group_take_the_group_option_but_orders_do_not(store: Any, tmp_path: Path) -> None:
    body = (
        f"{HEADER}\nm1,message,wechat,,2026-03-01 09:00,w1,Wang,hi,,,m1\n"
        "o1,order_paid,wechat,,2026-03-01 09:05,w1,Wang,,1990,,SO-1\n"
    )
    run(store, written(tmp_path, "nogroup.csv", body), group_name="茶友群")
    message, order = stored(store)
    assert (message["group"], order["group"], order["amount_fen"]) == ("茶友群", None, 1990)


@pytest.mark.parametrize(
    ("time_unix", "expected"),
    [
        (
            "1772326800123",
            "field time_unix: '1772326800123' is not between the years 2000 and 2200 in seconds; "
            "it looks like milliseconds (divide by 1000)",
        ),
        ("9" * 5000, "field time_unix: '9999"),
        ("1.5e9", "field time_unix: '1.5e9' is not a number of seconds since 1970-01-01 UTC"),
    ],
)
def test_a_bad_unix_time_is_refused_and_milliseconds_are_pointed_out(
    store: Any, tmp_path: Path, time_unix: str, expected: str
) -> None:
    body = f"key,kind,platform,group,time_unix,actor_id\nk,join,qq,g,{time_unix},1\n"
    assert f"unix.csv:2: {expected}" in refusal(store, tmp_path, "unix.csv", body)


def test_time_and_time_unix_together_are_refused(store: Any, tmp_path: Path) -> None:
    body = "key,kind,platform,group,time,time_unix,actor_id\nk,join,qq,g,2026-03-01,1772326800,1\n"
    message = refusal(store, tmp_path, "both.csv", body)
    assert "both.csv:2: field time: and time_unix are both given; give exactly one of them" in message


def test_json_lines_take_numbers_as_ids_and_amounts(store: Any, tmp_path: Path) -> None:
    line = (
        '{"key": 42, "kind": "order_paid", "platform": "qq", "time_unix": 1772326800.25, "actor_id": 10001, '
        '"ref": 7, "amount_yuan": 19.9}\n'
    )
    run(store, written(tmp_path, "n.jsonl", line))
    (order,) = stored(store)
    assert (order["actor_account"], order["ref"], order["amount_fen"], order["time"]) == (
        "10001", "7", 1990, "2026-03-01T09:00:00.250000+08:00",
    )  # fmt: skip


# Refusals: a message naming the file, the line, the field and what was expected


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (
            {"kind": "joined"},
            r"field kind: 'joined' is not a kind; expected one of group_created, "
            r".*\(did you mean join\?\)",
        ),
        ({"kind": ""}, r"field kind: is missing"),
        ({"platform": "We Chat"}, r"field platform: 'We Chat' is not a platform name"),
        ({"time": "yesterday"}, r"field time: 'yesterday' is not a date and time; expected ISO 8601"),
        (
            {"time": "1999-12-31T23:00:00+00:00"},
            r"field time: .* is not between the years 2000 and 2200",
        ),
        (
            {"kind": "order_paid", "ref": "SO-1", "amount_fen": "12.50"},
            r"field amount_fen: '12.50' is not a whole number of fen.*e\.g\. 500000 for ¥5,000",
        ),
        (
            {"kind": "order_paid", "ref": "SO-1", "amount_fen": "¥5000"},
            r"field amount_fen: '¥5000' is not a whole number of fen",
        ),
        (
            {"kind": "order_paid", "ref": "SO-1", "amount_yuan": "12.345"},
            r"field amount_yuan: '12.345' is finer than one fen",
        ),
        (
            {"kind": "order_paid", "ref": "SO-1", "amount_yuan": '"5,000"'},
            r"field amount_yuan: '5,000' is not an amount in yuan",
        ),
        (
            {"kind": "order_paid", "ref": "SO-1", "amount_fen": "1", "amount_yuan": "1"},
            r"field amount_fen: and amount_yuan are both given",
        ),
        ({"kind": "order_paid", "ref": "SO-1"}, r"a order_paid event needs amount_fen"),
        (
            {"amount_fen": "100"},
            r"field amount_fen: is given on a message; only orders carry an amount",
        ),
        ({"kind": "removal"}, r"a removal event needs a target"),
        ({"actor_id": "~w1"}, r"field actor_id: '~w1' starts with '~'"),
    ],
)
def test_a_bad_record_is_refused_naming_line_field_and_what_was_expected(
    store: Any, tmp_path: Path, cells: dict[str, str], expected: str
) -> None:
    message = refusal(store, tmp_path, "bad.csv", row(**cells))
    assert re.search(r"bad\.csv:2: " + expected, message), message
    assert "nothing was imported" in message


def test_an_account_platform_without_an_account_is_refused(store: Any, tmp_path: Path) -> None:
    body = (
        '{"key": "k", "kind": "join", "platform": "qq", "group": "g", "time": "2026-03-01", "actor_id": "1", '
    )
    body += '"inviter_platform": "wechat"}\n'
    message = refusal(store, tmp_path, "lost.jsonl", body)
    assert (
        "lost.jsonl:1: field inviter_platform: names no account; give inviter_id or inviter_name" in message
    )


def test_an_unknown_column_is_refused_with_the_known_ones(store: Any, tmp_path: Path) -> None:
    message = refusal(store, tmp_path, "typo.csv", "key,kind,platform,time,actr_id\nk,join,qq,2026-03-01,1\n")
    assert "typo.csv: line 1: unknown column 'actr_id' (did you mean actor_id?)" in message
    assert "the known columns are key, kind, platform, group, group_name, time, time_unix" in message


def test_an_unknown_json_field_is_refused_with_the_known_ones(store: Any, tmp_path: Path) -> None:
    body = (
        '{"key": "k", "kind": "join", "platform": "qq", "time": "2026-03-01", "actor_id": "1", "grop": "g"}\n'
    )
    message = refusal(store, tmp_path, "typo.jsonl", body)
    assert "typo.jsonl:1: unknown field 'grop' (did you mean group?); the known fields are key" in message


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("key,kind,platform\nk,join,qq\n", "line 1: the header has no column time (or time_unix)"),
        ("key,kind,time,key\n", "line 1: the column 'key' appears twice"),
        ("", "the file is empty; expected a header row"),
        (HEADER + '\nk,message,qq,g,2026-03-01,"1,x\n', "line 2: broken CSV (unexpected end of data)"),
    ],
)
def test_a_file_broken_as_a_whole_is_refused_naming_the_place(
    store: Any, tmp_path: Path, body: str, expected: str
) -> None:
    assert expected in refusal(store, tmp_path, "whole.csv", body, format="generic")


def test_a_row_with_the_wrong_number_of_cells_is_refused(store: Any, tmp_path: Path) -> None:
    message = refusal(store, tmp_path, "short.csv", HEADER + "\nk1,message,qq,g\n")
    assert "short.csv:2: 4 cells, but the header names 11 columns" in message


def test_a_truncated_json_line_is_refused_and_skip_bad_imports_the_rest(store: Any, tmp_path: Path) -> None:
    lines = EXAMPLES[1].read_text(encoding="utf-8").splitlines(keepends=True)
    body = "".join(lines[:3]) + lines[3][:40] + "\n" + "".join(lines[4:]) + '["not", "an object"]\n'
    message = refusal(store, tmp_path, "cut.jsonl", body)
    assert "cut.jsonl:4: not JSON (" in message
    summary = run(store, tmp_path / "cut.jsonl", skip_bad=True)
    assert summary.added == 21
    assert [problem.split(": ", 1)[0] for problem in summary.problems] == [
        f"{tmp_path}/cut.jsonl:4", f"{tmp_path}/cut.jsonl:23",
    ]  # fmt: skip
    assert "a JSON array, where a JSON object was expected" in summary.problems[1]


def test_with_skip_bad_good_rows_import_and_each_bad_one_is_reported_with_its_line(
    store: Any, tmp_path: Path
) -> None:
    good = row().splitlines()[1]
    body = (
        row(kind="joined")
        + good.replace("k1", "k2")
        + "\n"
        + good.replace("k1", "k3").replace("2026", "20x6")
        + "\n"
    )
    summary = run(store, written(tmp_path, "some.csv", body), skip_bad=True)
    assert summary.added == 1
    assert [problem.split(": ", 1)[0] for problem in summary.problems] == [
        f"{tmp_path}/some.csv:2", f"{tmp_path}/some.csv:4",
    ]  # fmt: skip


# Detection


def test_files_that_are_not_the_layout_are_not_claimed(store: Any, tmp_path: Path) -> None:
    written(tmp_path, "sales.csv", "date,amount\n2026-03-01,5\n")
    written(tmp_path, "log.jsonl", '{"level": "info", "key": "x"}\n')
    with pytest.raises(SourceError, match="not a chat export shequn recognises"):
        run(store, tmp_path / "sales.csv")
    with pytest.raises(SourceError, match="not a chat export shequn recognises"):
        run(store, tmp_path / "log.jsonl")


def test_a_file_forced_with_format_generic_is_read_by_its_content(store: Any, tmp_path: Path) -> None:
    path = written(tmp_path, "export.txt", EXAMPLES[1].read_text(encoding="utf-8"))
    assert run(store, path, format="generic").added == 22
    with pytest.raises(SourceError) as raised:
        run(store, written(tmp_path, "notes.txt", "just some notes\n"), format="generic")
    assert str(raised.value).startswith(
        f"{tmp_path}/notes.txt: line 1: unknown column 'just some notes'; the known columns"
    )
