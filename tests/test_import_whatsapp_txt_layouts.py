"""WhatsApp exports in every layout and locale shequn reads, written out in the tests."""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from shequn.domain.clock import from_time_us
from shequn.domain.events import Account, Event, Kind, Media, Via
from shequn.sources import whatsapp_txt
from shequn.sources.files import collect_files
from shequn.sources.importer import ImportOptions, Problem
from shequn.sources.whatsapp_txt.dialect import GENERAL
from shequn.sources.whatsapp_txt.importer import WhatsAppTxtImporter, group_from_file_name
from shequn.sources.whatsapp_txt.membership import EXPORTER
from shequn.sources.whatsapp_txt.parser import ChatParser
from shequn.sources.whatsapp_txt.prescan import survey
from shequn.sources.whatsapp_txt.timestamps import Clock

ZONE = ZoneInfo("Asia/Shanghai")
DATA = Path(__file__).parent / "data" / "whatsapp_txt"
NNBSP, LRM = "\u202f", "\u200e"


def read_text(
    tmp_path: Path, text: str, name: str = "WhatsApp Chat with Family.txt", **options: object
) -> list[Event]:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    importer = WhatsAppTxtImporter()
    [bundle] = importer.bundles(collect_files([path]))
    items = list(
        importer.read(bundle, ImportOptions(zone=options.get("zone", ZONE), group_name=options.get("group")))
    )  # type: ignore[arg-type]
    assert [item for item in items if isinstance(item, Problem)] == []
    return [item for item in items if isinstance(item, Event)]


def local(event: Event, zone: ZoneInfo = ZONE) -> str:
    return from_time_us(event.time_us, zone).strftime("%Y-%m-%d %H:%M:%S")


def name(account: Account | None) -> str | None:
    return None if account is None else account.name


def described(event: Event) -> tuple[object, ...]:
    """A membership event as (kind, who it is about, the other person or the title, via)."""
    if event.kind is Kind.JOIN:
        return ("join", name(event.actor), name(event.inviter), event.via)
    if event.kind is Kind.LEAVE:
        return ("leave", name(event.actor))
    if event.kind is Kind.REMOVAL:
        return ("removal", name(event.target), name(event.actor))
    return (event.kind.value, name(event.actor), event.text)


IOS_ENGLISH = (
    "\ufeff"
    f"[1/14/24, 9:05:01{NNBSP}PM] Family: {LRM}Messages and calls are end-to-end encrypted. No one outside "
    "of this chat, not even WhatsApp, can read or listen to them.\r\n"
    f"[1/14/24, 9:05:01{NNBSP}PM] Family: {LRM}Ana Lima created group “Family”\r\n"
    f"[1/14/24, 9:06:00{NNBSP}PM] Family: {LRM}Ana Lima added Bo Chen and +49 151 12345678\r\n"
    f"{LRM}[1/14/24, 9:07:12{NNBSP}PM] ~{NNBSP}Bo Chen: hi all\r\n"
    "second line\r\n"
    f"[1/14/24, 9:08:00{NNBSP}PM] Ana Lima: {LRM}<attached: 00000012-PHOTO-2024-01-14-21-08-00.jpg>\r\n"
    f"[1/14/24, 9:08:30{NNBSP}PM] Ana Lima: {LRM}image omitted\r\n"
    f"[1/14/24, 9:09:00{NNBSP}PM] +49 151 12345678: {LRM}This message was deleted.\r\n"
    f"[1/14/24, 9:10:00{NNBSP}PM] Ana Lima: see you at 8 {LRM}<This message was edited>\r\n"
    f"[1/14/24, 9:11:00{NNBSP}PM] Family: {LRM}Bo Chen left\r\n"
    f"[1/15/24, 12:01:00{NNBSP}AM] Ana Lima: {LRM}Missed voice call\r\n"
    f"[1/15/24, 12:02:00{NNBSP}AM] Ana Lima: good night\r\n"
)


