#!/usr/bin/env python3
"""A cohort evaluated on Apache Spark (pyspark, local mode) equals the single-process batch, line for line.

The recipe of the Cohorts article (Sources/Guideline/Guideline.docc/Cohorts.md), run on generated cases:

1. `guideline-bench --generate N` writes N cases (JSONL, each with a case id); a few blank lines and a bad line
   are mixed in, so that line numbers and cases differ and an error line is among the results.
2. The single-process batch: `guideline evaluate --format jsonl FILE`, the reference.
3. Spark, `RDD.pipe`: the file's lines numbered (`zipWithIndex`), the blank ones dropped, each partition piped
   through one `guideline evaluate --format jsonl --jobs 1 -` process; each process writes a header line (dropped:
   every header equals the reference's), then one result line per case in order, so the partition's cases and
   results zip one to one; each result's `line` (the line within the partition's input) is set back to the
   file's line number.
4. Spark, `--shard`: one task per shard, each running `guideline evaluate --format jsonl --shard i/n FILE` on
   the whole file (line numbers stay the file's), headers dropped.

Both Spark outputs must equal the reference: the same header, and the same result line for every input line
(compared by line number through a digest of each line, so that the driver holds no result text), and, joined by
case id, the same result for every case id.

Usage: spark_batch.py --guideline PATH/TO/guideline --rules Rules/spine-metastases [--cases 100000]
Exit status 0 when every check passed, 1 otherwise (each failure printed).
"""

import argparse
import hashlib
import json
import os
import shutil
import re
import shlex
import subprocess
import sys
import tempfile
import time

FAILURES = []
CHECKS = 0


def check(condition, what):
    global CHECKS
    CHECKS += 1
    if not condition:
        FAILURES.append(what)
        print("FAIL: " + what, flush=True)


# A result line starts with its line number: `{"line":12,`.
LINE_FIELD = re.compile(r'^\{"line":(\d+),')
CASE_FIELD = re.compile(r'"case":("(?:[^"\\]|\\.)*")')


