"""Code lists shared by the table models: every coded column is checked with ``isin``."""

# Why an input file did not become a document (rejects.reason).
REJECT_REASONS: dict[str, str] = {
    "empty": "the file is empty or holds only whitespace",
    "binary": "the file is binary (NUL bytes, a binary signature, or mostly control characters)",
    "undecodable": "no text encoding decodes the bytes cleanly",
    "too_large": "the file is larger than the configured size limit",
    "unreadable": "the file, or a folder that holds it, could not be read (permissions, I/O "
    "error, vanished during the run); a folder that cannot be listed is one reject",
    "not_a_file": "a FIFO, socket, device or link to a folder: only regular files are read",
    "broken_link": "a symbolic link that points at nothing or loops",
    "link_outside_raw": "a symbolic link to a file outside the raw folder, which is not read",
    "duplicate": "byte-identical to another raw file (related_path), which is kept",
    "invalid_sidecar": "a <name>.meta.json sidecar that is not valid JSON, is over 1 MB or has "
    "invalid fields; the page is still ingested with the valid fields",
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

# Why a line got its label (segments.reason), grouped by the label they go with.
SEGMENT_REASONS: tuple[str, ...] = (
    # body / heading
    "content_model",  # the line model scores it as article text inside the main block
    "content_outside_block",  # very confident prose outside the main block (split article)
    "html_main_content",  # HTML input: trafilatura's main content
    "inline_heading",  # short line between article paragraphs
    "list_item",  # item of a list announced by a heading or a line ending in ":"
    # metadata
    "title_repeated",  # headline that also appears as the page title / elsewhere
    "title_header",  # best headline candidate above the article
    "byline_prefix",  # "By ..." line
    "author_line",  # bare person name next to the title/date or after the article
    "dateline",  # a date-only line near the title
    "published_line",  # "Published ..." / "Posted on ..." line
    "section_label",  # category label near the title
    "caption_credit",  # image caption or photo credit
    # comments
    "comment_header",  # "Name  Month D, YYYY at H:MM am"
    "comment_text",  # text under a comment header
    # boilerplate: widget lexicon families
    "share_widget",
    "follow_widget",
    "newsletter_prompt",
    "account_link",
    "cookie_privacy",
    "copyright_line",
    "comment_widget",
    "related_list",
    "donation_appeal",
    "mobile_link",
    "advertisement",
    "navigation",
    # boilerplate: structural
    "site_template",  # line seen on many pages of the same site (SiteLineStats)
    "related_item",  # entry of a related-articles list
    "outside_main_block",  # outside the article block and not confidently prose
    "short_nav_line",  # short line inside the block that is not a heading
    "low_content_score",  # longer line the model rejects
    "empty_token_line",  # line without any word character (separators, bullets)
    # builds run without article extraction (Settings.stages)
    "not_classified",
)

# Precision of a partial calendar date stored as its first day.
DATE_PRECISIONS: tuple[str, ...] = ("year", "month", "day")

# Calendar precision of an event's date (events.date_precision), from its TIMEX3 value.
EVENT_DATE_PRECISIONS: tuple[str, ...] = (
    "day", "week", "month", "season", "quarter", "half", "year", "decade", "century",
)  # fmt: skip

# How an event's date was found (events.date_basis): an expression that governs the
# trigger; the time of its sentence (a clause above it, or a free expression); of its
# paragraph (the sentence before); the story's day (narrative continuity); another
# event's that this one is tied to ("injured in the 1998 bombing"); a landmark's.
EVENT_DATE_BASES: tuple[str, ...] = (
    "expression", "sentence", "paragraph", "narrative", "anchored", "landmark",
)  # fmt: skip

# How exactly a reference date is known: the calendar period its interval fits in
# (a stated date keeps its own precision), "week" (an interval of at most 7 days) or
# "approximate" (one bound only, or an interval wider than those).
REFERENCE_DATE_PRECISIONS: tuple[str, ...] = (*DATE_PRECISIONS, "week", "approximate")

# Where a publication or reference date came from.
DATE_SOURCES: tuple[str, ...] = (
    "sidecar",
    "dateline",
    "published_line",
    "byline",
    "html_metadata",
    "user",  # chronicle extract --reference-date
    "fetched_at",  # the scraper fetched the page after it was published: an upper bound
    "earliest_comment",  # readers comment after publication: an upper bound
    "latest_body_date",  # the latest full date the article reports: a lower bound
    "body_year",  # the start of the latest year the article reports: a lower bound
    "landmark",  # a yearless day naming a landmark the corpus (or seed) dates: a lower bound
    "duration_since",  # stretches since landmarks that agree ("the past 22 months"): both
    "weekday_date",  # a weekday with a day ("Sunday [December 10]") fixes the year
    "constraints",  # an upper bound (fetch, comments) with lower bounds from the text
)

# TIMEX3 types and modifiers (timexes.type, timexes.mod).
TIMEX_TYPES: tuple[str, ...] = ("DATE", "TIME", "DURATION", "SET")
TIMEX_MODS: tuple[str, ...] = (
    "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN",
    "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END", "APPROX",
)  # fmt: skip

# Outcome of a run (runs.status).
RUN_STATUSES: tuple[str, ...] = ("published",)
