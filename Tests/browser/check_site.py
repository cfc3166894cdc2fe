#!/usr/bin/env python3
"""Looks at the built site in a real browser (headless Chromium, through Playwright).

    python3 Tests/browser/check_site.py SITE_DIR SCREENSHOT_DIR

For one page of every type (home, card, initiative, article, section, page, organisation, funder type, region,
glossary, theme, dashboard, methodology, data, filtered list, search results, 404), at 1280 px and at 390 px wide:
- a full-page screenshot;
- axe-core reports no accessibility violation;
- every chart is on screen and its text at least 10 px high;
- at 390 px, the page does not scroll sideways and no table cell holding an amount (€ or %) lies outside the viewport.

Then:
- search: typing "coopérative" in the search page lists the Cap Ondaine card;
- filters: each filter of the card list narrows the list in the browser, to the same cards as its page without
  JavaScript;
- print: the Cap Ondaine card and the overview dashboard printed to PDF by Chromium hold every figure and every
  provenance entry of the page (read back with pdftotext).

Exits non-zero if anything fails, printing every problem.
"""
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urljoin

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from site_checks import serve  # the site over a local HTTP server, quiet

WIDTHS = [1280, 390]
AMOUNT = re.compile(r"\d[\d\s\u00a0\u202f]*(,\d+)?[\s\u00a0\u202f]*(€|%)")


def first(site, pattern, exclude=()):
    """The address of the first page matching `pattern` (a glob of index.html files), in sorted order."""
    for path in sorted(site.glob(pattern)):
        relative = path.relative_to(site).as_posix()
        if any(relative.startswith(prefix) for prefix in exclude):
            continue
        return relative[: -len("index.html")] if relative.endswith("index.html") else relative
    return None


def page_types(site):
    cards = {"fiches/cap-ondaine/", "fiches/entreprendre-en-cooperant/"}
    filtered = [p for p in (first(site, pattern) for pattern in ("fiches/theme/*/index.html", "fiches/*/*/index.html"))
                if p and p not in cards]
    return {
        "accueil": "",
        "fiche": "fiches/cap-ondaine/",
        "initiative": "fiches/entreprendre-en-cooperant/",
        "liste-des-fiches": "fiches/",
        "liste-filtree": filtered[0] if filtered else None,
        "article": first(site, "actualites/*/index.html"),
        "rubrique": first(site, "rubriques/*/index.html"),
        "page": first(site, "rubriques/*/*/index.html"),
        "organisation": "organisations/etat/",
        "financeur": first(site, "financeurs/*/index.html"),
        "region": "regions/normandie/",
        "glossaire": "glossaire/",
        "theme": first(site, "themes/*/index.html"),
        "tableau-de-bord": "tableaux-de-bord/vue-d-ensemble/",
        "methodologie": "methodologie/",
        "donnees": first(site, "donnees/index.html"),
        "recherche": first(site, "recherche/index.html"),
        "404": "404.html" if (site / "404.html").exists() else None,
    }


def search_for(page, base, word):
    """Types `word` in the search page's search field and returns the addresses of the results."""
    page.goto(base + "recherche/")
    field = page.locator("input[type=search], input[type=text]").first
    try:
        field.fill(word, timeout=5000)
    except Exception:
        return []
    page.wait_for_timeout(300)
    try:
        page.wait_for_selector("a[href*='fiches/cap-ondaine']", timeout=10000)
    except Exception:
        pass
    return [a.get_attribute("href") or "" for a in page.query_selector_all("main a")]


def layout_problems(page, width):
    problems = []
    for index, chart in enumerate(page.query_selector_all("svg.chart")):
        box = chart.bounding_box()
        if box and box["width"] < 200:
            problems.append(f"chart {index + 1} is too narrow: {box}")
        for text in chart.query_selector_all("text"):
            text_box = text.bounding_box()
            if text_box and text_box["height"] < 10:
                problems.append(f"chart {index + 1}: text {text.inner_text()!r} is {round(text_box['height'], 1)} px high")
                break
            if text_box and width == 390 and (text_box["x"] < -1 or text_box["x"] + text_box["width"] > width + 1):
                problems.append(f"chart {index + 1}: text {text.inner_text()!r} is clipped at {width} px")
                break
    if width == 390:
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width + 1:
            problems.append(f"the page is {scroll} px wide at {width} px: it scrolls sideways")
        for cell in page.query_selector_all("td, th"):
            text = cell.text_content() or ""
            if not AMOUNT.search(text) or not cell.is_visible():
                continue
            box = cell.bounding_box()
            if box and (box["x"] < -1 or box["x"] + box["width"] > width + 1):
                problems.append(f"the cell {text.strip()!r} lies outside the {width} px viewport "
                                f"(x {round(box['x'])} to {round(box['x'] + box['width'])})")
    return problems


def check_pages(browser, base, site, shots, axe):
    passed, problems = 0, []
    types = page_types(site)
    for name, path in types.items():
        if path is None:
            problems.append(f"{name}: no page of this type in the site")
    for width in WIDTHS:
        page = browser.new_page(viewport={"width": width, "height": 900})
        for name, path in types.items():
            if path is None:
                continue
            label = f"{name}-{width}"
            if name == "recherche":
                search_for(page, base, "coopérative")
            else:
                response = page.goto(base + path)
                if response is None or (response.status >= 400 and name != "404"):
                    problems.append(f"{label}: /{path} answered {response and response.status}")
                    continue
            page.screenshot(path=str(shots / f"{label}.png"), full_page=True)
            found = layout_problems(page, width)
            for violation in axe.run(page).response.get("violations", []):
                found.append(f"axe: {violation['id']} ({violation['impact']}): {violation['help']}, "
                             f"{len(violation['nodes'])} element(s), e.g. {violation['nodes'][0]['target']}")
            if found:
                problems += [f"{label} (/{path}): {problem}" for problem in found]
                print(f"FAIL {label}")
            else:
                passed += 1
                print(f"ok   {label}: axe-core no violation, amounts on screen")
        page.close()
    return passed, problems


