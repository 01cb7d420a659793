"""`/api/openapi.json`: the API's OpenAPI document (the API routes only, with bearer tokens)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.openapi.utils import get_openapi

from ... import __version__
from ..access import PUBLIC, app_routes, route_needs

router = APIRouter()
ACCESS = PUBLIC
DOCUMENT = "/api/openapi.json"


@router.get(DOCUMENT, include_in_schema=False)
def openapi_document(request: Request) -> dict[str, Any]:
    document: dict[str, Any] | None = getattr(request.app.state, "api_document", None)
    if document is None:
        document = build_document(app_routes(request.app))
        request.app.state.api_document = document
    return document


def build_document(routes: list[Any]) -> dict[str, Any]:
    """The OpenAPI document of the /api/ routes among `routes` (see access.app_routes)."""
    api = [route for route in routes if route.path.startswith("/api/")]
    document = get_openapi(
        title="shequn API",
        version=__version__,
        description=(
            "What the dashboard shows, as JSON, and event ingestion. Send an API token made by "
            "`shequn token create` as `Authorization: Bearer ...`. Each role sees what it sees on the "
            "pages; another group's objects answer 404 exactly like missing ones."
        ),
        routes=[route for route in api if route.include_in_schema],
    )
    document.setdefault("components", {})["securitySchemes"] = {
        "token": {
            "type": "http",
            "scheme": "bearer",
            "description": "An API token from `shequn token create`.",
        }
    }
    for route in api:
        if route_needs(route) and route.include_in_schema:
            for method in route.methods:
                operation = document["paths"][route.path_format][method.lower()]
                operation["security"] = [{"token": []}]
                operation.setdefault("responses", {}).update(_REFUSALS)
    return document


_REFUSALS = {
    "401": {"description": "No valid token or session."},
    "403": {"description": "The caller's role may not do this (or a session request lacked its CSRF token)."},
    "429": {"description": "Too many requests: wait the seconds in Retry-After."},
}
