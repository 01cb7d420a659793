"""The web dashboard: a FastAPI app whose pages render server-side templates (see `app.py`)."""
