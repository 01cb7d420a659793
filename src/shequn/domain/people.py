"""Which accounts are one person: the result of replaying identity merges and unmerges in order.

A person is a connected component of the accounts joined by merges that have not been undone. Each
person is named by the smallest identity id among their accounts, so the same log always gives the
same member ids, and undoing a merge gives each side back the id it had before.
"""

from __future__ import annotations

from collections.abc import Iterable


def people_from_merges(merges: Iterable[tuple[bool, int, int]]) -> dict[int, int]:
    """Map each identity touched by a merge to its member id.

    `merges` are (merged, identity_a, identity_b) in log order; `merged` False undoes an earlier merge
    of the same pair. Identities never merged are their own member and are left out of the result.
    """
    links: set[tuple[int, int]] = set()
    touched: set[int] = set()
    for merged, a, b in merges:
        pair = (min(a, b), max(a, b))
        touched.update(pair)
        if merged:
            links.add(pair)
        else:
            links.discard(pair)
    parent = {identity: identity for identity in touched}
    for a, b in sorted(links):
        _union(parent, a, b)
    return {identity: _root(parent, identity) for identity in touched}


def _root(parent: dict[int, int], identity: int) -> int:
    while parent[identity] != identity:
        parent[identity] = parent[parent[identity]]
        identity = parent[identity]
    return identity


def _union(parent: dict[int, int], a: int, b: int) -> None:
    root_a, root_b = _root(parent, a), _root(parent, b)
    if root_a != root_b:
        parent[max(root_a, root_b)] = min(root_a, root_b)
