"""WeChat exports (WeChatMsg/留痕 CSV and TXT, PyWxDump CSV): the hand-written samples, the system
notices, and every refusal."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from importing import SHANGHAI, events_of, read, run, stored, written
from shequn.domain.clock import to_time_us
from shequn.domain.events import Account, AccountKind, Event, Kind, Media, Via
from shequn.sources.files import SourceError
from shequn.sources.importer import Problem
from shequn.sources.wechat.importer import WeChatImporter
from shequn.sources.wechat.systemlines import YOU, notice_lines

DATA = Path(__file__).parent / "data" / "wechat"
MEMOTRACE_CSV = DATA / "产品内测群_utf8.csv"
MEMOTRACE_TXT = DATA / "产品内测群.txt"
PYWXDUMP = DATA / "pywxdump"
PYWXDUMP_OLD = DATA / "pywxdump_old"
WECHAT = WeChatImporter()
PYWXDUMP_HEADER = "id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime\r\n"

lilei, hanmeimei = Account("wxid_lilei", "李雷"), Account("wxid_hanmeimei", "韩梅梅")
wangfang, zhaoqiang, zhang = (
    Account("wxid_wangfang", "王芳"),
    Account("wxid_zhaoqiang", "赵强"),
    Account("wxid_zhang", "小张"),
)


def at(minute: int) -> int:
    """The samples' messages are a minute apart from 2024-05-01 10:00 in Shanghai."""
    return to_time_us(datetime(2024, 5, 1, 10, minute, tzinfo=SHANGHAI))


def by_kind(events: list[Event], kind: Kind) -> list[Event]:
    return [event for event in events if event.kind is kind]


# WeChatMsg / 留痕 CSV


def test_the_memotrace_csv_sample_reads_to_exactly_its_events() -> None:
    found = events_of(WECHAT, MEMOTRACE_CSV)
    kinds = [event.kind for event in found]
    assert (len(found), kinds.count(Kind.MESSAGE), kinds.count(Kind.JOIN)) == (17, 10, 5)
    assert (kinds.count(Kind.REMOVAL), kinds.count(Kind.GROUP_RENAMED)) == (1, 1)
    assert {event.group for event in found} == {"产品内测群"}
    assert {event.utc_offset_min for event in found} == {480}


def test_an_invitation_of_two_names_is_two_joins_resolved_to_the_wxids_that_speak_later() -> None:
    joins = by_kind(events_of(WECHAT, MEMOTRACE_CSV), Kind.JOIN)
    assert [(join.actor, join.inviter, join.via, join.time_us) for join in joins[:2]] == [
        (lilei, wangfang, Via.ADDED, at(0)),
        (hanmeimei, wangfang, Via.ADDED, at(0)),
    ]
    assert joins[0].key != joins[1].key


def test_a_qr_code_join_names_who_shared_the_code() -> None:
    join = by_kind(events_of(WECHAT, MEMOTRACE_CSV), Kind.JOIN)[2]
    assert (join.actor, join.inviter, join.via, join.time_us) == (zhaoqiang, wangfang, Via.CODE, at(4))


def test_an_xml_template_notice_names_each_joiner_by_wxid_even_with_the_separator_in_a_name() -> None:
    joins = by_kind(events_of(WECHAT, MEMOTRACE_CSV), Kind.JOIN)[3:]
    assert [(join.actor, join.inviter) for join in joins] == [
        (Account("wxid_newbie1", "新人、一号"), wangfang),
        (Account("wxid_newbie2", "新人二号"), wangfang),
    ]


def test_the_exporter_removing_someone_is_a_removal_by_the_account_that_sent_the_exporters_rows() -> None:
    removal = by_kind(events_of(WECHAT, MEMOTRACE_CSV), Kind.REMOVAL)[0]
    assert (removal.actor, removal.target, removal.time_us) == (zhang, zhaoqiang, at(9))