def test_an_ios_export_with_its_marks_reads_to_these_events(tmp_path: Path) -> None:
    events = read_text(tmp_path, IOS_ENGLISH, name="_chat.txt")
    assert [(event.kind.value, local(event), name(event.actor)) for event in events] == [
        ("group_created", "2024-01-14 21:05:01", "Ana Lima"),
        ("join", "2024-01-14 21:05:01", "Ana Lima"),
        ("join", "2024-01-14 21:06:00", "Bo Chen"),
        ("join", "2024-01-14 21:06:00", "+49 151 12345678"),
        ("message", "2024-01-14 21:07:12", "Bo Chen"),
        ("message", "2024-01-14 21:08:00", "Ana Lima"),
        ("message", "2024-01-14 21:08:30", "Ana Lima"),
        ("message", "2024-01-14 21:09:00", "+49 151 12345678"),
        ("message", "2024-01-14 21:10:00", "Ana Lima"),
        ("leave", "2024-01-14 21:11:00", "Bo Chen"),
        ("message", "2024-01-15 00:02:00", "Ana Lima"),
    ]
    created, _, bo_joined, phone_joined, hello, photo, omitted, deleted, edited, _, night = events
    assert (
        created.text == "Family"
        and bo_joined.inviter == Account(None, "Ana Lima")
        and bo_joined.via is Via.ADDED
    )
    assert phone_joined.inviter == Account(None, "Ana Lima")
    assert hello.text == "hi all\nsecond line"
    assert (photo.media, photo.text, omitted.media, omitted.text) == (Media.PHOTO, None, Media.PHOTO, None)
    assert (deleted.deleted, deleted.text) == (True, None)
    assert (edited.edited, edited.text) == (True, "see you at 8")
    assert night.text == "good night"


def test_an_android_export_with_a_us_clock_and_narrow_spaces(tmp_path: Path) -> None:
    text = (
        f"1/14/24, 9:05{NNBSP}PM - Ana Lima: evening\n"
        f"1/15/24, 12:00{NNBSP}PM - Ana Lima: noon\n"
        f"1/15/24, 12:30{NNBSP}AM - Ana Lima: half past midnight\n"
    )
    assert [local(event) for event in read_text(tmp_path, text)] == [
        "2024-01-14 21:05:00",
        "2024-01-15 12:00:00",
        "2024-01-15 00:30:00",
    ]


ZH = (
    "2024/10/31 15:50 - 王伟创建了群组“家人”\n"
    "2024/10/31 15:51 - 王伟添加了李娜和张三\n"
    "2024/10/31 下午3:52 - 李娜: 大家好\n"
    "谢谢\n"
    "2024/10/31 15:53 - 赵六通过此群组的邀请链接加入\n"
    "2024/10/31 15:54 - 张三: <省略影音内容>\n"
    "2024/10/31 15:55 - 张三: 这条消息已删除\n"
    "2024/10/31 15:56 - 张三退出了群组\n"
    "2024/10/31 15:57 - 王伟移除了赵六\n"
    "2024/10/31 15:58 - 王伟将群组名称更改为“新家人”\n"
    "2024/11/01 上午9:00 - 你添加了孙七\n"
)


def test_a_chinese_export_with_year_first_dates_and_chinese_system_lines(tmp_path: Path) -> None:
    events = read_text(tmp_path, ZH)
    assert [
        (local(e), *described(e)) if e.kind is not Kind.MESSAGE else (local(e), e.text) for e in events
    ] == [
        ("2024-10-31 15:50:00", "group_created", "王伟", "家人"),
        ("2024-10-31 15:50:00", "join", "王伟", None, Via.FOUNDER),
        ("2024-10-31 15:51:00", "join", "李娜", "王伟", Via.ADDED),
        ("2024-10-31 15:51:00", "join", "张三", "王伟", Via.ADDED),
        ("2024-10-31 15:52:00", "大家好\n谢谢"),
        ("2024-10-31 15:53:00", "join", "赵六", None, Via.LINK),
        ("2024-10-31 15:54:00", None),
        ("2024-10-31 15:55:00", None),
        ("2024-10-31 15:56:00", "leave", "张三"),
        ("2024-10-31 15:57:00", "removal", "赵六", "王伟"),
        ("2024-10-31 15:58:00", "group_renamed", "王伟", "新家人"),
        ("2024-11-01 09:00:00", "join", "孙七", "You", Via.ADDED),
    ]
    assert (events[6].media, events[7].deleted) == (Media.OTHER, True)
    assert events[-1].inviter == EXPORTER and events[-1].group_name == "新家人"


