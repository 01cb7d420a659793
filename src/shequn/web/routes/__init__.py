"""One module per page. Each has a `router` (an APIRouter) and, when it belongs in the header, a
`NAV` (its path and the message key of its label); `app.PAGES` lists them."""
