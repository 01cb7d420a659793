"""Money in a generic record: `amount_fen` (whole fen) or `amount_yuan` (exact decimal), never guessed.

A figure like "12.50" or "¥5,000" in amount_fen is refused rather than read: it could mean yuan or
fen, and a payout computed from a guess is a payout to correct by hand.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ...domain.events import ORDER_KINDS, Kind
from .values import FieldError, shown

MAX_FEN = 2**63 - 1
_DIGITS = re.compile(r"[0-9]{1,19}")  # more digits cannot be a real amount, and int() would balk
_YUAN = re.compile(r"[0-9]+(\.[0-9]+)?")
_MAX_YUAN = Decimal(MAX_FEN) / 100
_ORDERS = ", ".join(sorted(ORDER_KINDS))


def amount_fen(record: dict[str, Any], kind: Kind) -> int | None:
    fen, yuan = record.get("amount_fen"), record.get("amount_yuan")
    fen = None if fen == "" else fen
    yuan = None if yuan == "" else yuan
    if fen is None and yuan is None:
        return None
    field = "amount_fen" if fen is not None else "amount_yuan"
    if yuan is not None and fen is not None:
        raise FieldError(field, "and amount_yuan are both given; give the amount once")
    if kind not in ORDER_KINDS:
        raise FieldError(field, f"is given on a {kind}; only orders carry an amount ({_ORDERS})")
    return _whole_fen(fen) if fen is not None else _yuan_in_fen(yuan)


def _whole_fen(raw: Any) -> int:
    if isinstance(raw, str) and _DIGITS.fullmatch(raw.strip()):
        raw = int(raw)
    if isinstance(raw, int) and not isinstance(raw, bool) and 0 <= raw <= MAX_FEN:
        return raw
    raise FieldError(
        "amount_fen",
        f"{shown(raw)} is not a whole number of fen; amount_fen is digits only, in fen (1 yuan = 100 fen), "
        "e.g. 500000 for ¥5,000 (or give amount_yuan, e.g. 5000.00)",
    )


def _yuan_in_fen(raw: Any) -> int:
    value: Decimal | None = None
    if isinstance(raw, str) and _YUAN.fullmatch(raw.strip()):
        value = Decimal(raw.strip())
    elif isinstance(raw, int | Decimal) and not isinstance(raw, bool) and raw >= 0:
        value = Decimal(raw)
    if value is None or value > _MAX_YUAN:
        raise FieldError(
            "amount_yuan",
            f"{shown(raw)} is not an amount in yuan; expected digits with at most two decimals, "
            "no currency sign and no thousands separator, e.g. 5000.00 for ¥5,000",
        )
    fen = _exact_fen(value)
    if fen is None:
        raise FieldError("amount_yuan", f"{shown(raw)} is finer than one fen (0.01 yuan)")
    return fen


def _exact_fen(yuan: Decimal) -> int | None:
    """Yuan times 100 when that is whole, worked on the digits: Decimal arithmetic rounds to 28."""
    _, digits, exponent = yuan.as_tuple()
    assert isinstance(exponent, int)  # finite: JSON and the pattern above have no NaN or Infinity
    coefficient = int("".join(map(str, digits)))
    shift = exponent + 2
    if shift >= 0 or coefficient == 0:
        scale: int = 10 ** max(shift, 0)
        return coefficient * scale
    if -shift > len(digits):
        return None
    whole, rest = divmod(coefficient, 10**-shift)
    return None if rest else whole