def test_a_rename_is_by_whom_and_later_events_carry_the_new_title() -> None:
    found = events_of(WECHAT, MEMOTRACE_CSV)
    rename = by_kind(found, Kind.GROUP_RENAMED)[0]
    assert (rename.actor, rename.text, rename.group_name) == (wangfang, "产品内测2群", "产品内测2群")
    assert [event.group_name for event in found if event.time_us == at(1)] == ["产品内测群"]
    assert [event.group_name for event in found if event.time_us == at(8)] == ["产品内测2群"]


def test_a_recall_is_a_deleted_message_of_the_recaller() -> None:
    recall = next(event for event in events_of(WECHAT, MEMOTRACE_CSV) if event.deleted)
    assert (recall.kind, recall.actor, recall.text, recall.time_us) == (Kind.MESSAGE, lilei, None, at(10))


def test_a_quote_reply_answers_the_quoted_author_and_message_and_mentions_are_resolved() -> None:
    found = events_of(WECHAT, MEMOTRACE_CSV)
    mention = next(event for event in found if event.time_us == at(5))
    reply = next(event for event in found if event.time_us == at(6))
    assert (mention.actor, mention.text, mention.mentions) == (zhaoqiang, "@李雷\u2005你好", (lilei,))
    assert (reply.actor, reply.text, reply.target, reply.reply_to) == (
        lilei,
        "收到，谢谢",
        zhaoqiang,
        "1234567890123456789",
    )


def test_type_codes_are_media_and_their_markup_is_not_kept_as_text() -> None:
    found = {event.time_us: event for event in events_of(WECHAT, MEMOTRACE_CSV) if event.kind is Kind.MESSAGE}
    assert [(found[at(minute)].media, found[at(minute)].text) for minute in (3, 12, 13)] == [
        (Media.PHOTO, None),
        (Media.VOICE, None),
        (Media.STICKER, None),
    ]
    assert found[at(2)].text == "欢迎欢迎\n有问题随时问"


def test_a_notice_that_is_no_event_stays_a_message_of_the_system_account() -> None:
    pat = next(event for event in events_of(WECHAT, MEMOTRACE_CSV) if event.time_us == at(14))
    assert (pat.actor, pat.text) == (Account("10000", "系统消息", AccountKind.SYSTEM), '"李雷" 拍了拍 "王芳"')


def test_the_offset_is_strtime_minus_createtime_not_the_import_zone() -> None:
    events = read(WECHAT, MEMOTRACE_CSV, zone=ZoneInfo("America/New_York"))
    assert {event.utc_offset_min for event in events if isinstance(event, Event)} == {480}


# WeChatMsg / 留痕 TXT


def test_the_memotrace_txt_sample_reads_to_exactly_its_events() -> None:
    found = events_of(WECHAT, MEMOTRACE_TXT)
    kinds = [event.kind for event in found]
    assert (len(found), kinds.count(Kind.MESSAGE), kinds.count(Kind.JOIN)) == (15, 10, 3)
    assert (kinds.count(Kind.REMOVAL), kinds.count(Kind.GROUP_RENAMED)) == (1, 1)
    assert found[0].actor == Account(None, "李雷")
    assert found[0].time_us == at(1)


def test_txt_notices_are_told_from_messages_by_the_blank_line_after_them() -> None:
    found = events_of(WECHAT, MEMOTRACE_TXT)
    joins = by_kind(found, Kind.JOIN)
    assert [(join.actor, join.inviter, join.via) for join in joins] == [
        (Account(None, "李雷"), Account(None, "王芳"), Via.ADDED),
        (Account(None, "韩梅梅"), Account(None, "王芳"), Via.ADDED),
        (Account(None, "赵强"), Account(None, "王芳"), Via.CODE),
    ]
    empty = next(event for event in found if event.time_us == at(13))
    assert (empty.kind, empty.actor, empty.text) == (Kind.MESSAGE, Account(None, 'Tom "T" & Co'), None)


