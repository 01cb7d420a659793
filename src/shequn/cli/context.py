"""What every command shares: which database and community, opened on first use."""

from __future__ import annotations

from dataclasses import dataclass, field

import click

from ..services.communities import Community, ensure_community, find_community
from ..store import Database, open_store


@dataclass
class Context:
    db_url: str | None
    community_name: str | None
    _db: Database | None = field(default=None, repr=False)

    def database(self, create: bool = False) -> Database:
        if self._db is None:
            self._db = open_store(self.db_url, create=create)
            click.get_current_context().call_on_close(self._db.close)
        return self._db

    def community(self, create: bool = False) -> Community:
        """The community to work on; with `create`, an empty database gets one."""
        db = self.database(create=create)
        return (
            ensure_community(db, self.community_name) if create else find_community(db, self.community_name)
        )


pass_context = click.make_pass_decorator(Context)