SYSTEM_LINES = [
    # English
    ("Ana Lima added Bo Chen", ("join", "Bo Chen", "Ana Lima", Via.ADDED)),
    ("You added Bo Chen", ("join", "Bo Chen", "You", Via.ADDED)),
    ("Ana Lima added you", ("join", "You", "Ana Lima", Via.ADDED)),
    ("You were added", ("join", "You", None, Via.ADDED)),
    ("Bo Chen joined using this group's invite link", ("join", "Bo Chen", None, Via.LINK)),
    ("Bo Chen joined using this group’s invite link", ("join", "Bo Chen", None, Via.LINK)),
    ("You joined using this group's invite link", ("join", "You", None, Via.LINK)),
    ("Bo Chen joined from the community", ("join", "Bo Chen", None, None)),
    ("Bo Chen left", ("leave", "Bo Chen")),
    ("You left", ("leave", "You")),
    ("Ana Lima removed Bo Chen", ("removal", "Bo Chen", "Ana Lima")),
    ("Ana Lima removed you", ("removal", "You", "Ana Lima")),
    ('Ana Lima created group "Trip"', ("group_created", "Ana Lima", "Trip")),
    ("Ana Lima created this group", ("group_created", "Ana Lima", None)),
    ('You changed the subject from "Plans" to "Trip"', ("group_renamed", "You", "Trip")),
    ('Ana Lima changed the group name to "Trip"', ("group_renamed", "Ana Lima", "Trip")),
    (
        'Ana Lima changed the subject from "Plans" to "Trip: Paris"',
        ("group_renamed", "Ana Lima", "Trip: Paris"),
    ),
    # Spanish
    ("Ana Lima añadió a Bo Chen", ("join", "Bo Chen", "Ana Lima", Via.ADDED)),
    ("Añadiste a Bo Chen", ("join", "Bo Chen", "You", Via.ADDED)),
    ("Ana Lima te añadió", ("join", "You", "Ana Lima", Via.ADDED)),
    ("Se añadió a Bo Chen", ("join", "Bo Chen", None, Via.ADDED)),
    ("Bo Chen se unió usando el enlace de invitación de este grupo", ("join", "Bo Chen", None, Via.LINK)),
    ("Bo Chen salió del grupo", ("leave", "Bo Chen")),
    ("Saliste del grupo", ("leave", "You")),
    ("Ana Lima eliminó a Bo Chen", ("removal", "Bo Chen", "Ana Lima")),
    ("Eliminaste a Bo Chen", ("removal", "Bo Chen", "You")),
    ('Ana Lima creó el grupo "Viaje"', ("group_created", "Ana Lima", "Viaje")),
    ('Creaste el grupo "Viaje"', ("group_created", "You", "Viaje")),
    ('Ana Lima cambió el asunto de "Planes" a "Viaje"', ("group_renamed", "Ana Lima", "Viaje")),
    # German
    ("Ana Lima hat Bo Chen hinzugefügt.", ("join", "Bo Chen", "Ana Lima", Via.ADDED)),
    ("Du hast Bo Chen hinzugefügt.", ("join", "Bo Chen", "You", Via.ADDED)),
    ("Ana Lima hat dich hinzugefügt.", ("join", "You", "Ana Lima", Via.ADDED)),
    ("Bo Chen ist dieser Gruppe über den Einladungslink beigetreten.", ("join", "Bo Chen", None, Via.LINK)),
    ("Bo Chen hat die Gruppe verlassen.", ("leave", "Bo Chen")),
    ("Du hast die Gruppe verlassen.", ("leave", "You")),
    ("Ana Lima hat Bo Chen entfernt.", ("removal", "Bo Chen", "Ana Lima")),
    ('Du hast die Gruppe "Reise" erstellt.', ("group_created", "You", "Reise")),
    ("Ana Lima hat den Betreff von „Pläne“ zu „Reise“ geändert.", ("group_renamed", "Ana Lima", "Reise")),
    # Portuguese
    ("Ana Lima adicionou Bo Chen", ("join", "Bo Chen", "Ana Lima", Via.ADDED)),
    ("Você adicionou Bo Chen", ("join", "Bo Chen", "You", Via.ADDED)),
    ("Ana Lima adicionou você", ("join", "You", "Ana Lima", Via.ADDED)),
    ("Bo Chen entrou usando o link de convite deste grupo", ("join", "Bo Chen", None, Via.LINK)),
    ("Você entrou", ("join", "You", None, None)),
    ("Bo Chen saiu", ("leave", "Bo Chen")),
    ("Ana Lima removeu Bo Chen", ("removal", "Bo Chen", "Ana Lima")),
    ('Ana Lima criou o grupo "Viagem"', ("group_created", "Ana Lima", "Viagem")),
    ('Ana Lima mudou o assunto de "Planos" para "Viagem"', ("group_renamed", "Ana Lima", "Viagem")),
    # French
    ("Ana Lima a ajouté Bo Chen", ("join", "Bo Chen", "Ana Lima", Via.ADDED)),
    ("Vous avez ajouté Bo Chen", ("join", "Bo Chen", "You", Via.ADDED)),
    ("Ana Lima vous a ajouté", ("join", "You", "Ana Lima", Via.ADDED)),
    ("Bo Chen a rejoint ce groupe via le lien d’invitation", ("join", "Bo Chen", None, Via.LINK)),
    ("Bo Chen est parti", ("leave", "Bo Chen")),
    ("Vous êtes parti(e)", ("leave", "You")),
    ("Ana Lima a retiré Bo Chen", ("removal", "Bo Chen", "Ana Lima")),
    ("Vous avez créé le groupe « Voyage »", ("group_created", "You", "Voyage")),
    ("Vous avez créé le groupe «\u00a0Voyage\u00a0»", ("group_created", "You", "Voyage")),
    ("Ana Lima a modifié le sujet de « Projets » en « Voyage »", ("group_renamed", "Ana Lima", "Voyage")),
    # Chinese
    ("Ana Lima添加了Bo Chen", ("join", "Bo Chen", "Ana Lima", Via.ADDED)),
    ("Bo Chen退出了群组", ("leave", "Bo Chen")),
    ("你移除了Bo Chen", ("removal", "Bo Chen", "You")),
]


