"""Tests of careerlib.charts: one file per chart module."""
