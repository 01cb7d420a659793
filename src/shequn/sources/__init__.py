"""Everything that produces canonical events: importers of chat exports, connectors, the demo.

The only code that knows outside formats. Each importer is a folder with the same shape, registered
as a built-in plugin exactly as a third-party one would be (see `shequn.plugins`).
"""