@pytest.mark.parametrize(("line", "expected"), SYSTEM_LINES, ids=[line for line, _ in SYSTEM_LINES])
def test_a_system_line_becomes_its_membership_event(
    tmp_path: Path, line: str, expected: tuple[object, ...]
) -> None:
    text = f"05/03/24, 10:00 - Ana Lima: hello\n05/03/24, 10:01 - {line}\n05/03/24, 10:02 - Bo Chen: hi\n"
    events = [event for event in read_text(tmp_path, text) if event.kind is not Kind.MESSAGE]
    assert described(events[0]) == expected
    if events[0].kind is Kind.GROUP_CREATED:
        assert described(events[1])[:2] == ("join", expected[1]) and events[1].via is Via.FOUNDER


def test_the_exporter_is_one_account_in_every_locale(tmp_path: Path) -> None:
    lines = ["You added Bo Chen", "Du hast Cy Diaz hinzugefügt.", "Você adicionou Di Wu", "你添加了Ed Fu"]
    text = "".join(f"05/03/24, 10:0{number} - {line}\n" for number, line in enumerate(lines))
    assert {event.inviter for event in read_text(tmp_path, text)} == {Account("you", "You")}


@pytest.mark.parametrize(
    ("line", "joined"),
    [
        ("Ana Lima added Bo Chen, Cy Diaz and Di Wu", ["Bo Chen", "Cy Diaz", "Di Wu"]),
        ("Ana Lima añadió a Bo Chen y Cy Diaz", ["Bo Chen", "Cy Diaz"]),
        ("Ana Lima hat Bo Chen und Cy Diaz hinzugefügt.", ["Bo Chen", "Cy Diaz"]),
        ("Ana Lima adicionou Bo Chen e Cy Diaz", ["Bo Chen", "Cy Diaz"]),
        ("Ana Lima a ajouté Bo Chen et Cy Diaz", ["Bo Chen", "Cy Diaz"]),
        ("Ana Lima添加了Bo Chen、Cy Diaz和Di Wu", ["Bo Chen", "Cy Diaz", "Di Wu"]),
        ("Ana Lima added Tom and Jerry", ["Tom and Jerry"]),  # a sender of that name, so one person
    ],
)
def test_adding_several_people_is_a_join_for_each(tmp_path: Path, line: str, joined: list[str]) -> None:
    text = f"05/03/24, 10:00 - {line}\n05/03/24, 10:01 - Tom and Jerry: hi\n"
    joins = [event for event in read_text(tmp_path, text) if event.kind is Kind.JOIN]
    assert [name(event.actor) for event in joins] == joined
    assert {name(event.inviter) for event in joins} == {"Ana Lima"}