def test_txt_quotes_placeholders_and_link_cards() -> None:
    found = {event.time_us: event for event in events_of(WECHAT, MEMOTRACE_TXT) if event.kind is Kind.MESSAGE}
    reply = found[at(6)]
    assert (reply.text, reply.target) == ("收到，谢谢", Account(None, "赵强"))
    assert (found[at(3)].media, found[at(11)].media, found[at(12)].media) == (
        Media.PHOTO,
        Media.VOICE,
        Media.LINK,
    )
    assert found[at(12)].text is not None and found[at(12)].text.startswith(
        "[链接]:title:新品介绍\ndescription:"
    )


def test_txt_cannot_say_who_you_are_so_your_removal_has_no_actor() -> None:
    removal = by_kind(events_of(WECHAT, MEMOTRACE_TXT), Kind.REMOVAL)[0]
    assert (removal.actor, removal.target) == (None, Account(None, "赵强"))


def test_a_txt_group_is_named_by_the_file_or_the_group_option() -> None:
    assert {event.group for event in events_of(WECHAT, MEMOTRACE_TXT)} == {"产品内测群"}
    assert {event.group for event in events_of(WECHAT, MEMOTRACE_TXT, group_name="内测")} == {"内测"}


# PyWxDump CSV


def test_the_pywxdump_pages_and_users_json_are_one_bundle_read_to_exactly_its_events() -> None:
    found = events_of(WECHAT, PYWXDUMP)
    kinds = [event.kind for event in found]
    assert (len(found), kinds.count(Kind.MESSAGE), kinds.count(Kind.JOIN)) == (9, 6, 3)
    assert {(event.group, event.group_name) for event in found} == {("12345678@chatroom", "产品内测群")}


def test_the_server_id_is_the_key_and_the_ref() -> None:
    first = events_of(WECHAT, PYWXDUMP)[0]
    assert (first.key, first.ref, first.actor, first.text) == (
        "wechat:12345678@chatroom:5000000000000000002",
        "5000000000000000002",
        lilei,
        "大家好",
    )


def test_a_pywxdump_quote_finds_the_quoted_message_by_its_time_and_words() -> None:
    reply = next(event for event in events_of(WECHAT, PYWXDUMP) if event.time_us == at(3))
    assert (reply.actor, reply.text, reply.target, reply.reply_to) == (
        wangfang,
        "欢迎",
        lilei,
        "5000000000000000002",
    )


def test_names_in_pywxdump_notices_resolve_through_users_json_and_you_through_your_rows() -> None:
    found = events_of(WECHAT, PYWXDUMP)
    joins = by_kind(found, Kind.JOIN)
    assert [(join.actor, join.inviter, join.via) for join in joins] == [
        (lilei, wangfang, Via.ADDED),
        (hanmeimei, wangfang, Via.CODE),
        (Account("wxid_newbie3", "新人三号"), hanmeimei, Via.CODE),
    ]
    recall = next(event for event in found if event.deleted)
    assert (recall.actor, recall.time_us) == (zhang, at(4))


def test_an_excel_saved_time_without_seconds_still_reads() -> None:
    message = next(event for event in events_of(WECHAT, PYWXDUMP) if event.text == 'hi, "all"')
    assert message.time_us == at(7)


def test_the_older_json_content_layout_reads_and_your_rows_say_me() -> None:
    found = events_of(WECHAT, PYWXDUMP_OLD)
    me = Account(None, "我")
    assert [(event.kind, event.actor, event.text) for event in found] == [
        (Kind.MESSAGE, me, "开会了"),
        (Kind.MESSAGE, Account("wxid_lilei"), "收到"),
        (Kind.JOIN, Account(None, "李雷"), None),
    ]
    assert found[2].inviter == me


