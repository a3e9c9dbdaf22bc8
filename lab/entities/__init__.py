"""Scoring for chronicle.entities."""
