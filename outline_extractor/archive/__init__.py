"""The archive side: many documents to JSONL records (batch), 【提纲】 headers written back (header)."""
