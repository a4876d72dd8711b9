#!/usr/bin/env python3
"""Counts the public declarations an embedder reaches with `import Guideline` (the Guideline module and the
modules it re-exports), from the symbol graphs `swift package dump-symbol-graph` writes, and fails when there
are more than the limit or any lacks a `///` summary. Synthesized members (no source location) do not count.

Usage: swift package dump-symbol-graph --minimum-access-level public && Tests/PublicSurface/check.py [--list]
"""
import glob, json, os, sys

LIMIT = 250
MODULES = ["Guideline", "GuidelineDiagnostics", "GuidelineYAML", "GuidelineExpression", "GuidelineCompiler", "GuidelineEngine"]

root = os.path.join(os.path.dirname(__file__), "..", "..")
graphs = glob.glob(os.path.join(root, ".build", "*", "symbolgraph"))
if not graphs:
    sys.exit("public surface: no symbol graphs: run `swift package dump-symbol-graph --minimum-access-level public` first")
seen, undocumented, per_module = set(), [], {}
for module in MODULES:
    count = 0
    for path in glob.glob(os.path.join(graphs[0], module + ".symbols.json")) + glob.glob(os.path.join(graphs[0], module + "@*.symbols.json")):
        for symbol in json.load(open(path))["symbols"]:
            location = symbol.get("location", {}).get("uri", "")
            if symbol["accessLevel"] != "public" or "/Sources/" not in location:
                continue
            key = symbol["identifier"]["precise"]
            if key in seen:
                continue
            seen.add(key)
            count += 1
            name = ".".join(symbol["pathComponents"])
            if not symbol.get("docComment"):
                undocumented.append(f"{location.split('/Sources/')[1]}:{symbol['location']['position']['line'] + 1}: {name}")
            if "--list" in sys.argv:
                print(f"{module}: {name}")
    per_module[module] = count
total = sum(per_module.values())
print("public surface: " + ", ".join(f"{m} {n}" for m, n in per_module.items()) + f"; {total} in all (limit {LIMIT})")
for line in undocumented:
    print(f"Sources/{line}: error: public declaration without a /// summary")
if total > LIMIT or undocumented:
    sys.exit(1)
