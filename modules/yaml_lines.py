"""YAML that remembers where each key and item is written, so every problem can name its line."""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

# libyaml's parser also gives marks and is several times faster; pure Python when it is missing.
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict[Any, Any]):
    """A mapping with the line of its first key, of every key, and of keys written twice."""

    line: int
    key_lines: dict[Any, int]
    duplicates: list[tuple[Any, int]]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A sequence with its own line and the line of every item."""

    line: int
    item_lines: list[int]

    def line_at(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _Loader(_Base):  # type: ignore[misc, valid-type]
    offset = 0  # lines above the text (front matter starts below its '---' line)

    def line(self, node: Node) -> int:
        return node.start_mark.line + 1 + self.offset


def _mapping(loader: _Loader, node: MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line, result.key_lines, result.duplicates = loader.line(node), {}, []
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result.key_lines:
            result.duplicates.append((key, loader.line(key_node)))
        else:
            result.key_lines[key] = loader.line(key_node)
        result[key] = loader.construct_object(value_node, deep=True)
    return result


def _sequence(loader: _Loader, node: SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = loader.line(node)
    result.item_lines = [loader.line(child) for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def load(text: str, offset: int = 0) -> Any:
    """Parse YAML into LineDict / LineList; raises yaml.YAMLError, with a mark, on bad input."""
    loader = _Loader(text)
    loader.offset = offset
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def load_plain(text: str) -> Any:
    """Parse YAML into plain dicts and lists: for content already checked."""
    return yaml.load(text, Loader=_Base)  # noqa: S506 (a safe loader)


def error_line(error: yaml.YAMLError, offset: int = 0) -> int:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    return (mark.line + 1 if mark else 1) + offset


def error_text(error: yaml.YAMLError) -> str:
    return getattr(error, "problem", None) or "not valid YAML"


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter, body, line where the body starts); None when there is no front matter."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return None, text, 1
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), i + 2
    return None, text, 1
