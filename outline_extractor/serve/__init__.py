"""The optional HTTP API and web page: `pip install 'outline-extractor[serve]'`.

FastAPI and uvicorn are imported by `app.py` and `server.py` only, so the core never needs them.
"""