def check_search(browser, base):
    page = browser.new_page()
    results = search_for(page, base, "coopérative")
    page.close()
    if not any("fiches/cap-ondaine" in href for href in results):
        return [f"search: 'coopérative' does not list the Cap Ondaine card (links: {results[:10]})"]
    print("ok   search: 'coopérative' lists the Cap Ondaine card")
    return []


def card_links(page):
    """The cards listed on a list page, in order, as card ids (only the visible entries)."""
    ids = []
    for link in page.query_selector_all("[data-card-list] a[href*='fiches/']"):
        if not link.is_visible():
            continue
        match = re.search(r"fiches/([^/]+)/$", link.get_attribute("href") or "")
        if match and match.group(1) not in ids:
            ids.append(match.group(1))
    return ids


def check_filters(browser, base):
    """Each filter control of the card list narrows the list in place, to the cards of its page without JavaScript."""
    problems, checked = [], 0
    page = browser.new_page()
    page.goto(base + "fiches/")
    everything = card_links(page)
    selects = page.query_selector_all("form[data-card-filters] select")
    if not selects:
        return ["filters: the card list has no filter form (form[data-card-filters] select)"]
    nojs = browser.new_page(java_script_enabled=False)
    for index in range(len(selects)):
        select = page.query_selector_all("form[data-card-filters] select")[index]
        name = select.get_attribute("name")
        options = [o.get_attribute("value") for o in select.query_selector_all("option") if o.get_attribute("value")]
        for value in options[:3]:
            page.goto(base + "fiches/")
            page.select_option(f"form[data-card-filters] select[name='{name}']", value)
            page.wait_for_timeout(200)
            narrowed = card_links(page)
            # The same filter without JavaScript: the option's page.
            target = page.query_selector(f"[data-filter-link='{name}={value}']")
            href = target.get_attribute("href") if target else None
            if not href:
                problems.append(f"filters: no page without JavaScript for {name}={value} ([data-filter-link])")
                continue
            nojs.goto(urljoin(page.url, href))
            static = []
            while True:
                static += [i for i in card_links(nojs) if i not in static]
                following = nojs.query_selector("a[rel=next]")
                if not following:
                    break
                following.click()
            if not narrowed or len(narrowed) > len(everything):
                problems.append(f"filters: {name}={value} gives {len(narrowed)} cards of {len(everything)}")
            if sorted(narrowed) != sorted(static):
                problems.append(f"filters: {name}={value} lists {sorted(narrowed)} in the browser, "
                                f"{sorted(static)} on its page without JavaScript ({href})")
            checked += 1
    page.close()
    nojs.close()
    if not problems:
        print(f"ok   filters: {checked} filter values narrow the list in the browser as their pages do without JavaScript")
    return problems


def squeeze(text):
    return re.sub(r"[\s\u00a0\u202f\u2009]+", "", text)


def check_print(browser, base, path):
    """The page printed to PDF holds every figure (<data>, amount cells) and every provenance entry."""
    page = browser.new_page()
    page.goto(base + path)
    figures = page.eval_on_selector_all("main data", "els => els.map(e => e.textContent)")
    cells = page.eval_on_selector_all("main td, main th", "els => els.map(e => e.textContent)")
    entries = page.eval_on_selector_all(".provenance li", "els => els.map(e => e.textContent)")
    # A cell's figure, not its whole text: the columns of a printed table may interleave their lines.
    expected = [t for t in figures + entries if t.strip()]
    expected += [match.group(0) for cell in cells for match in AMOUNT.finditer(cell)]
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "page.pdf"
        page.pdf(path=str(pdf), format="A4")
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    page.close()
    printed = squeeze(text)
    missing = [t.strip() for t in expected if squeeze(t) not in printed]
    if missing:
        return [f"print /{path}: {len(missing)} of {len(expected)} figures and entries missing from the PDF, e.g. "
                + "; ".join(repr(m) for m in missing[:5])]
    print(f"ok   print /{path}: the PDF holds all {len(expected)} figures, cells and provenance entries")
    return []


def main():
    site, shots = Path(sys.argv[1]), Path(sys.argv[2])
    shots.mkdir(parents=True, exist_ok=True)
    server = serve(str(site))
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        passed, problems = check_pages(browser, base, site, shots, Axe())
        checks = [("search", lambda: check_search(browser, base)), ("filters", lambda: check_filters(browser, base)),
                  ("print card", lambda: check_print(browser, base, "fiches/cap-ondaine/")),
                  ("print dashboard", lambda: check_print(browser, base, "tableaux-de-bord/vue-d-ensemble/"))]
        for name, check in checks:
            try:
                problems += check()
            except Exception as error:  # a check that cannot run is a failure, and the others still run
                problems.append(f"{name}: could not run: {str(error).splitlines()[0]}")
        browser.close()
    server.shutdown()
    for problem in problems:
        print(f"FAIL {problem}")
    print(f"browser: {passed} pages passed, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
