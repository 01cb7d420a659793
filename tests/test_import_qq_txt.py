"""QQ 消息管理器 text exports: the hand-written samples, the header forms, and every refusal."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from importing import at, events_of, read, run, stored
from shequn.domain.events import Account, AccountKind, Event, Kind, Media, Via
from shequn.sources.files import SourceError
from shequn.sources.importer import Problem
from shequn.sources.qq_txt.headers import parse_header
from shequn.sources.qq_txt.importer import QQTextImporter

DATA = Path(__file__).parent / "data" / "qq_txt"
TWO_GROUPS = DATA / "two_groups_12h.txt"
UTF16 = DATA / "discussion_24h_utf16.txt"
QQ = QQTextImporter()

laowang = Account("10001", "老王")
xiaoli = Account("20002", "小李(Lily)")
azhen = Account("30003", "阿珍")


def written(tmp_path: Path, body: str, name: str = "export.txt", encoding: str = "utf-8") -> Path:
    """A text export as Windows writes it, with CRLF line ends."""
    path = tmp_path / name
    path.write_bytes(body.replace("\n", "\r\n").encode(encoding))
    return path


# The hand-written sample of two groups, 12-hour times, CRLF and a BOM


def test_the_two_group_sample_reads_to_exactly_its_events() -> None:
    found = events_of(QQ, TWO_GROUPS)
    assert [(event.kind, event.group) for event in found] == [
        *[(Kind.MESSAGE, "茶友会")] * 7,
        (Kind.JOIN, "茶友会"),
        (Kind.MESSAGE, "茶友会"),
        (Kind.JOIN, "茶友会"),
        (Kind.MESSAGE, "123456789"),
    ]
    assert {event.utc_offset_min for event in found} == {480}


def test_a_multi_line_body_keeps_its_lines_and_the_title_prefix_is_dropped() -> None:
    message = events_of(QQ, TWO_GROUPS)[1]
    assert message.actor == laowang
    assert message.text == "大家早上好\n今天上新品"
    assert message.time_us == at("2023-03-01 09:05:12")
    assert message.group_name == "茶友会"


def test_twelve_am_is_just_after_midnight_and_one_pm_is_thirteen_hundred() -> None:
    found = events_of(QQ, TWO_GROUPS)
    assert (found[0].actor, found[0].text, found[0].time_us) == (xiaoli, "深夜了", at("2023-03-01 00:30:05"))
    assert found[5].time_us == at("2023-03-01 13:15:00")
    assert found[4].time_us == at("2023-03-01 12:00:00")


def test_the_id_is_the_last_parentheses_and_an_email_is_an_id_too() -> None:
    found = events_of(QQ, TWO_GROUPS)
    assert found[2].actor == xiaoli
    assert found[4].actor == Account("watcher@qq.com", "围观")


def test_a_placeholder_is_media_and_an_empty_body_is_a_message_without_text() -> None:
    found = events_of(QQ, TWO_GROUPS)
    assert (found[2].media, found[2].text) == (Media.PHOTO, None)
    assert (found[5].actor, found[5].media, found[5].text) == (xiaoli, None, None)
    last = found[-1]
    assert (last.media, last.text) == (Media.STICKER, "第二个群\n[表情]")


def test_a_join_line_is_resolved_to_the_account_that_speaks_under_that_name_later() -> None:
    join = next(event for event in events_of(QQ, TWO_GROUPS) if event.kind is Kind.JOIN)
    assert join.actor == azhen
    assert join.time_us == at("2023-03-01 09:07:02")
    assert (join.via, join.inviter) == (Via.IMPORT, None)


def test_someone_who_never_speaks_joins_as_a_name_only_account() -> None:
    joins = [event for event in events_of(QQ, TWO_GROUPS) if event.kind is Kind.JOIN]
    assert joins[1].actor == Account(None, "新人甲")


def test_a_recall_is_a_deleted_message_of_the_recaller() -> None:
    recall = next(event for event in events_of(QQ, TWO_GROUPS) if event.deleted)
    assert (recall.kind, recall.actor, recall.text) == (Kind.MESSAGE, xiaoli, None)
    assert recall.time_us == at("2023-03-01 13:20:00")


def test_a_notice_that_is_no_event_stays_a_message_of_the_system_account() -> None:
    notice = next(event for event in events_of(QQ, TWO_GROUPS) if event.text and "群成员" in event.text)
    assert notice.actor == Account("10000", "系统消息", AccountKind.SYSTEM)


def test_each_section_is_its_own_group_and_a_group_number_is_its_handle() -> None:
    last = events_of(QQ, TWO_GROUPS)[-1]
    assert (last.group, last.group_name, last.actor) == ("123456789", "读书会", laowang)
    assert last.key.startswith("qq:123456789:")


def test_a_utf16_discussion_export_with_24_hour_times_and_no_ids_reads() -> None:
    found = events_of(QQ, UTF16)
    assert [(event.actor, event.text) for event in found] == [
        (Account("23333233", "地瓜"), "周六几点出发？"),
        (Account("example@xx.com", "土豆"), "八点"),
        (Account(None, "番茄"), "我也去\n带水"),
    ]
    assert found[0].time_us == at("2019-07-16 18:15:05")
    assert found[0].group == "周末爬山"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16-le", "utf-16-be"])
def test_every_encoding_windows_writes_is_sniffed(tmp_path: Path, encoding: str) -> None:
    body = TWO_GROUPS.read_bytes().decode("utf-8-sig").replace("🍵", "")
    path = tmp_path / "export.txt"
    path.write_bytes(body.encode(encoding))
    assert [event.text for event in events_of(QQ, path)][:2] == ["深夜了", "大家早上好\n今天上新品"]


def test_a_file_without_its_header_block_is_named_by_the_group_option_or_the_file(tmp_path: Path) -> None:
    path = written(tmp_path, "2023-03-01 18:15:05 地瓜(23333233)\n你好\n\n", name="茶友群.txt")
    assert events_of(QQ, path)[0].group == "茶友群"
    assert events_of(QQ, path, group_name="VIP 群")[0].group == "VIP 群"


def test_the_group_is_detected_by_content_and_not_mistaken_for_wechat(store: Any, tmp_path: Path) -> None:
    summary = run(store, TWO_GROUPS)
    assert summary.exports == [{"format": "qq_txt", "name": str(TWO_GROUPS)}]
    assert (summary.messages, summary.joins, summary.groups) == (9, 2, 2)


# Header forms


@pytest.mark.parametrize(
    ("line", "hour", "account"),
    [
        ("2019-09-23 8:43:38 PM 骰娘-Roll100(87200175)", 20, Account("87200175", "骰娘-Roll100")),
        ("2019-09-23 12:05:00 AM (A(123123)", 0, Account("123123", "(A")),
        ("2019-09-23 12:05:00 PM (B)(456456)", 12, Account("456456", "(B)")),
        ("2019-09-23 下午 8:43:38 【LV2 群友】小明(10086)", 20, Account("10086", "小明")),
        ("2019-09-23 8:43:38 上午 【管理员】【活跃】小红(10087)", 8, Account("10087", "小红")),
        (
            "2019-09-23 23:50:40 (o´・ω・`)σ<mail@someaddress.com>",
            23,
            Account("mail@someaddress.com", "(o´・ω・`)σ"),
        ),
        ("2019-09-23 18:15:05 PM Bob(12345)", 18, Account("12345", "PM Bob")),
        ("2019-09-23 18:15:05 张三(北京)", 18, Account(None, "张三(北京)")),
        ("2019-09-23 18:15:05 系统消息(1000000)", 18, Account("1000000", "系统消息", AccountKind.SYSTEM)),
    ],
)
def test_a_header_names_the_hour_and_the_account(line: str, hour: int, account: Account) -> None:
    header = parse_header(line)
    assert header is not None
    assert (header.hour, header.account) == (hour, account)


@pytest.mark.parametrize(
    "line", ["2019-09-23 18:15:05", "2019-09-23 开会", "2019-09-23 下午 18:15:05 张三(12345)"]
)
def test_a_line_that_only_looks_like_a_header_is_body_text(line: str) -> None:
    assert parse_header(line) is None


def test_in_a_24_hour_file_am_or_pm_after_the_time_starts_a_name(tmp_path: Path) -> None:
    body = "2023-03-01 18:00:00 老王(10001)\n一\n\n2023-03-01 1:00:00 AM A(10003)\n二\n\n"
    found = events_of(QQ, written(tmp_path, body))
    assert [(event.actor, event.time_us) for event in found] == [
        (laowang, at("2023-03-01 18:00:00")),
        (Account("10003", "AM A"), at("2023-03-01 01:00:00")),
    ]


def test_a_date_and_time_alone_on_a_line_stays_in_the_body(tmp_path: Path) -> None:
    path = written(tmp_path, "2023-03-01 18:15:05 地瓜(23333233)\n2006-01-02 15:04:05\n\n")
    assert [event.text for event in events_of(QQ, path)] == ["2006-01-02 15:04:05"]


def test_a_separator_line_inside_a_body_is_kept(tmp_path: Path) -> None:
    path = written(tmp_path, "2023-03-01 18:15:05 地瓜(23333233)\n标题\n================\n正文\n\n")
    assert [event.text for event in events_of(QQ, path)] == ["标题\n================\n正文"]


def test_more_system_lines_map_to_leaves_removals_and_inviters(tmp_path: Path) -> None:
    body = (
        "2023-03-01 18:00:00 系统消息(1000000)\n阿珍退出了群聊\n\n"
        "2023-03-01 18:01:00 系统消息(1000000)\n小李被老王移出群聊\n\n"
        "2023-03-01 18:02:00 系统消息(1000000)\n老王邀请阿珍加入了本群\n\n"
        "2023-03-01 18:03:00 系统消息(1000000)\n你加入本群。\n\n"
        "2023-03-01 18:04:00 老王(10001)\n好\n\n"
    )
    found = {event.kind: event for event in events_of(QQ, written(tmp_path, body))}
    assert found[Kind.LEAVE].actor == Account(None, "阿珍")
    assert (found[Kind.REMOVAL].actor, found[Kind.REMOVAL].target) == (laowang, Account(None, "小李"))
    assert (found[Kind.JOIN].actor, found[Kind.JOIN].inviter) == (Account(None, "阿珍"), laowang)
    assert len([event for event in events_of(QQ, written(tmp_path, body)) if event.kind is Kind.JOIN]) == 1


# Bad input


def test_a_file_that_is_not_a_qq_export_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = written(tmp_path, "hello\nworld\n")
    with pytest.raises(SourceError) as refused:
        read(QQ, path)
    assert str(refused.value).startswith(f"{path}: no QQ message header found; expected lines like")


def test_a_forced_import_of_another_file_imports_nothing(store: Any, tmp_path: Path) -> None:
    path = written(tmp_path, "hello\nworld\n")
    with pytest.raises(SourceError) as refused:
        run(store, path, format="qq_txt")
    assert f"{path}:1: expected a message header" in str(refused.value)
    assert stored(store) == []


def test_a_header_with_an_impossible_date_is_a_problem_on_its_line(tmp_path: Path) -> None:
    body = (
        "2023-03-01 18:00:00 老王(10001)\n一\n\n"
        "2023-02-30 18:01:00 老王(10001)\n二\n\n"
        "2023-03-01 18:02:00 老王(10001)\n三\n\n"
    )
    found = read(QQ, written(tmp_path, body))
    problems = [item for item in found if isinstance(item, Problem)]
    assert [(problem.line, "2023-02-30" in problem.message) for problem in problems] == [(4, True)]
    assert [item.text for item in found if isinstance(item, Event)] == ["一", "三"]


def test_undecodable_bytes_are_a_problem_on_their_line_and_drop_only_their_message(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_bytes(
        "2023-03-01 18:00:00 老王(10001)\r\n一\r\n\r\n2023-03-01 18:01:00 老王(10001)\r\n".encode()
        + b"\xff\xfe\xfa broken\r\n\r\n"
        + "2023-03-01 18:02:00 老王(10001)\r\n三\r\n\r\n".encode()
    )
    found = read(QQ, path)
    assert [(item.line, "not text" in item.message) for item in found if isinstance(item, Problem)] == [
        (5, True)
    ]
    assert [item.text for item in found if isinstance(item, Event)] == ["一", "三"]


def test_text_before_the_first_header_is_a_problem_naming_what_was_expected(tmp_path: Path) -> None:
    found = read(QQ, written(tmp_path, "garbage\nmore\n2023-03-01 18:00:00 老王(10001)\n一\n\n"))
    problem = next(item for item in found if isinstance(item, Problem))
    assert problem.line == 1
    assert "expected a message header like '2019-09-23 20:43:38 Name(123456)'" in problem.message
    assert "garbage" in problem.message


def test_a_bad_record_stops_the_import_with_nothing_imported(store: Any, tmp_path: Path) -> None:
    path = written(tmp_path, "2023-03-01 18:00:00 老王(10001)\n一\n\n2023-13-01 18:01:00 老王(10001)\n二\n\n")
    with pytest.raises(SourceError) as refused:
        run(store, path, format="qq_txt")
    assert f"{path}:4:" in str(refused.value)
    assert stored(store) == []


def test_with_skip_bad_the_good_records_import_and_the_bad_one_is_reported(
    store: Any, tmp_path: Path
) -> None:
    path = written(tmp_path, "2023-03-01 18:00:00 老王(10001)\n一\n\n2023-13-01 18:01:00 老王(10001)\n二\n\n")
    summary = run(store, path, format="qq_txt", skip_bad=True)
    assert summary.messages == 1
    assert len(summary.problems) == 1 and summary.problems[0].startswith(f"{path}:4:")


# Importing again


def test_importing_the_same_file_twice_adds_nothing(store: Any) -> None:
    first, second = run(store, TWO_GROUPS), run(store, TWO_GROUPS)
    assert (first.added, second.added, second.skipped) == (11, 0, 11)


def test_a_later_overlapping_export_adds_only_the_new_part(store: Any, tmp_path: Path) -> None:
    head = (
        "消息记录（此消息记录为文本格式，不支持重新导入）\n\n"
        + "=" * 64
        + "\n消息对象:茶友会\n"
        + "=" * 64
        + "\n\n"
    )
    lines = [f"2023-03-01 18:0{minute}:00 老王(10001)\n好\n\n" for minute in range(6)]
    run(store, written(tmp_path, head + "".join(lines[:4]), name="early.txt"))
    later = run(store, written(tmp_path, head + "".join(lines[2:]), name="later.txt"))
    assert (later.events, later.added) == (4, 2)
    assert len(stored(store)) == 6


def test_stored_events_keep_their_offset_and_accounts(store: Any) -> None:
    run(store, TWO_GROUPS)
    first = stored(store)[0]
    assert (first["time"], first["actor"], first["actor_account"]) == (
        "2023-03-01T00:30:05+08:00",
        "小李(Lily)",
        "20002",
    )


def test_times_are_read_in_the_import_zone_with_its_offset_on_that_day(tmp_path: Path) -> None:
    body = "2023-01-10 12:00:00 老王(10001)\n冬\n\n2023-07-10 12:00:00 老王(10001)\n夏\n\n"
    new_york = ZoneInfo("America/New_York")
    found = read(QQ, written(tmp_path, body), zone=new_york)
    assert [(event.utc_offset_min, event.time_us) for event in found if isinstance(event, Event)] == [
        (-300, at("2023-01-10 12:00:00", new_york)),
        (-240, at("2023-07-10 12:00:00", new_york)),
    ]
