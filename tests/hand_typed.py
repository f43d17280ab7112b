"""A valid record written the way a person may type it, not in canonical form."""

import json
import re

DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def hand_typed(data: dict) -> str:
    """`data` (a record as read) with its fields in reverse order, lists in flow
    style, strings double-quoted, a trailing space after every value
    and CRLF line endings."""
    def value(item) -> str:
        if isinstance(item, list):
            return "[" + ", ".join(json.dumps(one) for one in item) + "]"
        return json.dumps(item) if isinstance(item, str) and not DATE.fullmatch(item) else str(item)
    return "".join(f"{key}: {value(item)} \r\n" for key, item in reversed(data.items()))
