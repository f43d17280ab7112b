"""YAML in and out: a safe loader that keeps line numbers and refuses duplicate
keys, and the one canonical writer every file goes through."""

from dataclasses import dataclass

import yaml

from generator.paper import FIELD_ORDER


@dataclass(frozen=True)
class YamlError(Exception):
    line: int
    field: str
    message: str


def _without_timestamps(resolvers: dict) -> dict:
    """Implicit resolvers minus timestamps: `2024-09-27` stays a string, so a
    bad date is a validation error with a line number, not a crash."""
    return {
        first: [(tag, regexp) for tag, regexp in entries if tag != "tag:yaml.org,2002:timestamp"]
        for first, entries in resolvers.items()
    }


# libyaml's parser where PyYAML was built with it (it is ~10x faster), else Python's.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_SafeBase):
    yaml_implicit_resolvers = _without_timestamps(yaml.SafeLoader.yaml_implicit_resolvers)

    def construct_mapping(self, node, deep=False):
        seen: dict = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise YamlError(key_node.start_mark.line + 1, str(key),
                                f"duplicate key (first at line {seen[key]})")
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=True)


class _CanonicalDumper(yaml.SafeDumper):
    yaml_implicit_resolvers = _without_timestamps(yaml.SafeDumper.yaml_implicit_resolvers)

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)  # indent list items under their key


def load_mapping(text: str) -> tuple[dict, dict[str, int]]:
    """Parse one YAML document that must be a mapping; return it with the line
    of each top-level key and of each list item (`tags[0]`). Raise YamlError
    with a line number on anything else."""
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise YamlError(1, "-", "the file is empty; expected a mapping of fields")
        if not isinstance(node, yaml.MappingNode):
            raise YamlError(node.start_mark.line + 1, "-", "expected a mapping of fields at the top level")
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise YamlError(mark.line + 1 if mark else 1, "-", f"invalid YAML: {error.problem or error}") from None
    finally:
        loader.dispose()
    lines = {}
    for key, value in node.value:
        lines[str(key.value)] = key.start_mark.line + 1
        if isinstance(value, yaml.SequenceNode):
            lines.update({f"{key.value}[{index}]": item.start_mark.line + 1 for index, item in enumerate(value.value)})
    return data, lines


def dump_mapping(data: dict, order: tuple[str, ...] = FIELD_ORDER) -> str:
    """The canonical text of a record: known keys in contract order, any others
    after them sorted, empty values left out, block style, UTF-8."""
    ordered = {key: data[key] for key in order if _present(data.get(key))}
    ordered.update({key: data[key] for key in sorted(data, key=str) if key not in ordered and _present(data[key])})
    return yaml.dump(ordered, Dumper=_CanonicalDumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=88)


def dump_document(data) -> str:
    """Plain block-style YAML for manifests and vocabularies."""
    return yaml.dump(data, Dumper=_CanonicalDumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=88)


def _present(value) -> bool:
    return value is not None and value != [] and value != ()
