#!/usr/bin/env python3
"""Validate guideline YAML/JSON files against the JSON Schemas in this directory.

    python3 Schemas/validate.py SCHEMA FILE_OR_DIR...           # validate against one schema
    python3 Schemas/validate.py --auto FILE_OR_DIR...           # choose the schema by file name/location
    python3 Schemas/validate.py --expect-invalid SCHEMA FILE...  # succeed only if every file is rejected

SCHEMA is a path to a schema file or a short name: ruleset, rule-file, tests, case, result.
Directories are searched recursively for *.yaml, *.yml and *.json.

--auto: `ruleset.yaml` -> ruleset schema; files under a `tests/` directory -> tests schema; files under
`examples/` or `cases/` -> case schema; other .yaml/.yml files -> rule-file schema.

YAML is read the way the guideline loader reads it (YAML 1.2 core schema, stricter about numbers):
only `true`/`false` are booleans (`yes`, `no`, `on`, `off`, `True` are strings); integers are
`-?(0|[1-9][0-9]*)`, decimals `-?(0|[1-9][0-9]*).[0-9]+` (so `08`, `1e3`, `0x1F`, `.5` are strings);
`~`, `null` and empty are null; there are no timestamps (`2025-12-29` is a string). Duplicate keys are
errors.

Output: one line per error, `file: path/in/instance: message (line N)`. Exit status 0 when every file is
valid (or, with --expect-invalid, when every file is rejected), 1 otherwise, 2 on usage errors.
Needs PyYAML and jsonschema >= 4.18 (the `referencing` package).
"""

import argparse
import difflib
import json
import os
import re
import sys

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

SCHEMA_DIR = os.path.dirname(os.path.abspath(__file__))
SHORT_NAMES = {
    "ruleset": "ruleset.schema.json",
    "rule-file": "rule-file.schema.json",
    "rules": "rule-file.schema.json",
    "tests": "tests.schema.json",
    "case": "case.schema.json",
    "result": "result.schema.json",
}


# ---------------------------------------------------------------------------------------------------
# YAML 1.2 (core schema, strict numbers) loader


class DuplicateKeyError(yaml.MarkedYAMLError):
    pass


class GuidelineLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-schema implicit typing (stricter about numbers)."""


# Replace PyYAML's YAML 1.1 resolvers (yes/no/on/off booleans, sexagesimal, octal 010, timestamps, ...).
GuidelineLoader.yaml_implicit_resolvers = {}
GuidelineLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
GuidelineLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^-?(?:0|[1-9][0-9]*)$"), list("-0123456789"))
GuidelineLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float", re.compile(r"^-?(?:0|[1-9][0-9]*)\.[0-9]+$"), list("-0123456789"))
GuidelineLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|)$"), ["~", "n", ""])


def _construct_bool(loader, node):
    return loader.construct_scalar(node) == "true"


def _construct_int(loader, node):
    return int(loader.construct_scalar(node))


def _construct_float(loader, node):
    return float(loader.construct_scalar(node))


def _key_string(key):
    """JSON object keys are strings: `true: 2` is the key "true", `1: x` the key "1"."""
    if isinstance(key, str):
        return key
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    return str(key)


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    result = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", node.start_mark,
                "found an unhashable key (a list or mapping)", key_node.start_mark)
        key = _key_string(key)
        if key in result:
            raise DuplicateKeyError(
                "while constructing a mapping", node.start_mark,
                "found duplicate key %r" % key, key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
    return result


GuidelineLoader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)
GuidelineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
GuidelineLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
GuidelineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def _line_map(node, path=(), lines=None):
    """Instance path (tuple of str/int) -> 1-based line, from the composed YAML node tree."""
    if lines is None:
        lines = {}
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is not None:
                if key_node.tag == "tag:yaml.org,2002:bool":
                    key = "true" if key == "true" else "false"
                lines.setdefault(path + (key,), value_node.start_mark.line + 1)
                _line_map(value_node, path + (key,), lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _line_map(item, path + (i,), lines)
    return lines


# The guideline loader's node limit: aliases count every node they repeat, so an alias bomb fails fast here
# too instead of expanding (PyYAML shares aliased nodes, but walking the data repeats them).
MAX_NODES = 100000


def _expanded_size(node, sizes):
    """The number of nodes `node` stands for, every alias expanded (memoized by node identity)."""
    key = id(node)
    if key not in sizes:
        sizes[key] = 1  # a node inside itself (a recursive alias) counts once
        if isinstance(node, yaml.SequenceNode):
            children = node.value
        elif isinstance(node, yaml.MappingNode):
            children = [child for pair in node.value for child in pair]
        else:
            children = []
        total = 1
        for child in children:
            total += _expanded_size(child, sizes)
            if total > MAX_NODES:
                break
        sizes[key] = total
    return sizes[key]


def load_yaml(text):
    """Returns (data, lines)."""
    loader = GuidelineLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        if _expanded_size(node, {}) > MAX_NODES:
            raise yaml.YAMLError("the file has more than %d nodes, the limit (each alias counts every node it repeats)" % MAX_NODES)
        lines = _line_map(node)
        data = loader.construct_document(node)
        return data, lines
    finally:
        loader.dispose()


def load_file(path):
    with open(path, "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8")
    if path.endswith(".json"):
        return json.loads(text), {}
    return load_yaml(text)


# ---------------------------------------------------------------------------------------------------
# Schemas


def build_registry():
    resources = []
    for name in sorted(os.listdir(SCHEMA_DIR)):
        if name.endswith(".schema.json"):
            with open(os.path.join(SCHEMA_DIR, name)) as f:
                contents = json.load(f)
            resource = Resource.from_contents(contents)
            uri = contents.get("$id", name)
            resources.append((uri, resource))
            # also reachable by file URI, for schemas that `$ref` a sibling by file name
            resources.append(("file://" + os.path.join(SCHEMA_DIR, name), resource))
            resources.append((name, resource))
    return Registry().with_resources(resources)


REGISTRY = None
VALIDATORS = {}


def validator_for(schema_path):
    global REGISTRY
    if REGISTRY is None:
        REGISTRY = build_registry()
    schema_path = os.path.abspath(schema_path)
    if schema_path not in VALIDATORS:
        with open(schema_path) as f:
            schema = json.load(f)
        Draft202012Validator.check_schema(schema)
        VALIDATORS[schema_path] = Draft202012Validator(schema, registry=REGISTRY)
    return VALIDATORS[schema_path]


def resolve_schema(arg):
    if arg in SHORT_NAMES:
        return os.path.join(SCHEMA_DIR, SHORT_NAMES[arg])
    if os.path.exists(arg):
        return arg
    candidate = os.path.join(SCHEMA_DIR, arg)
    if os.path.exists(candidate):
        return candidate
    raise SystemExit("validate.py: no schema %r (use a path or one of: %s)" % (arg, ", ".join(SHORT_NAMES)))


def auto_schema(path):
    """The schema for a file by its name and location, or None to skip it."""
    base = os.path.basename(path)
    if base == "ruleset.yaml" or base == "ruleset.yml":
        return os.path.join(SCHEMA_DIR, SHORT_NAMES["ruleset"])
    parts = os.path.normpath(os.path.abspath(path)).split(os.sep)[:-1]
    for part in reversed(parts):  # the nearest telling directory decides
        if part == "tests":
            return os.path.join(SCHEMA_DIR, SHORT_NAMES["tests"])
        if part in ("examples", "cases"):
            return os.path.join(SCHEMA_DIR, SHORT_NAMES["case"])
    if base.endswith((".yaml", ".yml")):
        return os.path.join(SCHEMA_DIR, SHORT_NAMES["rule-file"])
    return None


def expand(paths):
    out = []
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for name in sorted(files):
                    if name.endswith((".yaml", ".yml", ".json")):
                        out.append(os.path.join(root, name))
        else:
            out.append(p)
    return out


# ---------------------------------------------------------------------------------------------------
# Errors


def _format_path(path):
    return "/".join(str(p) for p in path) if path else "(root)"


def _leaf_errors(error):
    """For anyOf/oneOf, report the most relevant sub-errors instead of 'is not valid under any'."""
    if error.context and error.validator in ("anyOf", "oneOf"):
        from jsonschema.exceptions import best_match
        best = best_match(error.context)
        if best is not None and len(best.absolute_path) > len(error.absolute_path):
            return [best]
    return [error]


def _message(error):
    if error.schema is False or (error.validator == "not" and error.validator_value == {}):
        key = error.path[-1] if error.path else None
        why = error.schema.get("description") if isinstance(error.schema, dict) else None
        return "key %r is not allowed here%s" % (key, ": " + why if why else "")
    if error.validator in ("anyOf", "oneOf") and all(
            isinstance(s, dict) and list(s) == ["required"] for s in error.validator_value):
        keys = [k for s in error.validator_value for k in s["required"]]
        return "needs one of %s" % ", ".join(repr(k) for k in keys)
    if error.validator == "type":
        return "%s is not of type %s" % (_show(error.instance), json.dumps(error.validator_value))
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = list((error.schema.get("properties") or {}).keys())
        extras = [k for k in error.instance if k not in allowed]
        hints = []
        for k in extras:
            close = difflib.get_close_matches(str(k), allowed, n=1, cutoff=0.6)
            hints.append("%r%s" % (k, " (did you mean %r?)" % close[0] if close else ""))
        if extras:
            return "unknown key%s %s; allowed: %s" % (
                "s" if len(extras) > 1 else "", ", ".join(hints), ", ".join(allowed))
    if error.validator == "required":
        return error.message.replace("is a required property", "is required")
    desc = error.schema.get("description") if isinstance(error.schema, dict) else None
    if error.validator in ("anyOf", "oneOf", "pattern", "enum") and desc:
        return "%s is not valid here; expected: %s" % (_show(error.instance), desc)
    if error.validator in ("anyOf", "oneOf"):
        return "%s is not valid here" % _show(error.instance)
    return error.message


def _show(instance):
    try:
        text = json.dumps(instance, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(instance)
    return text if len(text) <= 80 else text[:77] + "..."


def validate_file(path, schema_path):
    """Returns a list of error lines (empty when valid)."""
    try:
        data, lines = load_file(path)
    except (yaml.YAMLError, ValueError, UnicodeDecodeError) as e:
        msg = " ".join(str(e).split())
        return ["%s: (load): %s" % (path, msg)]
    except RecursionError:
        return ["%s: (load): nesting too deep to read" % path]
    except OSError as e:
        return ["%s: (read): %s" % (path, e.strerror)]
    validator = validator_for(schema_path)
    out = []
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    for error in errors:
        for leaf in _leaf_errors(error):
            p = tuple(leaf.absolute_path)
            line = lines.get(p)
            while line is None and p:
                p = p[:-1]
                line = lines.get(p)
            suffix = " (line %d)" % line if line else ""
            out.append("%s: %s: %s%s" % (path, _format_path(leaf.absolute_path), _message(leaf), suffix))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description="Validate guideline YAML/JSON files against the JSON Schemas.")
    ap.add_argument("--auto", action="store_true", help="choose the schema by file name and location")
    ap.add_argument("--expect-invalid", action="store_true",
                    help="succeed only if every file is rejected; names files that were accepted")
    ap.add_argument("-q", "--quiet", action="store_true", help="with --expect-invalid: do not print the errors")
    ap.add_argument("args", nargs="+", metavar="SCHEMA FILE", help="schema (unless --auto), then files or directories")
    ns = ap.parse_args(argv)

    if ns.auto:
        schema_arg, paths = None, ns.args
    else:
        if len(ns.args) < 2:
            ap.error("need a SCHEMA and at least one FILE (or --auto FILE...)")
        schema_arg, paths = resolve_schema(ns.args[0]), ns.args[1:]

    files = expand(paths)
    if not files:
        ap.error("no files to validate")
    failed = accepted = total = 0
    for path in files:
        schema_path = auto_schema(path) if ns.auto else schema_arg
        if schema_path is None:
            print("%s: skipped (no schema for this file)" % path, file=sys.stderr)
            continue
        total += 1
        errors = validate_file(path, schema_path)
        if ns.expect_invalid:
            if errors:
                if not ns.quiet:
                    print(errors[0] + ("  [+%d more]" % (len(errors) - 1) if len(errors) > 1 else ""))
            else:
                accepted += 1
                print("%s: accepted by %s but expected invalid" % (path, os.path.basename(schema_path)))
        else:
            for line in errors:
                print(line)
            if errors:
                failed += 1
    if ns.expect_invalid:
        print("%d of %d files rejected as expected" % (total - accepted, total), file=sys.stderr)
        return 1 if accepted else 0
    print("%d of %d files valid" % (total - failed, total), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
