"""Scoring for chronicle.timex."""
