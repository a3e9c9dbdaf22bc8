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

# Where a publication or reference date came from.
DATE_SOURCES: tuple[str, ...] = (
    "sidecar",
    "dateline",
    "published_line",
    "byline",
    "comments_upper_bound",
    "body_lower_bound",
    "user",
    "html_metadata",
)

# Outcome of a run (runs.status).
RUN_STATUSES: tuple[str, ...] = ("published",)
