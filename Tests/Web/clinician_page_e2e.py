#!/usr/bin/env python3
"""The clinician's page in a real browser: headless Chromium (Debian `chromium`, `chromium-driver`) driven by Selenium.

Starts `guideline serve` on loopback (no configuration), then for each bundled example sets its facts through the
page's controls, with JavaScript (live results) and without (the form posted), and checks that the summary, the
facts to record and the recommendations shown equal those of `guideline evaluate --format json` for the same case;
that "not recorded" sends unknown; that a to-record link focuses its control; that printing makes at most two pages;
that the page breaks no Content-Security-Policy rule; and that the server's log holds no case data. Writes
screenshots at 1280 and 360 px and the PDFs to --out (outside the repository). Prints the first-load bytes and the
re-evaluation round trip. Every wait is bounded; all traffic is on 127.0.0.1.

    clinician_page_e2e.py --guideline .build/debug/guideline --rules Rules/spine-metastases --out /tmp/shots
"""
import argparse
import base64
import glob
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

import yaml
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.print_page_options import PrintOptions
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.ui import Select, WebDriverWait

FAILURES = []
CHECKS = [0]


def check(condition, message):
    CHECKS[0] += 1
    if not condition:
        FAILURES.append(message)
        print("FAIL: " + message, flush=True)


