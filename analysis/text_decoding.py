"""Bytes to text when nobody said the encoding, and the cap on how much text a file may decode to.

Document and table readers both start here: a file's encoding is guessed in an order that
rarely guesses wrong, binary data is refused with a message saying so, and the message for
text past its cap is one wording whether a PDF, a page or a table overflowed.
"""

from __future__ import annotations

from analysis.problems import LoadError

DEFAULT_MAX_CHARS = 50_000_000  # the loader passes its byte cap: decoded text is capped as the file is


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode text whose encoding nobody told us.

    Order matters: a byte-order mark is authoritative; strict UTF-8 almost never
    succeeds by accident; Windows-1252 covers most legacy Western files;
    charset-normalizer is the last resort for the rest.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
        except UnicodeDecodeError:
            data = data[3:]  # a UTF-8 mark over bytes that are not UTF-8: try the other decodings
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise LoadError(f"has a UTF-16 byte-order mark but is not valid UTF-16 ({exc.reason})") from exc
    if b"\x00" in data[:65536]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        raise LoadError("looks like a binary file (it contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        if looks_like_text(text):
            return text, "cp1252"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and looks_like_text(str(best)):
        return str(best), best.encoding
    raise LoadError("could not be decoded as text (tried UTF-8, UTF-16, Windows-1252 and charset detection)")


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without a byte-order mark (some Windows tools do), told from binary data.

    In UTF-16 text that is mostly Latin script every other byte is NUL, on the odd
    positions (little-endian) or the even ones (big-endian); binary data has NULs
    anywhere. The decoding must then be strict and read as text.
    """
    sample = data[:8192]
    half = len(sample) // 2
    if half < 2 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 0.3 * half and even < 0.02 * half:
        encoding = "utf-16-le"
    elif even > 0.3 * half and odd < 0.02 * half:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return (text, f"{encoding} without a byte-order mark") if looks_like_text(text) else None


def looks_like_text(text: str) -> bool:
    """Reject decodings that are mostly control characters (binary data)."""
    if not text:
        return True
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / len(text) < 0.01


def too_much_text(chars: int, max_chars: int, what: str) -> str:
    return (
        f"expands to {chars / 1e6:.1f} million characters of text, over the {max_chars / 1e6:.0f} million "
        f"limit for {what} (the file-size limit applies to the decoded text too)"
    )
