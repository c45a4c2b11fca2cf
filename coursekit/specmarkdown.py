"""An exercise's docstring spec (reST-like plain text) as Markdown for its notebook cell.

What the specs use, and what it becomes: a title underlined with ``---`` (or ``===``,
``~~~``) becomes a heading; ````code```` becomes ```code```; ``**bold**`` and ``*emphasis*``
stay; a paragraph ending in ``::`` introduces the block below it indented further than its
text (a list item's text too), which becomes a fenced block; bullet (``-``) and numbered
lists stay lists. Any other character Markdown would read as markup (``*``, ``_``, ``<``, a
backslash, ...) is escaped.
"""
from __future__ import annotations

import re

UNDERLINE = re.compile(r"^([-=~^\"'`#*+])\1{2,}\s*$")
CODE = re.compile(r"``(.+?)``")
WRAPPED_CODE = re.compile(r"``((?:(?!\n\s*\n).)+?)``", re.S)  # a code span across lines
LIST_ITEM = re.compile(r"^(\s*)([-+*]|\d+[.)])(\s+)(.*)$")
STRONG = re.compile(r"\\\*\\\*(\S(?:.*?\S)?)\\\*\\\*")
EMPHASIS = re.compile(r"(?<![\w\\])\\\*(\S(?:[^*]*?\S)?)\\\*(?!\w)")
SPECIAL = re.compile(r"([\\`*_<\[\]|~$])")  # and # or > opening a line


def _code(text: str) -> str:
    ticks = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _text(text: str) -> str:
    """Escape Markdown's markup characters, then restore reST's bold and emphasis."""
    text = SPECIAL.sub(r"\\\1", text)
    text = STRONG.sub(r"**\1**", text)
    return EMPHASIS.sub(lambda m: f"*{m.group(1).replace(chr(92) + '*', '*')}*", text)


def inline(line: str) -> str:
    """One line of running text: code spans, bold, emphasis; everything else literal."""
    parts, last = [], 0
    for m in CODE.finditer(line):
        parts += [_text(line[last:m.start()]), _code(m.group(1))]
        last = m.end()
    parts.append(_text(line[last:]))
    return "".join(parts)


def _line(line: str) -> str:
    item = LIST_ITEM.match(line)
    if item:
        indent, marker, space, rest = item.groups()
        return f"{indent}{marker}{space}{inline(rest)}"
    text = inline(line)
    body = text.lstrip()
    return text[: len(text) - len(body)] + "\\" + body if body[:1] in ("#", ">") else text


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _text_column(lines: list[str], i: int) -> int:
    """Where the text of line ``i``'s paragraph starts: a literal block after ``::`` is
    what is indented further (in a list item, further than the item's text)."""
    for line in reversed(lines[: i + 1]):
        if not line.strip():
            break
        item = LIST_ITEM.match(line)
        if item:
            return sum(len(part) for part in item.groups()[:3])
    return _indent(lines[i])


def spec_markdown(doc: str) -> str:
    doc = WRAPPED_CODE.sub(lambda m: "``" + re.sub(r"\s*\n\s*", " ", m.group(1)) + "``", doc)
    lines = doc.expandtabs().splitlines()
    out: list[str] = []
    levels: list[str] = []  # underline characters in the order they appear: ###, ####, ...
    i = 0
    while i < len(lines):
        line = lines[i]
        below = lines[i + 1] if i + 1 < len(lines) else ""
        if line.strip() and UNDERLINE.match(below) and len(below.strip()) >= len(line.strip()):
            char = below.strip()[0]
            if char not in levels:
                levels.append(char)
            out += ["", "#" * min(3 + levels.index(char), 6) + " " + inline(line.strip()), ""]
            i += 2
            continue
        if line.rstrip().endswith("::"):
            head = line.rstrip()[:-2].rstrip()
            if head:
                out.append(_line(head + ":"))
            base = _text_column(lines, i)
            i += 1
            block = []
            while i < len(lines) and (not lines[i].strip() or _indent(lines[i]) > base):
                block.append(lines[i])
                i += 1
            while block and not block[-1].strip():
                block.pop()
            while block and not block[0].strip():
                block.pop(0)
            indent = min((len(b) - len(b.lstrip()) for b in block if b.strip()), default=0)
            out += ["", "```text", *[b[indent:] if b.strip() else "" for b in block], "```", ""]
            continue
        out.append(_line(line) if line.strip() else "")
        i += 1
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