class Server:
    """`guideline serve --port 0` on 127.0.0.1, its standard error collected."""

    def __init__(self, guideline, rules):
        self.process = subprocess.Popen(
            [guideline, "serve", "--rules", rules, "--port", "0"], stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.lines = []
        self.port = None
        ready = threading.Event()

        def read():
            for line in self.process.stderr:
                self.lines.append(line)
                found = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
                if found:
                    self.port = int(found.group(1))
                    ready.set()
        threading.Thread(target=read, daemon=True).start()
        if not ready.wait(60):
            self.stop()
            raise SystemExit("guideline serve did not start: " + "".join(self.lines))
        self.base = "http://127.0.0.1:%d" % self.port

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()


def browser(javascript):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,900", "--no-first-run", "--disable-extensions"]:
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(30)
    return driver


def expected(guideline, rules, case_file):
    output = subprocess.run([guideline, "evaluate", "--rules", rules, "--format", "json", case_file],
                            capture_output=True, text=True, timeout=60, check=True).stdout
    return digest(json.loads(output))


def digest(result):
    """What the page must show of a JSON result: the summary, the facts to record, the recommendations."""
    summary = [(a["action"], a["kind"], a["urgency"] or "", bool(a["unlessNotRecorded"]), bool(a["provisional"]))
               for a in result["summary"]["actions"]]
    record = [r["fact"] for r in result["summary"]["record"]]
    recommendations = [(r["rule"]["id"], r["action"], r["kind"]) for r in result["recommendations"]]
    return {"summary": summary, "record": record, "recommendations": recommendations}


def shown(driver):
    """The same, read from the page's `data-` attributes."""
    return driver.execute_script("""
        const all = (selector) => Array.from(document.querySelectorAll(selector));
        return {
          summary: all('#summary > li').map(li => [li.dataset.action, li.dataset.kind, li.dataset.urgency,
                                                   li.dataset.unless === 'true', li.dataset.provisional === 'true']),
          record: all('#record > li').map(li => li.dataset.fact),
          recommendations: all('#details > li').map(li => [li.dataset.rule, li.dataset.action, li.dataset.kind]),
        };""")


def normal(d):
    return {k: [tuple(x) if isinstance(x, (list, tuple)) else x for x in v] for k, v in d.items()}


def set_fact(driver, name, value):
    """Sets one fact through its control, as a person would (click, choose, type)."""
    controls = driver.find_elements(By.NAME, name)
    check(controls, "no control for %r" % name)
    if not controls:
        return
    first = controls[0]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", first)
    kind = first.tag_name == "select" and "select" or first.get_attribute("type")
    if isinstance(value, bool):
        value = "true" if value else "false"
    if kind == "radio":
        matching = [c for c in controls if c.get_attribute("value") == str(value)]
        check(matching, "no radio %r for %r" % (value, name))
        if matching:
            matching[0].click()
    elif kind == "select":
        Select(first).select_by_value(str(value))
    else:
        if isinstance(value, dict):
            number, unit = str(value["value"]), value.get("unit", "")
        else:
            number, _, unit = str(value).partition(" ")
        first.clear()
        first.send_keys(number)
        if unit:
            Select(driver.find_element(By.NAME, "unit:" + name)).select_by_visible_text(unit)


def settle(driver):
    """Asks for the result now and waits until the result shown is the one asked last."""
    driver.find_element(By.ID, "evaluate").click()
    WebDriverWait(driver, 60).until(lambda d: d.execute_script(
        "const r = document.getElementById('result'); const f = document.getElementById('case');"
        "return r.dataset.state === 'ready' && r.dataset.shown === f.dataset.requested;"))


def pages(pdf_path):
    info = subprocess.run(["pdfinfo", pdf_path], capture_output=True, text=True, timeout=30).stdout
    found = re.search(r"^Pages:\s+(\d+)", info, re.M)
    return int(found.group(1)) if found else -1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--guideline", required=True)
    parser.add_argument("--rules", required=True)
    parser.add_argument("--out", required=True)
    arguments = parser.parse_args()
    os.makedirs(arguments.out, exist_ok=True)
    rules = arguments.rules
    examples = sorted(glob.glob(os.path.join(rules, "examples", "*.yaml")))
    check(len(examples) >= 5, "fewer than five examples")
    server = Server(arguments.guideline, rules)
    page_url = server.base + "/rulesets/spine-metastases"
    live = browser(javascript=True)
    static = browser(javascript=False)
    secrets = []
    try:
        for example in examples:
            name = os.path.splitext(os.path.basename(example))[0]
            with open(example) as handle:
                facts = yaml.safe_load(handle)["facts"]
            secrets += [str(v) for v in facts.values() if isinstance(v, str) and len(str(v)) > 4]
            want = normal(expected(arguments.guideline, rules, example))
            check(want["summary"], "%s: the command line gives no summary" % name)
            # With JavaScript: live results.
            live.set_window_size(1280, 900)
            live.get(page_url)
            WebDriverWait(live, 60).until(lambda d: d.find_element(By.ID, "case").get_attribute("data-live"))
            for fact, value in facts.items():
                set_fact(live, fact, value)
            settle(live)
            got = normal(shown(live))
            for part in ["summary", "record", "recommendations"]:
                check(got[part] == want[part], "%s (live): %s shown %r, evaluate gives %r"
                      % (name, part, got[part], want[part]))
            live.save_screenshot(os.path.join(arguments.out, "%s-1280.png" % name))
            live.set_window_size(360, 800)
            live.save_screenshot(os.path.join(arguments.out, "%s-360.png" % name))
            width, viewport, widest = live.execute_script("""
                const view = document.documentElement.clientWidth;
                const wide = Array.from(document.querySelectorAll('body *'))
                  .filter(e => e.getBoundingClientRect().right > view + 1).slice(-3)
                  .map(e => e.tagName + '.' + e.className + '#' + e.id);
                return [document.documentElement.scrollWidth, view, wide];""")
            check(width <= viewport, "%s: the page is %d px wide in a %d px window: %r" % (name, width, viewport, widest))
            live.set_window_size(1280, 900)
            pdf = os.path.join(arguments.out, "%s.pdf" % name)
            options = PrintOptions()
            options.background = False
            with open(pdf, "wb") as handle:
                handle.write(base64.b64decode(live.print_page(options)))
            count = pages(pdf)
            check(1 <= count <= 2, "%s: the printed report has %d pages" % (name, count))
            print("%s: live ok, %d recommendations, printed %d page(s)" % (name, len(want["recommendations"]), count))
            # Without JavaScript: the form posted, the server answers with the page.
            static.get(page_url)
            check(static.find_element(By.ID, "case").get_attribute("data-live") is None,
                  "JavaScript ran in the no-JavaScript browser")
            for fact, value in facts.items():
                set_fact(static, fact, value)
            before = static.find_element(By.ID, "case")
            static.find_element(By.ID, "evaluate").click()
            # The answer is a new page: wait until the old form is gone and the new page has loaded.
            WebDriverWait(static, 60).until(staleness_of(before))
            WebDriverWait(static, 60).until(lambda d: d.execute_script("return document.readyState") == "complete")
            check(static.current_url == page_url, "%s (no JavaScript): the form posted to %s" % (name, static.current_url))
            got = normal(shown(static))
            for part in ["summary", "record", "recommendations"]:
                check(got[part] == want[part], "%s (no JavaScript): %s shown %r, evaluate gives %r"
                      % (name, part, got[part], want[part]))

        # "Not recorded" sends unknown: a fact set and then set back is needed again, and the result is the
        # command line's for the case without it.
        live.get(page_url)
        WebDriverWait(live, 60).until(lambda d: d.find_element(By.ID, "case").get_attribute("data-live"))
        set_fact(live, "neuro.presentation", "suspected-mescc")
        set_fact(live, "neuro.cord_compression", True)
        set_fact(live, "patient.life_expectancy", "6 mo")
        settle(live)
        check("neuro.cord_compression" not in shown(live)["record"], "a recorded fact is still to record")
        set_fact(live, "neuro.cord_compression", "")
        live.find_element(By.NAME, "unknown:patient.life_expectancy").click()
        check(live.find_element(By.NAME, "patient.life_expectancy").get_attribute("value") == "",
              "ticking 'not recorded' left the number")
        settle(live)
        case = os.path.join(arguments.out, "not-recorded.json")
        with open(case, "w") as handle:
            json.dump({"case": "not-recorded", "facts": {"neuro.presentation": "suspected-mescc"}}, handle)
        got = normal(shown(live))
        want = normal(expected(arguments.guideline, rules, case))
        check(got == want, "not recorded: shown %r, evaluate of the case without the facts gives %r" % (got, want))
        check("neuro.cord_compression" in got["record"], "a fact set back to not recorded is not to record")
        check("patient.life_expectancy" in got["record"], "a number set back to not recorded is not to record")

        # A to-record link focuses its control.
        link = live.find_element(By.CSS_SELECTOR, "#record a.record-link")
        fact = link.text
        driver_focus = live.execute_script("arguments[0].click(); return document.activeElement.name;", link)
        check(driver_focus == fact, "the link %r focused %r" % (fact, driver_focus))

        # The initial page printed with Chromium's own --print-to-pdf.
        pdf = os.path.join(arguments.out, "empty-case.pdf")
        subprocess.run(["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        "--print-to-pdf=" + pdf, page_url], capture_output=True, timeout=90)
        count = pages(pdf)
        check(1 <= count <= 2, "the empty case printed with --print-to-pdf has %d pages" % count)

        # No Content-Security-Policy violation (nothing inline), no script error.
        for entry in live.get_log("browser"):
            message = entry.get("message", "")
            check("Content Security Policy" not in message and entry.get("level") != "SEVERE",
                  "browser console: %s" % message)

        # First load and round trip.
        sizes = {}
        for path in ["/rulesets/spine-metastases", "/assets/page.css", "/assets/print.css", "/assets/page.js"]:
            with urllib.request.urlopen(server.base + path, timeout=10) as response:
                sizes[path] = len(response.read())
        first = sizes["/rulesets/spine-metastases"] + sizes["/assets/page.css"] + sizes["/assets/page.js"]
        check(first <= 100_000, "the first load is %d bytes" % first)
        timings = live.execute_async_script("""
            const done = arguments[arguments.length - 1];
            const form = document.getElementById('case');
            const body = new URLSearchParams(new FormData(form)).toString();
            const times = [];
            (async () => {
              for (let i = 0; i < 50; i++) {
                const start = performance.now();
                const response = await fetch(form.dataset.result, {method: 'POST', body,
                  headers: {'Content-Type': 'application/x-www-form-urlencoded', 'X-CSRF-Token': form.dataset.csrf}});
                await response.text();
                times.push(performance.now() - start);
              }
              done(times);
            })();""")
        timings.sort()
        print("first load: page %d + css %d + js %d = %d bytes (print.css %d, fetched when printing)"
              % (sizes["/rulesets/spine-metastases"], sizes["/assets/page.css"], sizes["/assets/page.js"], first,
                 sizes["/assets/print.css"]))
        print("re-evaluation round trip (50, in the browser): median %.1f ms, p90 %.1f ms, max %.1f ms"
              % (statistics.median(timings), timings[44], timings[-1]))
    finally:
        live.quit()
        static.quit()
        server.stop()
    log = "".join(server.lines)
    for secret in set(secrets):
        check(secret not in log, "the server's log holds the case value %r" % secret)
    check("/result 200" in log, "the log has no result request")
    if FAILURES:
        print("%d of %d checks failed" % (len(FAILURES), CHECKS[0]))
        return 1
    print("%d checks passed" % CHECKS[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
