#!/usr/bin/env python3
"""`guideline render --format html` in a real browser: headless Chromium (Debian `chromium`, `chromium-driver`)
driven by Selenium.

Renders the ruleset to a file, loads it from file:// and checks that the page's text shows every rule id and every
source title (given on the command line, read by the caller from the compiled ruleset), that the flowchart is an
inline SVG with nodes, and that the page runs no script and fetches nothing (no <script>, <link>, src=).

    render_e2e.py --guideline .build/debug/guideline --rules Rules/spine-metastases --out /tmp/render \
        --expect-file expected.json
"""
import argparse
import json
import os
import subprocess
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

FAILURES = []
CHECKS = [0]


def check(condition, message):
    CHECKS[0] += 1
    if not condition:
        FAILURES.append(message)
        print("FAIL: " + message, flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--guideline", required=True)
    parser.add_argument("--rules", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--expect-file", required=True)
    args = parser.parse_args()
    with open(args.expect_file, encoding="utf-8") as handle:
        expected = json.load(handle)
    os.makedirs(args.out, exist_ok=True)
    page = os.path.join(args.out, "guideline.html")
    subprocess.run([args.guideline, "render", args.rules, "--format", "html", "-o", page], check=True, timeout=120)
    with open(page, encoding="utf-8") as handle:
        html = handle.read()
    for forbidden in ["<script", "<link", " src=", "@import", "url("]:
        check(forbidden not in html, "the page holds %r" % forbidden)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,900", "--no-first-run", "--disable-extensions"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(60)
    try:
        driver.get("file://" + os.path.abspath(page))
        text = driver.find_element(By.TAG_NAME, "body").text
        for rule in expected["rules"]:
            check(rule in text, "rule %s is not on the page" % rule)
        for title in expected["sources"]:
            check(title in text, "source %r is not on the page" % title)
        svgs = driver.find_elements(By.CSS_SELECTOR, "#pathway figure svg")
        check(len(svgs) == 1, "the flowchart SVG is missing")
        if svgs:
            nodes = driver.find_elements(By.CSS_SELECTOR, "#pathway svg g.node")
            check(len(nodes) >= len(expected["rules"]), "the flowchart has %d nodes" % len(nodes))
            check(svgs[0].size["width"] > 100, "the flowchart is not drawn")
        driver.save_screenshot(os.path.join(args.out, "guideline.png"))
    finally:
        driver.quit()
    print("%d checks, %d failed" % (CHECKS[0], len(FAILURES)))
    if FAILURES:
        sys.exit(1)
    print("checks passed")


if __name__ == "__main__":
    main()
