"""Moved to :mod:`careerlib._jsonl` (the client's assessments journal, at layer 1, uses it too)."""

from careerlib._jsonl import append_record, read_models, read_records

__all__ = ["append_record", "read_models", "read_records"]