# System notices


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"张三"邀请"李四、王五"加入了群聊', [(Kind.JOIN, "李四、王五", "张三", Via.ADDED)]),
        ('你邀请"A"加入了群聊  $revoke$'.replace("  $revoke$", ""), [(Kind.JOIN, "A", YOU, Via.ADDED)]),
        ('"李佳芮"邀请你加入了群聊，群聊参与人还有：小桔、舒米', [(Kind.JOIN, YOU, "李佳芮", Via.ADDED)]),
        (
            '"李卓桓"邀请你和"Huan LI++"加入了群聊',
            [(Kind.JOIN, YOU, "李卓桓", Via.ADDED), (Kind.JOIN, "Huan LI++", "李卓桓", Via.ADDED)],
        ),
        ('" XU 。"通过扫描"老胡"分享的二维码加入群聊', [(Kind.JOIN, "XU 。", "老胡", Via.CODE)]),
        ('"B"通过扫描你分享的二维码加入群聊', [(Kind.JOIN, "B", YOU, Via.CODE)]),
        ("X加入了群聊", [(Kind.JOIN, "X", None, Via.IMPORT)]),
        ("X将Y移出了群聊", [(Kind.REMOVAL, "Y", "X", None)]),
        ('你被"luyuchao"移出群聊', [(Kind.REMOVAL, YOU, "luyuchao", None)]),
        ("X撤回了一条消息", [(Kind.MESSAGE, "X", None, None)]),
        ("李卓桓 invited 李佳芮, Huan to the group chat", [(Kind.JOIN, "李佳芮, Huan", "李卓桓", Via.ADDED)]),
        ('"A" 拍了拍 "B"', []),
        ("以下为新消息", []),
    ],
)
def test_system_notices_map_to_events(text: str, expected: list[tuple[object, ...]]) -> None:
    assert [(line.kind, line.subject, line.other, line.via) for line in notice_lines(text)] == expected


def test_a_list_of_names_is_one_person_when_someone_speaks_under_the_whole_list(tmp_path: Path) -> None:
    path = written(
        tmp_path,
        "群_utf8.csv",
        "localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender\r\n"
        '1,1,10000,0,0,1714528800,2,"""A""邀请""甲、乙""加入了群聊",2024-05-01 10:00:00,,,\r\n'
        "2,1,1,0,0,1714528860,2,hi,2024-05-01 10:01:00,,甲、乙,wxid_jiayi\r\n",
    )
    join = by_kind(events_of(WECHAT, path), Kind.JOIN)
    assert [event.actor for event in join] == [Account("wxid_jiayi", "甲、乙")]


# Bad input


def test_a_file_that_is_no_wechat_export_is_refused_naming_the_file_and_what_was_expected(
    tmp_path: Path,
) -> None:
    path = written(tmp_path, "notes.txt", "hello\nworld\n")
    with pytest.raises(SourceError) as refused:
        read(WECHAT, path)
    assert str(refused.value).startswith(f"{path}: line 1: not a WeChat export; expected a CSV header")


def test_a_short_row_is_a_problem_on_its_line_and_the_rest_reads(tmp_path: Path) -> None:
    lines = MEMOTRACE_CSV.read_bytes().decode("utf-8-sig").split("\r\n")
    lines[2] = "2,7,1,0,0,1714528860"
    path = written(tmp_path, "cut_utf8.csv", "\r\n".join(lines), encoding="utf-8-sig")
    found = read(WECHAT, path)
    problems = [item for item in found if isinstance(item, Problem)]
    assert [(problem.line, problem.message) for problem in problems] == [
        (3, "expected 12 fields like the header, found 6")
    ]
    assert len([item for item in found if isinstance(item, Event)]) == 16


def test_a_truncated_pywxdump_page_reports_its_last_row(tmp_path: Path) -> None:
    data = (PYWXDUMP / "12345678@chatroom_0_5000.csv").read_bytes()
    path = tmp_path / "12345678@chatroom_0_5000.csv"
    path.write_bytes(data[: data.rindex(b",2024-05-01")])
    found = read(WECHAT, path)
    problems = [item for item in found if isinstance(item, Problem)]
    assert [problem.line for problem in problems] == [5]
    assert "expected 9 fields" in problems[0].message


