"""Pure types and rules. Imports nothing from the store, the web framework or the CLI."""
