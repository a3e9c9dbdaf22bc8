"""Scoring for chronicle.events."""
