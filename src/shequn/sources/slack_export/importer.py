"""Slack's workspace export (the Standard export zip, or the folder it unpacks to): one bundle each.

An export is recognised by the content of its list of conversations (`channels.json`, or
`groups.json` / `mpims.json` / `dms.json`): a JSON array of objects with ids. Its day files
(`<folder>/YYYY-MM-DD.json`) are claimed by where they sit rather than opened one by one, since a
large workspace has tens of thousands of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import PurePosixPath

from ...domain.events import Event
from ..files import Bundle, SourceFile
from ..importer import ImportOptions, Problem
from ..localtime import LocalClock
from .parser import ChannelReader, created_event, read_day_file
from .workspace import CHANNEL_LISTS, USER_LIST, Workspace

_DAY_FILE = re.compile(r"\d{4}-\d{2}-\d{2}\.json")
_OTHER_WORKSPACE_FILES = frozenset({"integration_logs.json", "canvases.json", "org_users.json"})
Root = tuple[str, PurePosixPath]  # (the zip archive, or "" on disk; the export's folder)


class SlackImporter:
    name = "slack_export"
    title = "Slack workspace export"

    def bundles(self, files: Sequence[SourceFile]) -> list[Bundle]:
        roots = sorted({_root(file) for file in files if _names_conversations(file)})
        members: dict[Root, list[SourceFile]] = {root: [] for root in roots}
        for file in files:
            root = _root(file)
            if root in members and _belongs(file):
                members[root].append(file)
        return [Bundle(tuple(found), label=_label(root)) for root, found in members.items()]

    def read(self, bundle: Bundle, options: ImportOptions) -> Iterator[Event | Problem]:
        workspace = _workspace(bundle.files)
        yield from workspace.problems
        clock = LocalClock(options.zone)
        for listed in workspace.channels.values():
            created = created_event(listed, workspace, clock)
            if created is not None:
                yield created
        readers: dict[str, ChannelReader] = {}
        for file in bundle.files:
            path = _place(file)[1]
            if _DAY_FILE.fullmatch(path.name):
                yield from _day_events(file, path.parent.name, workspace, readers, clock)


def _day_events(
    file: SourceFile,
    folder: str,
    workspace: Workspace,
    readers: dict[str, ChannelReader],
    clock: LocalClock,
) -> Iterator[Event | Problem]:
    channel = workspace.channels.get(folder)
    if channel is None:
        expected = f"expected one of {', '.join(CHANNEL_LISTS)} to list it and give its channel id"
        yield Problem(
            file.name,
            None,
            f"folder {folder!r} is not a conversation the export lists; {expected}",
        )
        return
    reader = readers.setdefault(folder, ChannelReader(channel, workspace, clock))
    yield from read_day_file(file, reader)


def _workspace(files: Sequence[SourceFile]) -> Workspace:
    """Users first, so the DMs' titles can name the people in them."""
    workspace = Workspace()
    for file in files:
        if _place(file)[1].name == USER_LIST:
            workspace.read_users(file)
    for file in files:
        folder_field = CHANNEL_LISTS.get(_place(file)[1].name)
        if folder_field:
            workspace.read_channels(file, folder_field)
    return workspace


def _names_conversations(file: SourceFile) -> bool:
    if _place(file)[1].name not in CHANNEL_LISTS:
        return False
    head = file.head_text(4096).lstrip()
    return head.startswith("[") and ('"id"' in head or head[1:].lstrip().startswith("]"))


def _belongs(file: SourceFile) -> bool:
    name = _place(file)[1].name
    return (
        name in CHANNEL_LISTS
        or name == USER_LIST
        or name in _OTHER_WORKSPACE_FILES
        or bool(_DAY_FILE.fullmatch(name))
    )


def _root(file: SourceFile) -> Root:
    archive, path = _place(file)
    return (archive, path.parent.parent) if _DAY_FILE.fullmatch(path.name) else (archive, path.parent)


def _place(file: SourceFile) -> Root:
    if file.member is not None:
        return str(file.path), PurePosixPath(file.member)
    return "", PurePosixPath(file.path.as_posix())


def _label(root: Root) -> str:
    archive, folder = root
    if not archive:
        return str(folder)
    return archive if str(folder) == "." else f"{archive}!{folder}"
