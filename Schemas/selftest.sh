#!/bin/sh
# Self-test of the schemas: valid fixtures pass, malformed ones are all rejected, README examples pass.
# Run from the repository root: sh Schemas/selftest.sh
set -e
V="python3 Schemas/validate.py"
$V --auto Tests/Fixtures/valid
$V case Tests/Fixtures/cases/valid-*
$V result Tests/Fixtures/results/valid-*.json
$V --auto --expect-invalid -q Tests/Fixtures/malformed
$V --expect-invalid -q case Tests/Fixtures/cases/invalid-*
$V --expect-invalid -q result Tests/Fixtures/results/invalid-*.json
# the YAML examples of the README and the DocC articles, each extracted to a file named so that --auto picks the right schema
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" <<'PY'
import os, re, sys
out = sys.argv[1]
import glob
texts = [open(path).read() for path in ["README.md"] + sorted(glob.glob("Sources/*/*.docc/*.md"))]
for i, block in enumerate(re.findall(r"```yaml\n(.*?)```", "\n".join(texts), re.S)):
    first = block.lstrip().split(":")[0]
    sub, name = {"ruleset": ("manifest", "ruleset.yaml"), "tests": ("tests", "t%d.yaml" % i),
                 "case": ("examples", "c%d.yaml" % i)}.get(first, ("rules", "r%d.yaml" % i))
    os.makedirs(os.path.join(out, sub), exist_ok=True)
    open(os.path.join(out, sub, name), "w").write(block)
PY
$V --auto "$tmp"
echo "selftest: ok"
