"""Code lists shared by the table models: every coded column is checked with ``isin``."""

# Why an input file did not become a document (rejects.reason).
REJECT_REASONS: dict[str, str] = {
    "empty": "the file is empty or holds only whitespace",
    "binary": "the file is binary (NUL bytes, a binary signature, or mostly control characters)",
    "undecodable": "no text encoding decodes the bytes cleanly",
    "too_large": "the file is larger than the configured size limit",
    "unreadable": "the file could not be read (permissions, I/O error, vanished during the run)",
    "duplicate": "byte-identical to another raw file (related_path), which is kept",
    "unsupported_format": "a file type this version does not process (e.g. HTML)",
    "invalid_sidecar": "a <name>.meta.json sidecar that is not valid JSON or has invalid fields; "
    "the page is still ingested with the valid fields",
    "orphan_sidecar": "a <name>.meta.json sidecar with no page beside it",
}

# What a line of a raw page is (segments.label).
SEGMENT_LABELS: tuple[str, ...] = (
    "title",
    "body",
    "heading",
    "byline",
    "dateline",
    "section",
    "caption",
    "comment",
    "boilerplate",
)

# Precision of a partial calendar date stored as its first day.
DATE_PRECISIONS: tuple[str, ...] = ("year", "month", "day")

# How exactly a reference date is known: a calendar precision, "week" (inferred
# within a week) or "approximate" (inferred from one bound or a wide gap).
REFERENCE_DATE_PRECISIONS: tuple[str, ...] = (*DATE_PRECISIONS, "week", "approximate")

# Where a publication or reference date came from.
DATE_SOURCES: tuple[str, ...] = (
    "sidecar",
    "dateline",
    "published_line",
    "byline",
    "html_metadata",
    "user",  # chronicle extract --reference-date
    "earliest_comment",  # readers comment after publication: an upper bound
    "latest_body_date",  # the latest full date the article mentions: a lower bound
    "comments_and_body_dates",  # both bounds
)

# TIMEX3 types and modifiers (timexes.type, timexes.mod).
TIMEX_TYPES: tuple[str, ...] = ("DATE", "TIME", "DURATION", "SET")
TIMEX_MODS: tuple[str, ...] = (
    "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN",
    "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END", "APPROX",
)  # fmt: skip

# Outcome of a run (runs.status).
RUN_STATUSES: tuple[str, ...] = ("published",)
