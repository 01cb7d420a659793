"""Plugins: hook specifications, and the manager that holds the built-in ones and any installed.

Built-in importers register through exactly these hooks; a third-party package does the same by
declaring an entry point in the `shequn` group.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from .sources.importer import Importer

hookspec = pluggy.HookspecMarker("shequn")
hookimpl = pluggy.HookimplMarker("shequn")

# The built-in importers, in the order detection tries them: specific formats first, generic last.
BUILTIN_PLUGINS: tuple[str, ...] = (
    "shequn.sources.telegram_json",
    "shequn.sources.telegram_html",
    "shequn.sources.whatsapp_txt",
    "shequn.sources.qq_txt",
    "shequn.sources.wechat",
    "shequn.sources.discord_json",
    "shequn.sources.slack_export",
    "shequn.sources.matrix_events",
    "shequn.sources.generic",
)


class HookSpecs:
    @hookspec
    def shequn_importers(self) -> list[Importer]:  # type: ignore[empty-body]
        """Chat-export formats this plugin can import."""


@cache
def plugin_manager() -> pluggy.PluginManager:
    import importlib

    manager = pluggy.PluginManager("shequn")
    manager.add_hookspecs(HookSpecs)
    for module in BUILTIN_PLUGINS:
        manager.register(importlib.import_module(module), name=module)
    manager.load_setuptools_entrypoints("shequn")
    return manager


def importers() -> list[Importer]:
    """Every registered importer, built-ins first, in registration order."""
    found = [importer for batch in reversed(plugin_manager().hook.shequn_importers()) for importer in batch]
    return found