def test_a_bad_time_is_a_problem_naming_what_was_expected(tmp_path: Path) -> None:
    body = PYWXDUMP_HEADER + "1,5,文本,0,wxid_a,1@chatroom,hi,,yesterday\r\n"
    problem = next(
        item
        for item in read(WECHAT, written(tmp_path, "1@chatroom_0_5000.csv", body))
        if isinstance(item, Problem)
    )
    assert (problem.line, problem.message) == (
        2,
        "expected CreateTime like '2024-10-04 21:25:04', found 'yesterday'",
    )


def test_undecodable_bytes_in_a_row_are_a_problem_on_that_row(tmp_path: Path) -> None:
    good = PYWXDUMP_HEADER + "1,5,文本,0,wxid_a,1@chatroom,你好,,2024-05-01 10:00:00\r\n"
    path = tmp_path / "1@chatroom_0_5000.csv"
    path.write_bytes(
        good.encode()
        + b"2,6,\xe6\x96,0,wxid_a,1@chatroom,x,,2024-05-01 10:01:00\r\n"
        + good.split("\r\n", 1)[1].replace("1,5", "3,7").encode()
    )
    found = read(WECHAT, path)
    assert [(item.line, "not text" in item.message) for item in found if isinstance(item, Problem)] == [
        (3, True)
    ]
    assert len([item for item in found if isinstance(item, Event)]) == 2


def test_a_quote_that_never_closes_is_fatal_past_that_point(tmp_path: Path) -> None:
    body = (
        'id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime\r\n1,5,文本,0,wxid_a,1@chatroom,"'
        + "x" * 200_000
    )
    with pytest.raises(SourceError) as refused:
        read(WECHAT, written(tmp_path, "1@chatroom_0_5000.csv", body))
    assert "line 2" in str(refused.value)


def test_a_bad_row_stops_the_import_with_nothing_imported_unless_skip_bad(store: Any, tmp_path: Path) -> None:
    lines = MEMOTRACE_CSV.read_bytes().decode("utf-8-sig").split("\r\n")
    lines[3] = "3,7,x,0,1,1714528920,2,hello,2024-05-01 10:02:00,小张,小张,wxid_zhang"
    path = written(tmp_path, "bad_utf8.csv", "\r\n".join(lines), encoding="utf-8-sig")
    with pytest.raises(SourceError) as refused:
        run(store, path)
    assert f"{path}:4: expected numbers in Type" in str(refused.value)
    assert stored(store) == []
    summary = run(store, path, skip_bad=True)
    assert (summary.added, len(summary.problems)) == (16, 1)


# Importing again


def test_importing_every_layout_twice_adds_nothing(store: Any) -> None:
    first = run(store, DATA)
    again = run(store, DATA)
    assert [export["format"] for export in first.exports] == ["wechat"] * 4
    # The CSV and TXT samples are one chat: their five notices have the same content keys.
    assert (first.events, first.added, again.added, again.skipped) == (44, 39, 0, 44)


def test_a_later_overlapping_pywxdump_export_adds_only_the_new_rows(store: Any, tmp_path: Path) -> None:
    run(store, PYWXDUMP / "12345678@chatroom_0_5000.csv")
    later = run(store, PYWXDUMP)
    assert (later.events, later.added) == (9, 5)


def test_a_later_overlapping_memotrace_export_adds_only_the_new_rows(store: Any, tmp_path: Path) -> None:
    lines = MEMOTRACE_CSV.read_bytes().decode("utf-8-sig").split("\r\n")
    early = written(tmp_path, "early_utf8.csv", "\r\n".join(lines[:8]), encoding="utf-8-sig")
    run(store, early, group_name="产品内测群")
    later = run(store, MEMOTRACE_CSV)
    assert (later.events, later.added) == (17, 9)


def test_stored_events_keep_the_offset_and_the_wxids(store: Any) -> None:
    run(store, MEMOTRACE_CSV)
    join = next(event for event in stored(store) if event["kind"] == "join")
    assert (join["time"], join["actor_account"], join["inviter"], join["via"]) == (
        "2024-05-01T10:00:00+08:00",
        "wxid_lilei",
        "王芳",
        "added",
    )
