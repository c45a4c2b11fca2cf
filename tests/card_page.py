"""The numbers a report card shows, read back from its HTML (or a browser's DOM)."""
from __future__ import annotations

import re

ROW = re.compile(r'<tr [^>]*data-exercise="([^"]+)".*?<td class="ck-points"[^>]*>([\d.]+) / ([\d.]+)</td>',
                 re.S)
TOTAL = re.compile(r'id="ck-total"[^>]*>([\d.]+) / ([\d.]+)<')


def card_numbers(html: str) -> dict:
    """{exercise: (earned, possible)} per row of the summary, and "TOTAL": (earned, possible)."""
    numbers = {ex: (float(a), float(b)) for ex, a, b in ROW.findall(html)}
    total = TOTAL.search(html)
    if total:
        numbers["TOTAL"] = (float(total.group(1)), float(total.group(2)))
    return numbers
