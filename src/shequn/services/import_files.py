"""`shequn import`: turn chat exports into events, all of it or (with a failure) none of it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..domain.events import Kind
from ..sources.files import SourceError, collect_files, reading_progress
from ..store import Database
from .communities import Community
from .reading import ImportRequest, format_names, plan_import, reading
from .record_events import record_events

__all__ = ["ImportRequest", "ImportSummary", "format_names", "import_files"]


@dataclass
class ImportSummary:
    files: int = 0
    exports: list[dict[str, str]] = field(default_factory=list)  # {"format", "name"} per bundle read
    events: int = 0
    added: int = 0
    skipped: int = 0
    messages: int = 0
    joins: int = 0
    leaves: int = 0
    removals: int = 0
    members: int = 0  # distinct people (not bots or system accounts) the imported events are about
    groups: int = 0
    ignored: list[str] = field(default_factory=list)  # files inside folders or zips no format claimed
    problems: list[str] = field(default_factory=list)  # records skipped with --skip-bad


def import_files(
    db: Database,
    community: Community,
    request: ImportRequest,
    on_progress: Callable[[int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Read every export under the paths and record its events in one transaction. `on_total`
    hears how many bytes will be read, `on_progress` how many each read returned."""
    files = collect_files(request.paths)
    if on_total:
        on_total(sum(file.size for file in files))
    plan, ignored = plan_import(files, request.format)
    if not plan:
        raise SourceError(f"nothing to import in {', '.join(map(str, request.paths))}: no chat export found")
    summary = ImportSummary(files=len(files), ignored=ignored)
    token = reading_progress.set(on_progress)
    try:
        with reading(request, plan) as read, db.transaction():
            for format_name, name, events in read.bundles():
                source = f"{format_name}:{name}"
                recorded = record_events(db, community, source, events, whole=True, checked=True)
                summary.exports.append({"format": format_name, "name": name})
                summary.events += recorded.seen
                summary.added += recorded.added
    finally:
        reading_progress.reset(token)
    figures = read.figures
    summary.skipped = summary.events - summary.added
    summary.messages = figures.kinds.get(Kind.MESSAGE, 0)
    summary.joins = figures.kinds.get(Kind.JOIN, 0)
    summary.leaves = figures.kinds.get(Kind.LEAVE, 0)
    summary.removals = figures.kinds.get(Kind.REMOVAL, 0)
    summary.members, summary.groups, summary.problems = figures.members, figures.groups, figures.problems
    return summary