@pytest.mark.parametrize(
    ("text", "first_message"),
    [
        ("03/04/24, 10:00 - Ana: a\n25/04/24, 10:00 - Ana: b\n", "2024-04-03 10:00:00"),  # a day > 12 last
        ("03/04/24, 10:00 - Ana: a\n04/25/24, 10:00 - Ana: b\n", "2024-03-04 10:00:00"),
        ("03/04/24, 10:00 - Ana: a\n05/04/24, 10:00 - Ana: b\n", "2024-04-03 10:00:00"),  # ambiguous, 24 h
        ("3/4/24, 10:00 AM - Ana: a\n5/4/24, 10:00 AM - Ana: b\n", "2024-03-04 10:00:00"),  # ambiguous, US
        ("03/04/24, 10:00 a. m. - Ana: a\n", "2024-04-03 10:00:00"),  # ambiguous, Spanish clock
        ("03.04.24, 10:00 - Ana: a\n", "2024-04-03 10:00:00"),  # ambiguous, German dots
    ],
)
def test_day_and_month_order_comes_from_the_whole_file(tmp_path: Path, text: str, first_message: str) -> None:
    assert local(read_text(tmp_path, text)[0]) == first_message


BODIES = [
    ("<Media omitted>", Media.OTHER, None, False, False),
    ("<Medien ausgeschlossen>", Media.OTHER, None, False, False),
    ("<Multimedia omitido>", Media.OTHER, None, False, False),
    ("<Médias omis>", Media.OTHER, None, False, False),
    ("<省略影音内容>", Media.OTHER, None, False, False),
    ("IMG-20240101-WA0001.jpg (file attached)\nthe view", Media.PHOTO, "the view", False, False),
    ("PTT-20240101-WA0002.opus (file attached)", Media.VOICE, None, False, False),
    ("VID-20240101-WA0003.mp4 (Datei angehängt)", Media.VIDEO, None, False, False),
    ("This message was deleted", None, None, True, False),
    ("You deleted this message", None, None, True, False),
    ("Se eliminó este mensaje.", None, None, True, False),
    ("Diese Nachricht wurde gelöscht.", None, None, True, False),
    ("Ce message a été supprimé", None, None, True, False),
    ("see you <This message was edited>", None, "see you", False, True),
    ("two\nlines <This message was edited>", None, "two\nlines", False, True),
    ("a > b", None, "a > b", False, False),
    ("(smiles)", None, "(smiles)", False, False),
]


