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
    # telegram_json
    # telegram_html
    # whatsapp_txt
    # qq_txt
    # wechat
    # discord_json
    # slack_export
    # matrix_events
    # generic
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