def digest(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_blank(line):
    """Blank as the engine reads it: nothing but spaces, tabs and carriage returns."""
    return line.strip(" \t\r") == ""


def keyed(line):
    """(line number, digest, case id or None) of one result line."""
    match = LINE_FIELD.match(line)
    number = int(match.group(1)) if match else -1
    case = CASE_FIELD.search(line)
    return number, digest(line), json.loads(case.group(1)) if case else None


def renumbered(result, number):
    """A piped result line with its `line` set to `number`, the file's line number.

    An error line (`{"line":K,"source":"<stdin>","errors":[...]}`) also names line K in each diagnostic (`line`,
    `endLine`)."""
    match = LINE_FIELD.match(result)
    if not match:
        raise RuntimeError("not a result line: " + result[:80])
    local = match.group(1)
    if result.startswith('{"line":%s,"source":' % local):
        return re.sub(r'"(line|endLine)":%s(?=[,}])' % local, r'"\1":%d' % number, result)
    return LINE_FIELD.sub('{"line":%d,' % number, result, count=1)


def restored(indices, lines):
    """One partition's engine output, the header line first, as ("header", line) and ("result", line) with each
    result's true line number; `indices` are the 0-based file indices of the partition's cases, in order."""
    lines = iter(lines)
    header = next(lines, "")
    if not header.startswith('{"header":'):
        raise RuntimeError("the engine wrote no header line (did it start?): " + header[:200])
    yield ("header", header)
    count = 0
    for line in lines:
        if count == len(indices):
            raise RuntimeError("more result lines than cases in the partition")
        yield ("result", renumbered(line, indices[count] + 1))
        count += 1
    if count != len(indices):
        raise RuntimeError("%d result lines for %d cases: the engine stopped early" % (count, len(indices)))


def pipe_batch(sc, path, command, partitions):
    """The recipe: the file's lines through one engine process per partition, as ("header", line) and
    ("result", line) with true line numbers."""
    numbered = sc.textFile(path, partitions).zipWithIndex().filter(lambda pair: not is_blank(pair[0])).cache()
    # Each partition's case indices, in order (8 bytes a case in the driver), for setting `line` back.
    indices = sc.broadcast(numbered.map(lambda pair: pair[1]).glom().collect())
    piped = numbered.map(lambda pair: pair[0]).pipe(shlex.join(command), checkCode=False)
    return piped.mapPartitionsWithIndex(lambda part, lines: restored(indices.value[part], lines))


def shard_lines(command, path, index, count):
    """The lines of shard index/count of the file, streamed from one engine process."""
    argv = command + ["--shard", "%d/%d" % (index, count), "-"]
    with open(path) as cases, subprocess.Popen(argv, stdin=cases, stdout=subprocess.PIPE, text=True) as process:
        for line in process.stdout:
            yield line.rstrip("\n")
    if process.returncode not in (0, 1):
        raise RuntimeError("shard %d/%d exited %d" % (index, count, process.returncode))


def tagged(item):
    """("header", line) as it is; ("result", line) as (line number, digest, case id)."""
    kind, line = item
    return item if kind == "header" else keyed(line)


def reference(guideline, rules, path):
    """The single-process batch: its header and {line number: (digest, case id)}."""
    # Standard input, as the piped processes read it: error lines name their source, `<stdin>`.
    with open(path) as cases, subprocess.Popen(
        [guideline, "evaluate", "--rules", rules, "--format", "jsonl", "-"], stdin=cases, stdout=subprocess.PIPE, text=True
    ) as process:
        header = process.stdout.readline().rstrip("\n")
        results = {}
        for line in process.stdout:
            number, line_digest, case = keyed(line.rstrip("\n"))
            results[number] = (line_digest, case)
    check(process.returncode == 1, "the single batch exits 1 (one bad line): %d" % process.returncode)
    return header, results


def compare(name, header, results, expected_header, expected):
    check(header == expected_header, name + ": the header line equals the single batch's")
    check(len(results) == len(expected), name + ": %d result lines, the single batch %d" % (len(results), len(expected)))
    by_line = dict((number, (line_digest, case)) for number, line_digest, case in results)
    check(len(by_line) == len(results), name + ": each line number once")
    differing = [number for number in expected if by_line.get(number) != expected[number]]
    check(not differing, name + ": every line equals the single batch's; first differing: %s" % differing[:5])
    cases = dict((case, line_digest) for _, line_digest, case in results if case is not None)
    expected_cases = dict((case, line_digest) for line_digest, case in expected.values() if case is not None)
    check(cases == expected_cases, name + ": joined by case id, every case's result equals the single batch's")


def compare_collected(name, collected, processes, expected_header, expected):
    headers = [item[1] for item in collected if item[0] == "header"]
    results = [item for item in collected if item[0] != "header"]
    check(len(headers) == processes, name + ": each of the %d engine processes writes a header line" % processes)
    check(len(set(headers)) == 1, name + ": the header lines are the same: %d kinds" % len(set(headers)))
    compare(name, headers[0] if headers else "", results, expected_header, expected)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--guideline", required=True)
    parser.add_argument("--rules", required=True)
    parser.add_argument("--cases", type=int, default=100000)
    parser.add_argument("--partitions", type=int, default=4)
    arguments = parser.parse_args()
    guideline = os.path.abspath(arguments.guideline)
    rules = os.path.abspath(arguments.rules)
    bench = os.path.join(os.path.dirname(guideline), "guideline-bench")
    started = time.monotonic()

    scratch = tempfile.mkdtemp(prefix="guideline-spark-")
    path = os.path.join(scratch, "cohort.jsonl")
    generated = subprocess.run(
        [bench, "--generate", str(arguments.cases), "--seed", "19"], stdout=subprocess.PIPE, text=True, check=True
    ).stdout.split("\n")[:-1]
    with open(path, "w") as out:
        for index, line in enumerate(generated):
            if index % 1000 == 7:
                out.write("\n")
            if index == 500:
                out.write('{"case": "bad", "facts": {"spine.levl": "T12"}}\n')
            out.write(line + "\n")
    timings = ["generate %.1fs" % (time.monotonic() - started)]

    mark = time.monotonic()
    expected_header, expected = reference(guideline, rules, path)
    check(len(expected) == arguments.cases + 1, "the single batch has a line per case and the bad line")
    timings.append("single process %.1fs" % (time.monotonic() - mark))

    mark = time.monotonic()
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("guideline-batch")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    sc = spark.sparkContext
    timings.append("spark start %.1fs" % (time.monotonic() - mark))
    try:
        # RDD.pipe: one engine process per partition, one thread each (Spark runs a task per core).
        mark = time.monotonic()
        command = [guideline, "evaluate", "--rules", rules, "--format", "jsonl", "--jobs", "1"]
        collected = pipe_batch(sc, path, command + ["-"], arguments.partitions).map(tagged).collect()
        compare_collected("spark pipe", collected, arguments.partitions, expected_header, expected)
        timings.append("spark pipe %.1fs" % (time.monotonic() - mark))

        # --shard: one task per shard, each reading the whole file, so line numbers stay the file's.
        mark = time.monotonic()
        shards = arguments.partitions
        sharded = sc.parallelize(range(1, shards + 1), shards).flatMap(
            lambda index: shard_lines(command, path, index, shards)
        )
        collected = sharded.map(lambda line: ("header" if line.startswith('{"header":') else "result", line))
        compare_collected("spark --shard", collected.map(tagged).collect(), shards, expected_header, expected)
        timings.append("spark --shard %.1fs" % (time.monotonic() - mark))
    finally:
        spark.stop()

    shutil.rmtree(scratch, ignore_errors=True)
    print("timings: " + ", ".join(timings) + ", total %.1fs" % (time.monotonic() - started))
    if FAILURES:
        print("%d of %d checks failed" % (len(FAILURES), CHECKS))
        return 1
    print("%d checks passed" % CHECKS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