@pytest.mark.parametrize(
    ("body", "media", "text", "deleted", "edited"), BODIES, ids=[body for body, *_ in BODIES]
)
def test_placeholders_become_media_deleted_and_edited(
    tmp_path: Path, body: str, media: Media | None, text: str | None, deleted: bool, edited: bool
) -> None:
    [event] = read_text(tmp_path, f"05/03/24, 10:00 - Ana Lima: {body}\n")
    assert (event.media, event.text, event.deleted, event.edited) == (media, text, deleted, edited)


def test_mentions_resolve_to_senders_anywhere_in_the_file(tmp_path: Path) -> None:
    text = (
        "05/03/24, 10:00 - Ana Lima: hello @Bo Chen and @4915112345678, not @Nobody\n"
        "05/03/24, 10:01 - Bo Chen: hi\n"
        "05/03/24, 10:02 - +49 151 12345678: yo @\u2068Ana Lima\u2069!\n"
        "05/03/24, 10:03 - Ana Lima: mail ana@example.com\n"
    )
    events = read_text(tmp_path, text)
    assert [[name(account) for account in event.mentions] for event in events] == [
        ["Bo Chen", "+49 151 12345678"],
        [],
        ["Ana Lima"],
        [],
    ]


@pytest.mark.parametrize(
    ("file_name", "group"),
    [
        ("WhatsApp Chat with Family.txt", "Family"),
        ("WhatsApp Chat - Family.txt", "Family"),
        ("WhatsApp Chat with Family (1).txt", "Family"),
        ("Chat de WhatsApp con Familia.txt", "Familia"),
        ("WhatsApp-Chat mit Familie.txt", "Familie"),
        ("Conversa do WhatsApp com Família.txt", "Família"),
        ("Discussion WhatsApp avec Famille.txt", "Famille"),
        ("与家人的 WhatsApp 聊天.txt", "家人"),
        ("export.txt", "export"),
    ],
)
def test_the_group_is_named_after_the_export_file(tmp_path: Path, file_name: str, group: str) -> None:
    [event] = read_text(tmp_path, "05/03/24, 10:00 - Ana Lima: hi\n", name=file_name)
    assert (event.group, event.group_name) == (group, group)
    assert event.key.startswith(f"whatsapp:{group}:")


def test_an_ios_zip_names_the_group_and_the_group_option_overrides_it(tmp_path: Path) -> None:
    archive = tmp_path / "WhatsApp Chat - Family.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("_chat.txt", "[05/03/24, 10:00:00] Ana Lima: hi\n")
        out.writestr("00000012-PHOTO-2024-03-05-10-00-00.jpg", b"\xff\xd8\xff\xe0 not really a photo")
    [file] = [file for file in collect_files([archive]) if file.member == "_chat.txt"]
    assert group_from_file_name(file) == "Family"
    importer = WhatsAppTxtImporter()
    [bundle] = importer.bundles(collect_files([archive]))
    [event] = importer.read(bundle, ImportOptions(zone=ZONE, group_name="Family chat"))
    assert isinstance(event, Event) and (event.group, event.text) == ("Family chat", "hi")


def test_times_keep_the_offset_of_the_zone_at_that_moment(tmp_path: Path) -> None:
    berlin = ZoneInfo("Europe/Berlin")
    text = "".join(
        f"{stamp} - Ana: {letter}\n"
        for stamp, letter in [
            ("30/03/24, 12:00", "a"),
            ("31/03/24, 01:30", "b"),
            ("31/03/24, 03:30", "c"),
            ("01/04/24, 12:00", "d"),
        ]
    )
    events = read_text(tmp_path, text, zone=berlin)
    assert [event.utc_offset_min for event in events] == [60, 60, 120, 120]
    assert [local(event, berlin) for event in events] == [
        "2024-03-30 12:00:00",
        "2024-03-31 01:30:00",
        "2024-03-31 03:30:00",
        "2024-04-01 12:00:00",
    ]


