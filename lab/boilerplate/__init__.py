"""Scoring and training for chronicle.boilerplate."""
