"""Publication dates: parse header values and find a dateline near an article's top."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from functools import lru_cache

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+"
_TIME = r"(?:\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*(?:GMT|UTC|[A-Z]{2,4}|[+-]\d{2}:?\d{2}))?)"
_DATE = (rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
         rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
         r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)")
#: A line that holds nothing but a date (and maybe a time): a dateline.
DATELINE = re.compile(
    rf"^(?:(?:Published|Updated|Posted|Last updated|Date)\s*(?::|on)?\s*)?(?:{_WEEKDAY})?{_DATE}"
    rf"(?:(?:,|\s+at|\s*[-|·•])?\s*{_TIME})?\.?$",
    re.IGNORECASE,
)


def as_utc_aware(value: datetime) -> datetime:
    """Naive datetimes are taken as UTC; aware ones keep their zone."""
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value


@lru_cache(maxsize=4096)
def parse_datetime(text: str | None) -> datetime | None:
    """A timezone-aware datetime from an ISO string or a human date, or None."""
    if not text or not str(text).strip():
        return None
    value = str(text).strip()
    try:
        return as_utc_aware(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        pass
    cleaned = re.sub(r"^(?:Published|Updated|Posted|Last updated|Date)\s*(?::|on)?\s*", "", value,
                     flags=re.IGNORECASE)
    cleaned = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", cleaned)
    import dateparser  # slow to import; only needed for human-written dates

    parsed = dateparser.parse(
        cleaned,
        languages=["en"],
        settings={"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first",
                  "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    return as_utc_aware(parsed) if parsed else None


def parse_dateline(line: str) -> datetime | None:
    """The date on a dateline such as ``02 March, 2020`` or ``5 Mar, 2020 11:15``; else None."""
    stripped = line.strip()
    if len(stripped) > 60 or not DATELINE.match(stripped):
        return None
    return parse_datetime(stripped)
