"""The JSON API: what the pages show, for scripts, shops and bots, described by an OpenAPI document
at /api/openapi.json. The same access rules as the pages apply; an API token goes in
`Authorization: Bearer ...`."""
