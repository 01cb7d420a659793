"""A community's analytics settings: reading them (defaults where none were set, and the entry
channels' costs joined in) and replacing them."""

from __future__ import annotations

from dataclasses import replace

from ..metrics.settings import Settings, parse_settings, settings_document
from ..store import Database
from ..store.analytics import save_settings_document_txn, settings_document_txn
from .communities import Community
from .entry_channels import list_channels


def read_settings(db: Database, community: Community) -> Settings:
    document = settings_document_txn(db, community.id)
    settings = Settings() if document is None else parse_settings(document)
    costs = {channel.code: channel.cost_fen for channel in list_channels(db, community)}
    return replace(settings, channel_costs_fen={code: fen for code, fen in costs.items() if fen is not None})


def save_settings(db: Database, community: Community, text: str) -> Settings:
    """Validate a TOML document (SettingsError naming the field, nothing changed) and keep it, written
    out in full, as the community's settings."""
    settings = parse_settings(text)
    save_settings_document_txn(db, community.id, settings_document(settings))
    return settings
