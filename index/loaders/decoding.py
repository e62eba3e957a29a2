"""Bytes to text: refuse what is not text, decode what is (UTF-8, BOMs, legacy encodings)."""

from __future__ import annotations

import codecs
import re

_MAGIC = {
    b"%PDF": "a PDF document", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image", b"PK\x03\x04": "a ZIP archive (or Office document)", b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable", b"SQLite format 3": "an SQLite database",
}
_BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")


class UnreadableFile(ValueError):
    """The file is not something we can read as an article; the message says why."""


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    return bool(sample) and len(_CONTROL.findall(sample)) > max(2, len(sample) // 100)


def decode_text(data: bytes) -> str:
    """The text in ``data``, or :class:`UnreadableFile` naming why not."""
    if not data.strip():
        raise UnreadableFile("empty file")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise UnreadableFile(f"binary file ({what})")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as err:
                raise UnreadableFile(f"invalid {encoding} text ({err.reason} at byte {err.start})") from None
            break
    else:
        if b"\x00" in data[:8192]:
            raise UnreadableFile("binary file (contains NUL bytes)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_legacy(data)
    if _looks_binary(text):
        raise UnreadableFile("binary file (mostly control characters)")
    if not text.strip():
        raise UnreadableFile("empty file")
    return text


def _decode_legacy(data: bytes) -> str:
    """Text in a legacy encoding, as charset-normalizer judges it; Western European (cp1252/latin-1),
    the commonest legacy encoding of news text, wins whenever it reads about as cleanly as the best."""
    from charset_normalizer import from_bytes

    try:
        western_text = data.decode("cp1252")
    except UnicodeDecodeError:
        western_text = None
    if western_text is not None:
        letters = [ch for ch in western_text if ch.isalpha()]
        accented = sum(1 for ch in letters if ord(ch) > 127)
        if letters and accented / len(letters) < 0.3:  # a few accents in mostly plain words: Western text
            return western_text
    matches = list(from_bytes(data))
    if not matches:
        raise UnreadableFile("not UTF-8 and no other text encoding fits")
    best = min(matches, key=lambda m: m.chaos)
    western = [m for m in matches if m.encoding in ("cp1252", "latin_1", "iso8859_15") and m.chaos <= best.chaos + 0.1]
    chosen = western[0] if western else best
    if chosen.chaos > 0.2:
        raise UnreadableFile("not UTF-8 and no other text encoding fits")
    return str(chosen)
