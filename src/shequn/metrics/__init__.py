"""Pure, columnar computations over the event log: every figure of docs/metrics.md.

Nothing here knows SQL or the web: functions take `EventColumns` (numpy arrays, one per field) and
settings, and return plain numbers and arrays. The store fills the columns (store/columns.py).
"""
