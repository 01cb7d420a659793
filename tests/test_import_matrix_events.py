"""Matrix room events: the matrix-nio server responses and the hand-made Element export and /messages
page read to exactly their events; membership is told apart by sender, target and what came before."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from importing import read, run, stored
from shequn.domain.events import Account, Event, Kind, Media, Via
from shequn.sources.files import SourceError, collect_files
from shequn.sources.importer import Problem
from shequn.sources.matrix_events.importer import MatrixImporter
from shequn.sources.matrix_events.membership import change

DATA = Path(__file__).parent / "data" / "matrix_events"
CONTEXT = DATA / "matrix-nio_context.json"
STATE = DATA / "matrix-nio_room_state.json"
ELEMENT = DATA / "element_export.json"
PAGE = DATA / "messages_page.json"
MATRIX = MatrixImporter()
NIO_ROOM = "!SVkFJHzfwvuaIEawgC:localhost"
ALICE, BOB = Account("@alice:example.org", "Alice 王"), Account("@bob:example.org", "Bob")


def by_event_id(path: Path) -> dict[str, Event]:
    """The events of a hand-made file by their event id ("$e05-m_room_member")."""
    return {event.key.rpartition(":")[2]: event for event in read(MATRIX, path) if isinstance(event, Event)}


def summary_of(event: Event) -> tuple[Any, ...]:
    return (event.kind, event.actor and event.actor.id, event.target and event.target.id,
            event.inviter and event.inviter.id, event.via)  # fmt: skip


# Golden: the matrix-nio server responses


def nio(event_id: str, kind: Kind, time_us: int, actor: Account, **fields: Any) -> Event:
    return Event(
        key=f"matrix:{NIO_ROOM}:{event_id}",
        kind=kind,
        platform="matrix",
        group=NIO_ROOM,
        time_us=time_us,
        utc_offset_min=480,
        actor=actor,
        **fields,
    )


def test_a_context_response_reads_in_time_order_with_its_state() -> None:
    example, example2 = Account("@example:localhost", "example"), Account("@example2:localhost", "example2")
    first, second = "$15163622445EBvZJ:localhost", "$15163623196QOZxj:localhost"
    assert read(MATRIX, CONTEXT) == [
        nio(
            "$15139375510KUZHi:localhost",
            Kind.GROUP_CREATED,
            1_513_937_551_203_000,
            Account("@example:localhost"),
        ),
        nio("$15139375511GBYDY:localhost", Kind.JOIN, 1_513_937_551_274_000, example, via=Via.FOUNDER),
        nio("$151396611913abyeC:localhost", Kind.JOIN, 1_513_966_119_908_000, example2, via=Via.IMPORT),
        nio(
            first,
            Kind.MESSAGE,
            1_516_362_244_026_000,
            example2,
            ref=first,
            text="ok, let's handle invites, joins and parts",
        ),
        nio(second, Kind.MESSAGE, 1_516_362_319_505_000, example, ref=second, text="yeah, let's do that"),
    ]


def test_a_state_response_reads_its_member_and_the_rooms_creation() -> None:
    found = read(MATRIX, STATE)
    assert [summary_of(event) for event in found if isinstance(event, Event)] == [
        (Kind.JOIN, "@alice:example.org", None, "@example:example.org", Via.ADDED),  # sender is not state_key
        (Kind.GROUP_CREATED, "@example:example.org", None, None, None),
    ]


def test_the_spec_examples_share_one_event_id_so_the_store_keeps_one(store: Any) -> None:
    summary = run(store, STATE)
    assert (summary.events, summary.added, summary.skipped) == (2, 1, 1)


# Golden: the hand-made Element export


def test_an_element_export_reads_to_exactly_its_events() -> None:
    found = read(MATRIX, ELEMENT)
    assert [item for item in found if isinstance(item, Problem)] == []
    kinds = Counter(event.kind for event in found if isinstance(event, Event))
    assert kinds == {
        Kind.MESSAGE: 10, Kind.JOIN: 5, Kind.REMOVAL: 2, Kind.LEAVE: 1, Kind.GROUP_RENAMED: 2,
        Kind.GROUP_CREATED: 1,
    }  # fmt: skip


def test_joins_say_who_invited_or_approved_them() -> None:
    events = by_event_id(ELEMENT)
    assert [
        summary_of(events[event_id])
        for event_id in (
            "$e02-m_room_member",
            "$e06-m_room_member",
            "$e07-m_room_member",
            "$e18-m_room_member",
        )
    ] == [
        (Kind.JOIN, "@alice:example.org", None, None, Via.FOUNDER),
        (Kind.JOIN, "@bob:example.org", None, "@alice:example.org", Via.ADDED),  # accepted Alice's invite
        (Kind.JOIN, "@carol:example.org", None, None, Via.IMPORT),  # joined a public room on her own
        (
            Kind.JOIN,
            "@dave:example.org",
            None,
            "@alice:example.org",
            Via.REQUEST,
        ),  # knocked; Alice let him in
    ]


def test_a_kick_and_a_ban_are_removals_by_the_sender_and_a_self_leave_is_a_leave() -> None:
    events = by_event_id(ELEMENT)
    assert summary_of(events["$e15-m_room_member"]) == (
        Kind.REMOVAL,
        "@alice:example.org",
        "@carol:example.org",
        None,
        None,
    )
    assert summary_of(events["$e26-m_room_member"]) == (
        Kind.REMOVAL,
        "@alice:example.org",
        "@frank:example.org",
        None,
        None,
    )
    assert summary_of(events["$e21-m_room_member"]) == (Kind.LEAVE, "@dave:example.org", None, None, None)


def test_invites_knocks_declines_unbans_and_name_changes_make_no_event() -> None:
    events = by_event_id(ELEMENT)
    quiet = ["$e05", "$e13", "$e16", "$e17", "$e22", "$e23", "$e27"]
    assert [event_id for event_id in quiet if f"{event_id}-m_room_member" in events] == []
    assert events["$e14-m_room_message"].actor == Account(
        "@carol:example.org", "Carol 卡罗尔"
    )  # the new name


def test_a_message_keeps_its_pill_mention_and_its_lines() -> None:
    welcome = by_event_id(ELEMENT)["$e08-m_room_message"]
    assert welcome == Event(
        key="matrix:!tea:example.org:$e08-m_room_message", kind=Kind.MESSAGE, platform="matrix",
        group="!tea:example.org", group_name="Tea lovers", time_us=1_709_251_500_000_000, utc_offset_min=480,
        actor=ALICE, ref="$e08-m_room_message", text="Welcome Carol! 欢迎 🎉\nsecond line",
        mentions=(Account("@carol:example.org", "Carol"),),
    )  # fmt: skip


def test_a_reply_answers_its_author_without_the_quote_or_the_automatic_mention() -> None:
    events = by_event_id(ELEMENT)
    reply = events["$e09-m_room_message"]
    assert (reply.reply_to, reply.target, reply.text, reply.mentions) == (
        "$e08-m_room_message",
        ALICE,
        "thanks Alice",
        (),
    )
    thread = events["$e29-m_room_message"]
    assert (thread.reply_to, thread.target) == ("$e08-m_room_message", ALICE)  # the thread's root


def test_media_edits_and_redactions_of_an_element_export() -> None:
    events = by_event_id(ELEMENT)
    assert (events["$e10-m_room_message"].media, events["$e10-m_room_message"].text) == (
        Media.PHOTO,
        "a cup of tea",
    )
    assert events["$e11-m_room_message"].edited
    redacted = events["$e12-m_room_message"]
    assert (redacted.deleted, redacted.text, redacted.actor) == (True, None, BOB)
    assert events["$e19-m_sticker"].media is Media.STICKER
    assert events["$e20-org_matrix_msc3381_poll_start"].media is Media.POLL


def test_renames_carry_the_new_name_and_the_room_ends_with_it(store: Any) -> None:
    events = by_event_id(ELEMENT)
    renames = [events["$e04-m_room_name"], events["$e28-m_room_name"]]
    assert [(rename.text, rename.actor) for rename in renames] == [("Tea lovers", ALICE), ("茶友会", BOB)]
    run(store, ELEMENT)
    assert {event["group"] for event in stored(store)} == {"茶友会"}


# Golden: a /messages page read whole


def test_a_page_read_whole_marks_edits_and_redactions_and_keeps_reactions() -> None:
    events = by_event_id(PAGE)
    assert list(events) == [
        "$e09-m_room_member", "$e10-m_room_member", "$e01-m_room_message", "$e02-m_room_message",
        "$e03-m_reaction", "$e08-m_room_encrypted",
    ]  # fmt: skip
    edited = events["$e01-m_room_message"]
    assert (edited.edited, edited.text) == (True, "second version")
    assert (events["$e02-m_room_message"].deleted, events["$e02-m_room_message"].text) == (True, None)
    reaction = events["$e03-m_reaction"]
    assert (reaction.kind, reaction.actor, reaction.target, reaction.text, reaction.reply_to) == (
        Kind.REACTION, BOB, ALICE, "👍", "$e01-m_room_message",
    )  # the other reaction was taken back  # fmt: skip
    assert (events["$e08-m_room_encrypted"].kind, events["$e08-m_room_encrypted"].text) == (
        Kind.MESSAGE,
        None,
    )


def test_an_edit_by_someone_other_than_the_sender_is_ignored(tmp_path: Path) -> None:
    page = json.loads(PAGE.read_text(encoding="utf-8"))
    edit = next(event for event in page["chunk"] if event["event_id"] == "$e05-m_room_message")
    edit["sender"] = "@bob:example.org"
    forged = tmp_path / "page.json"
    forged.write_text(json.dumps(page), encoding="utf-8")
    original = by_event_id(forged)["$e01-m_room_message"]
    assert (original.edited, original.text) == (False, "first version")


# Membership, as a table


@pytest.mark.parametrize(
    ("new", "previous", "by_self", "kind"),
    [
        ("join", None, True, Kind.JOIN), ("join", "invite", True, Kind.JOIN),
        ("join", "leave", True, Kind.JOIN), ("join", "join", True, None),
        ("leave", "join", True, Kind.LEAVE), ("leave", "join", False, Kind.REMOVAL),
        ("leave", "invite", True, None), ("leave", "invite", False, None), ("leave", "ban", False, None),
        ("ban", "join", False, Kind.REMOVAL), ("ban", "leave", False, None),
        ("invite", None, False, None), ("knock", None, True, None),
    ],
)  # fmt: skip
def test_a_membership_change_means_what_the_table_says(
    new: str, previous: str | None, by_self: bool, kind: Kind | None
) -> None:
    assert change(new, previous, by_self) is kind


# End to end


def test_all_four_files_import_end_to_end(store: Any) -> None:
    summary = run(store, DATA)
    assert [export["format"] for export in summary.exports] == ["matrix_events"] * 4
    assert (summary.messages, summary.joins, summary.leaves, summary.removals) == (15, 10, 1, 2)
    assert summary.ignored == [str(DATA / "LICENSE.matrix-nio.md"), str(DATA / "README.md")]


def test_importing_the_same_export_twice_adds_nothing(store: Any) -> None:
    first, again = run(store, ELEMENT), run(store, ELEMENT)
    assert (first.added, again.added, again.skipped) == (21, 0, 21)


def test_a_later_overlapping_export_adds_only_the_new_events(store: Any, tmp_path: Path) -> None:
    document = json.loads(ELEMENT.read_text(encoding="utf-8"))
    early = tmp_path / "early.json"
    early.write_text(json.dumps({**document, "messages": document["messages"][:12]}), encoding="utf-8")
    assert run(store, early).added == 10
    later = run(store, ELEMENT)
    assert (later.added, later.skipped) == (11, 10)


# Refusals


def test_a_file_without_matrix_events_is_not_claimed(tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text('[{"ts": "1452837318.000002", "text": "a Slack day"}]', encoding="utf-8")
    assert MATRIX.bundles(collect_files([other])) == []


def test_a_cut_short_export_names_the_file_and_the_last_good_event_and_imports_nothing(
    store: Any, tmp_path: Path
) -> None:
    data = ELEMENT.read_bytes()
    cut = tmp_path / "cut.json"
    cut.write_bytes(data[: data.index(b'"$e06-m_room_member"')])
    with pytest.raises(SourceError, match=r"cut\.json: the JSON is damaged or cut short after event 5"):
        run(store, cut)
    assert stored(store) == []


def test_an_event_without_a_sender_stops_the_import_or_is_skipped_and_reported(
    store: Any, tmp_path: Path
) -> None:
    document = json.loads(ELEMENT.read_text(encoding="utf-8"))
    del document["messages"][7]["sender"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(
        SourceError, match=r"bad\.json:8: event 8: event \$e08-m_room_message: expected a sender"
    ):
        run(store, bad)
    summary = run(store, bad, skip_bad=True)
    assert (summary.added, summary.problems) == (
        20,
        [f"{bad}:8: event 8: event $e08-m_room_message: expected a sender, found nothing"],
    )


def test_events_without_a_room_id_belong_to_the_group_named_on_the_command_line(tmp_path: Path) -> None:
    events = json.loads(STATE.read_text(encoding="utf-8"))
    for event in events:
        del event["room_id"]
    bare = tmp_path / "state.json"
    bare.write_text(json.dumps(events), encoding="utf-8")
    assert {
        event.group for event in read(MATRIX, bare, group_name="Tea room") if isinstance(event, Event)
    } == {"Tea room"}
    problems = [item for item in read(MATRIX, bare) if isinstance(item, Problem)]
    assert [problem.line for problem in problems] == [
        2,
        3,
    ]  # the member and the create events; the rest make none
    assert "expected a room_id (or --group to name the room)" in problems[0].message