def test_reading_in_tiny_pieces_gives_the_same_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    samples = Path(__file__).parent / "data" / "whatsapp_txt"
    exports = [(IOS_ENGLISH, "_chat.txt"), (ZH, "zh.txt")]
    exports += [
        (path.read_text(encoding="utf-8"), path.name) for path in sorted(samples.glob("chatminer_*.txt"))
    ]
    whole = [read_text(tmp_path, text, name=file_name) for text, file_name in exports]
    monkeypatch.setattr(whatsapp_txt.textstream, "PIECE_BYTES", 5)
    monkeypatch.setattr(whatsapp_txt.prescan, "SURVEY_BYTES", 7)
    assert [read_text(tmp_path, text, name=file_name) for text, file_name in exports] == whole


def test_the_layout_compiled_from_the_first_header_finds_what_the_general_grammar_finds() -> None:
    for path in sorted(DATA.glob("chatminer_*.txt")):
        with path.open("rb") as stream:
            found = survey(stream)
        parsed = [
            list(ChatParser(path.name, "g", "g", ZONE, layout).events([path.read_text(encoding="utf-8")]))
            for layout in (found, dataclasses.replace(found, dialect=GENERAL))
        ]
        assert not found.dialect.general and parsed[0] == parsed[1]


class _Forgetful(dict):  # type: ignore[type-arg]
    """A cache that never answers, so that the parser's shortcut is never taken."""

    def get(self, key: object, default: object = None) -> object:
        return default


def test_the_parsers_shortcut_gives_what_the_full_reading_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = "".join(
        f"05/03/24, 10:{minute:02d} - Ana Lima: {body}\n" for minute, (body, *_) in enumerate(BODIES)
    )
    plain += "05/03/24, 11:00 - Bo Chen: \n05/03/24, 11:01 - Bo Chen: hi @Ana Lima\nand more\n"
    exports = [(IOS_ENGLISH, "_chat.txt"), (ZH, "zh.txt"), (plain, "plain.txt")]
    exports += [
        (path.read_text(encoding="utf-8"), path.name) for path in sorted(DATA.glob("chatminer_*.txt"))
    ]
    shortcut = [read_text(tmp_path, text, name=file_name) for text, file_name in exports]
    original_init = Clock.__init__

    def forgetful_init(self: Clock, *args: object) -> None:
        original_init(self, *args)  # type: ignore[arg-type]
        self.days = _Forgetful()

    monkeypatch.setattr(Clock, "__init__", forgetful_init)
    assert [read_text(tmp_path, text, name=file_name) for text, file_name in exports] == shortcut


def test_names_with_colons_dashes_emoji_and_phone_numbers(tmp_path: Path) -> None:
    text = (
        "05/03/24, 10:00 - Team:Lead: standup at 10\n"
        "05/03/24, 10:01 - Jean-Luc - Paris: ok: on my way\n"
        "05/03/24, 10:02 - Mei 🌸: 👍\n"
        "05/03/24, 10:03 - +49 151 12345678: hi\n"
    )
    assert [(name(event.actor), event.text) for event in read_text(tmp_path, text)] == [
        ("Team:Lead", "standup at 10"),
        ("Jean-Luc - Paris", "ok: on my way"),
        ("Mei 🌸", "👍"),
        ("+49 151 12345678", "hi"),
    ]


def test_forgetting_old_key_counts_keeps_every_key_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "".join(f"05/03/24, 10:{minute:02d} - Ana Lima: same\n" for minute in range(40) for _ in range(3))
    remembered = [event.key for event in read_text(tmp_path, text)]
    monkeypatch.setattr(whatsapp_txt.parser, "KEY_WINDOW_LINES", 2)
    monkeypatch.setattr(whatsapp_txt.textstream, "PIECE_BYTES", 50)
    forgotten = [event.key for event in read_text(tmp_path, text)]
    assert forgotten == remembered and len(set(forgotten)) == 120
