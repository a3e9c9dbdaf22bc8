"""Chronicle: scraped news pages -> a validated dataset of entities and dated events."""

__version__ = "0.1.0"
