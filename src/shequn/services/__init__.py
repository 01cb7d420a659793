"""Use-cases, one verb each; the shells call these and nothing below them."""
