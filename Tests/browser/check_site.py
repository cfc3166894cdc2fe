#!/usr/bin/env python3
"""Looks at the built site in a real browser (headless Chromium, through Playwright).

For each page below, at 1280 px and at 390 px wide: takes a screenshot, checks that every chart is
on screen and its text is at least 10 px high (legible on a phone), and runs axe-core, which must
report no accessibility violation.

    python3 Tests/browser/check_site.py SITE_DIR SCREENSHOT_DIR
"""
import functools
import http.server
import sys
import threading
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

PAGES = [
    "tableaux-de-bord/vue-d-ensemble/",
    "fiches/cap-ondaine/",
    "fiches/entreprendre-en-cooperant/",
    "regions/normandie/",
    "",
]
WIDTHS = [1280, 390]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory):
    handler = functools.partial(QuietHandler, directory=directory)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    site, shots = sys.argv[1], Path(sys.argv[2])
    shots.mkdir(parents=True, exist_ok=True)
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    passed, failed = 0, 0
    axe = Axe()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for width in WIDTHS:
            page = browser.new_page(viewport={"width": width, "height": 900})
            for path in PAGES:
                name = (path.strip("/").replace("/", "-") or "accueil") + f"-{width}"
                page.goto(base + path)
                page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
                problems = []
                for index, chart in enumerate(page.query_selector_all("svg.chart")):
                    box = chart.bounding_box()
                    if not box or box["width"] < 200:
                        problems.append(f"chart {index + 1} is too narrow: {box}")
                    for text in chart.query_selector_all("text"):
                        text_box = text.bounding_box()
                        if not text_box or text_box["height"] < 10:
                            problems.append(f"chart {index + 1}: text {text.inner_text()!r} is {text_box and round(text_box['height'], 1)} px high")
                            break
                results = axe.run(page)
                for violation in results.response.get("violations", []):
                    problems.append(f"axe: {violation['id']} ({violation['impact']}): {violation['help']}, "
                                    f"{len(violation['nodes'])} element(s), e.g. {violation['nodes'][0]['target']}")
                if problems:
                    failed += 1
                    print(f"FAIL {name}")
                    for problem in problems:
                        print(f"    {problem}")
                else:
                    passed += 1
                    charts = len(page.query_selector_all("svg.chart"))
                    print(f"ok   {name}: {charts} chart(s) legible, axe-core: no violation")
            page.close()
        browser.close()
    server.shutdown()
    print(f"browser: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
