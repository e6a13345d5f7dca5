"""Text from a server made safe for the reports and the terminal it is written to.

A server's body or header ends up in junit.xml, report.md, the GitHub job summary and
stderr. Three ways it could break out, each closed here once for every writer:
- a control character (NUL, ESC, a lone surrogate) is not allowed in XML 1.0, so one makes
  junit.xml unreadable and CI drops the whole report; on a terminal, ESC starts a sequence
  that can rewrite what the user sees. They are shown as escapes (`\\x1b`), never written;
- a run of backticks in a body closes the report's code fence, and what follows is then read
  as Markdown, raw HTML included (`<img src=x onerror=...>`). A fence is made longer than any
  run of backticks inside it (CommonMark's rule);
- outside fences (table cells, headings), `<`, `>` and `&` become entities and `|` and line
  ends cannot split a row.
"""

from __future__ import annotations

import re

# C0 controls but tab and line feed, DEL, C1 controls, surrogates and the two non-characters
# XML 1.0 forbids; each is shown as a Python-style escape.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BACKTICKS = re.compile("`+")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control character but tab and line feed shown as an escape: safe in
    XML 1.0 and on a terminal."""
    return _UNSAFE.sub(_escape, text)


def md_inline(text: str) -> str:
    """`text` for a Markdown table cell or heading: one line, no HTML, no cell break."""
    text = printable(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|").replace("\n", " ")


def md_fenced(text: str, info: str = "") -> str:
    """`text` as a fenced code block that nothing inside it can close."""
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{printable(text)}\n{fence}"
