"""The lines WhatsApp itself writes about the group's membership, in en, es, de, pt, fr and zh.

Each template reads one wording; the first that matches the whole line wins, so the specific ones
come first ("X te añadió" before "X añadió a Y"). "You" and its translations name the person who
exported the chat. Wordings: docs/formats/whatsapp_txt.md (which are verified on real exports and
which are reported by other parsers).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from enum import Enum

YOU = "\x00you"  # stands for the exporting user wherever a line says "You", "Du", "你"…
YOU_WORDS = frozenset(
    {"You", "you", "Tú", "tú", "Du", "du", "Dich", "dich", "Você", "você", "Vous", "vous", "你"}
)


class Change(Enum):
    CREATED = "created"
    ADDED = "added"
    JOINED_BY_LINK = "joined by link"
    JOINED = "joined"
    LEFT = "left"
    REMOVED = "removed"
    RENAMED = "renamed"


@dataclass(frozen=True)
class SystemLine:
    change: Change
    actor: str | None  # who did it: a display name, YOU, or None when the line does not say
    targets: tuple[str, ...] = ()  # who was added or removed
    title: str | None = None  # the group's title, when the line names it


@dataclass(frozen=True)
class _Template:
    pattern: re.Pattern[str]
    change: Change
    actor: str | None = None  # the actor when the wording implies it ("Añadiste a Y": you)
    targets: tuple[str, ...] = ()  # likewise for the targets ("X te añadió": you)


_SPACE = "[ \u00a0\u202f]"
_OPEN, _CLOSE = f'["“„«「]{_SPACE}?', f'{_SPACE}?["”“»」]'
_TITLE = f"{_OPEN}(?P<title>.*?){_CLOSE}"
_WHO, _WHOM = "(?P<actor>.+?)", "(?P<targets>.+)"
C = Change


def _t(pattern: str, change: Change, actor: str | None = None, targets: tuple[str, ...] = ()) -> _Template:
    return _Template(re.compile(pattern, re.DOTALL), change, actor, targets)


TEMPLATES = (
    # English
    _t(f"{_WHO} created group {_TITLE}", C.CREATED),
    _t(f"{_WHO} created this group", C.CREATED),
    _t("(?P<targets>.+?) (?:was|were) added", C.ADDED),
    _t(f"{_WHO} added {_WHOM}", C.ADDED),
    _t(f"{_WHO} joined (?:using|via) .*link", C.JOINED_BY_LINK),
    _t(f"{_WHO} joined(?: from the community| the group)?", C.JOINED),
    _t(f"{_WHO} left(?: the group)?", C.LEFT),
    _t(f"{_WHO} removed {_WHOM}", C.REMOVED),
    _t(f"{_WHO} changed the (?:subject|group name)(?: from .*)? to {_TITLE}", C.RENAMED),
    # Spanish
    _t(f"{_WHO} creó el grupo {_TITLE}", C.CREATED),
    _t(f"Creaste el grupo {_TITLE}", C.CREATED, actor=YOU),
    _t(f"{_WHO} creó este grupo", C.CREATED),
    _t("Creaste este grupo", C.CREATED, actor=YOU),
    _t(f"{_WHO} te (?:añadió|agregó)", C.ADDED, targets=(YOU,)),
    _t("Te (?:añadieron|agregaron)", C.ADDED, targets=(YOU,)),
    _t(f"Se (?:añadió|agregó) a {_WHOM}", C.ADDED),
    _t(f"(?:Añadiste|Agregaste) a {_WHOM}", C.ADDED, actor=YOU),
    _t(f"{_WHO} (?:añadió|agregó) a {_WHOM}", C.ADDED),
    _t("Te uniste (?:usando|mediante|con|a través d)[^ ]* .*enlace.*", C.JOINED_BY_LINK, actor=YOU),
    _t(f"{_WHO} se unió (?:usando|mediante|con|a través d)[^ ]* .*enlace.*", C.JOINED_BY_LINK),
    _t("Te uniste(?: al grupo)?", C.JOINED, actor=YOU),
    _t(f"{_WHO} se unió(?: al grupo)?", C.JOINED),
    _t("Saliste(?: del grupo)?", C.LEFT, actor=YOU),
    _t(f"{_WHO} salió(?: del grupo)?", C.LEFT),
    _t(f"{_WHO} te eliminó", C.REMOVED, targets=(YOU,)),
    _t(f"Eliminaste a {_WHOM}", C.REMOVED, actor=YOU),
    _t(f"{_WHO} eliminó a {_WHOM}", C.REMOVED),
    _t(f"Cambiaste (?:el asunto|el nombre del grupo)(?: de .*)? (?:a|por) {_TITLE}", C.RENAMED, actor=YOU),
    _t(f"{_WHO} cambió (?:el asunto|el nombre del grupo)(?: de .*)? (?:a|por) {_TITLE}", C.RENAMED),
    # German ("Du hast …" is read as the actor "Du")
    _t(rf"{_WHO} (?:hat|hast) die Gruppe {_TITLE} erstellt\.?", C.CREATED),
    _t(rf"{_WHO} (?:hat|hast) diese Gruppe erstellt\.?", C.CREATED),
    _t(r"(?P<targets>.+?) (?:wurde|wurdest|wurden) hinzugefügt\.?", C.ADDED),
    _t(rf"{_WHO} (?:hat|hast) {_WHOM} hinzugefügt\.?", C.ADDED),
    _t(rf"{_WHO} (?:ist|bist) .*Einladungslink.* beigetreten\.?", C.JOINED_BY_LINK),
    _t(rf"{_WHO} (?:ist|bist)(?: der Gruppe| dieser Gruppe)? beigetreten\.?", C.JOINED),
    _t(rf"{_WHO} (?:hat|hast) die Gruppe verlassen\.?", C.LEFT),
    _t(rf"{_WHO} (?:hat|hast) {_WHOM} entfernt\.?", C.REMOVED),
    _t(rf"{_WHO} (?:hat|hast) den (?:Betreff|Gruppennamen)(?: von .*)? (?:zu|in) {_TITLE} geändert\.?",
       C.RENAMED),
    # Portuguese
    _t(f"{_WHO} criou o grupo {_TITLE}", C.CREATED),
    _t(f"{_WHO} criou este grupo", C.CREATED),
    _t("(?P<targets>.+?) (?:foi|foram) adicionad[oa]s?", C.ADDED),
    _t(f"{_WHO} adicionou {_WHOM}", C.ADDED),
    _t(f"{_WHO} entrou usando .*link.*", C.JOINED_BY_LINK),
    _t(f"{_WHO} entrou(?: no grupo)?", C.JOINED),
    _t(f"{_WHO} saiu(?: do grupo)?", C.LEFT),
    _t(f"{_WHO} removeu {_WHOM}", C.REMOVED),
    _t(f"{_WHO} (?:mudou|alterou) (?:o assunto|o nome do grupo)(?: de .*)? para {_TITLE}", C.RENAMED),
    # French ("Vous avez …" is read as the actor "Vous")
    _t(f"{_WHO} (?:a|avez) créé le groupe {_TITLE}", C.CREATED),
    _t(f"{_WHO} (?:a|avez) créé ce groupe", C.CREATED),
    _t(rf"{_WHO} vous a ajouté(?:e|\(e\))?", C.ADDED, targets=(YOU,)),
    _t(r"(?P<targets>.+?) (?:a|avez|ont) été ajouté(?:e|s|es|\(e\))?", C.ADDED),
    _t(f"{_WHO} (?:a|avez) ajouté {_WHOM}", C.ADDED),
    _t(f"{_WHO} (?:a|avez) (?:rejoint|utilisé) .*lien.*", C.JOINED_BY_LINK),
    _t(f"{_WHO} (?:a|avez) rejoint(?: ce groupe| le groupe)?", C.JOINED),
    _t(rf"{_WHO} (?:est|êtes) parti(?:e|s|es|\(e\))?", C.LEFT),
    _t(f"{_WHO} (?:a|avez) quitté(?: le groupe| ce groupe)?", C.LEFT),
    _t(rf"{_WHO} vous a retiré(?:e|\(e\))?", C.REMOVED, targets=(YOU,)),
    _t(f"{_WHO} (?:a|avez) retiré {_WHOM}", C.REMOVED),
    _t(f"{_WHO} (?:a|avez) (?:modifié|changé) (?:le sujet|le nom du groupe)(?: de .*)? (?:en|à|pour) "
       f"{_TITLE}", C.RENAMED),
    # Chinese (zh-CN)
    _t(f"{_WHO}创建了(?:此群组|群组 ?{_TITLE})", C.CREATED),
    _t(f"{_WHO}添加了{_WHOM}", C.ADDED),
    _t(f"{_WHO}已?(?:通过|使用).*邀请链接加入.*", C.JOINED_BY_LINK),
    _t(f"{_WHO}已?加入了?(?:此|本)?群组?", C.JOINED),
    _t(f"{_WHO}(?:已退出|退出了(?:此|本)?群组?)", C.LEFT),
    _t(f"{_WHO}将(?P<targets>.+?)移出了?(?:此|本)?群组?", C.REMOVED),
    _t(f"{_WHO}移除了{_WHOM}", C.REMOVED),
    _t(f"{_WHO}(?:将|更改了)(?:本|此)?群组?的?(?:名称|主题).*{_OPEN}(?P<title>[^“”\"「」]*){_CLOSE}",
       C.RENAMED),
)  # fmt: skip

_LIST_SEPARATOR = re.compile(r", |、|，")
_LAST_JOINER = re.compile(r" (?:and|y|e|und|et|&) |(?<=.)和(?=.)")


def read_system_line(text: str, known: Collection[str]) -> SystemLine | None:
    """The membership change a system line records, or None for the lines shequn does not keep
    (encryption notices, icon changes, calls…). `known` are the senders' names, so that a name
    with "and" or "," in it is not split into two people."""
    for template in TEMPLATES:
        found = template.pattern.fullmatch(text)
        if found is None:
            continue
        fields = found.groupdict()
        actor = _person(fields["actor"]) if "actor" in fields else template.actor
        named = fields.get("targets")
        targets = tuple(map(_person, names_in(named, known))) if named else template.targets
        return SystemLine(template.change, actor, targets, fields.get("title"))
    return None


def names_in(text: str, known: Collection[str]) -> list[str]:
    """ "A, B and C" (or "A, B y C", "A、B和C"…) as names; a known name is never split."""
    text = text.strip()
    if text in known:
        return [text]
    *names, last = _LIST_SEPARATOR.split(text)
    names.extend([last] if last in known else _LAST_JOINER.split(last, maxsplit=1))
    return [name.strip() for name in names if name.strip()]


def _person(name: str) -> str:
    name = name.strip()
    return YOU if name in YOU_WORDS else name
