#!/usr/bin/env python3
"""`passerelle serve` in a real browser (headless Chromium, through Playwright): the errors of a save on the open page.

    python3 Tests/browser/serve_overlay.py PASSERELLE SCREENSHOT_DIR

On a copy of the example site in a temporary folder, with an error in the Cap Ondaine card and its article marked as
a draft, `PASSERELLE serve --port 0` is started. Then:
- the card's address answers 503 with the French page listing the error (axe-core: no violation; screenshot at
  390 px); the fix saved, it reloads by itself into the card; the draft article carries its banner;
- an error is saved into the record (`amount: 97.000`): the overlay appears over the page, showing the file, its
  `:20:` line and the message the terminal printed, the faulty line marked, its close button focused; axe-core finds
  no violation in it, light or dark; screenshots at 1280 and 390 px, light and dark;
- the fix is saved (`amount: 98000`): "Reconstruction…" shows while the site is rebuilt, then the page reloads by
  itself, without the overlay, showing 98 000 €.

Exits non-zero if anything fails, printing every problem.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

REPOSITORY = Path(__file__).resolve().parents[2]
RECORD = "Content/projects/cap-ondaine.md"
ARTICLE = "Content/articles/cae-reussite-nee-en-rhone-alpes.md"
GOOD = "  amount: 97000\n"
BROKEN = "  amount: 97.000\n"
FIXED = "  amount: 98000\n"
OVERLAY = "#passerelle-preview .pw-dialog"  # Playwright's CSS locators go into open shadow roots


def wait_for(what, predicate, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise TimeoutError(f"waited {seconds} s for {what}")


def start_serve(tool, folder):
    log = open(folder / "serve.log", "w", encoding="utf-8")
    environment = dict(os.environ, LANG="C.UTF-8")
    environment.pop("LC_ALL", None)
    environment.pop("LC_MESSAGES", None)
    process = subprocess.Popen([tool, "serve", "--port", "0"], cwd=folder, stdout=log, stderr=subprocess.STDOUT,
                               env=environment)
    text = lambda: (folder / "serve.log").read_text(encoding="utf-8")
    match = wait_for("serve to say where it serves",
                     lambda: process.poll() is None and re.search(r"sur http://127\.0\.0\.1:(\d+)/", text()) or
                     (process.poll() is not None and "exited"))
    if match == "exited":
        raise RuntimeError(f"serve exited: {text()}")
    return process, int(match.group(1)), text


def amount_shown(page, value):
    pattern = value.replace(" ", "[\\s\u00a0\u202f]")
    return re.search(pattern + "[\\s\u00a0\u202f]*€", page.inner_text("main")) is not None


def run(tool, shots):
    problems = []
    folder = Path(tempfile.mkdtemp(prefix="passerelle-serve-overlay-"))
    process = None
    try:
        for name in ("Content", "Templates"):
            shutil.copytree(REPOSITORY / name, folder / name)
        record = folder / RECORD
        source = record.read_text(encoding="utf-8")
        if source.count(GOOD) != 1:
            return [f"{RECORD} no longer has the line {GOOD.strip()!r} this test edits"]
        article = folder / ARTICLE
        article.write_text(article.read_text(encoding="utf-8").replace("---\nkind: article\n", "---\nkind: article\ndraft: true\n", 1),
                           encoding="utf-8")
        record.write_text(source.replace(GOOD, BROKEN), encoding="utf-8")
        process, port, log = start_serve(tool, folder)
        base = f"http://127.0.0.1:{port}/"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 390, "height": 844})
            console = []
            page.on("console", lambda message: console.append(message.text))

            # No good build yet: the page listing the error, which becomes the card once the fix is saved.
            response = page.goto(base + "fiches/cap-ondaine/")
            if response is None or response.status != 503:
                problems.append(f"no build yet: the card answered {response and response.status}, not 503")
            if page.locator("html").get_attribute("lang") != "fr" or page.locator("h1").inner_text() != "Pas encore d’aperçu":
                problems.append("no build yet: not the French page 'Pas encore d’aperçu'")
            if page.locator(".pw-file").first.inner_text() != f"{RECORD}:20:11":
                problems.append(f"no build yet: the page does not name {RECORD}:20:11")
            for violation in Axe().run(page).response.get("violations", []):
                problems.append(f"no build yet: axe {violation['id']} ({violation['impact']}): {violation['help']}")
            page.screenshot(path=str(shots / "serve-no-build-390.png"), full_page=True)
            with page.expect_event("load", timeout=90_000):
                record.write_text(source, encoding="utf-8")
            page.wait_for_load_state("load")
            page.set_viewport_size({"width": 1280, "height": 900})
            if not amount_shown(page, "97 000"):
                problems.append("the card does not show 97 000 € once the site builds")

            draft = browser.new_page(viewport={"width": 390, "height": 844})
            draft.goto(base + "actualites/cae-reussite-nee-en-rhone-alpes/")
            banner = draft.locator("#passerelle-brouillon")
            if banner.count() != 1 or banner.inner_text() != "Brouillon — non publié par passerelle build" or not banner.is_visible():
                problems.append("the draft article has no visible banner 'Brouillon — non publié par passerelle build'")
            draft.screenshot(path=str(shots / "serve-draft-390.png"))
            draft.close()

            # The error: the overlay appears, with the file, the line and the terminal's message.
            record.write_text(source.replace(GOOD, BROKEN), encoding="utf-8")
            page.wait_for_selector(OVERLAY, timeout=90_000)
            terminal = wait_for("the diagnostic in the terminal",
                                lambda: re.search(r"cap-ondaine\.md:20:(\d+): erreur: (.*) \[[a-z-]+\]\n", log()))
            overlay = page.locator(OVERLAY)
            text = overlay.inner_text()
            where = page.locator("#passerelle-preview .pw-file").first.inner_text()
            if where != f"{RECORD}:20:{terminal.group(1)}":
                problems.append(f"overlay: the place is {where!r}, not {RECORD}:20:{terminal.group(1)}")
            message = page.locator("#passerelle-preview .pw-message").first.inner_text()
            if message != terminal.group(2):
                problems.append(f"overlay: the message is {message!r}, the terminal says {terminal.group(2)!r}")
            faulty = page.locator("#passerelle-preview .pw-faulty").first.inner_text()
            if not faulty.endswith("│   amount: 97.000") or not faulty.startswith("> 20 "):
                problems.append(f"overlay: the marked line is {faulty!r}")
            if "Le site n’a pas été reconstruit" not in text or "1 erreur" not in text:
                problems.append(f"overlay: no French title or count in {text[:200]!r}")
            if page.evaluate("document.querySelector('#passerelle-preview').shadowRoot.activeElement?.className") != "pw-close":
                problems.append("overlay: the close button does not have the focus")
            for violation in Axe().run(page).response.get("violations", []):
                nodes = [n for n in violation["nodes"] if "passerelle-preview" in str(n["target"])]
                if nodes:
                    problems.append(f"overlay: axe {violation['id']} ({violation['impact']}): {violation['help']}, "
                                    f"e.g. {nodes[0]['target']}")
            page.screenshot(path=str(shots / "serve-overlay-1280.png"))
            page.set_viewport_size({"width": 390, "height": 844})
            page.screenshot(path=str(shots / "serve-overlay-390.png"))
            box = overlay.bounding_box()
            if box is None or box["x"] < 0 or box["x"] + box["width"] > 391:
                problems.append(f"overlay: not within the 390 px viewport ({box})")
            page.emulate_media(color_scheme="dark")
            page.screenshot(path=str(shots / "serve-overlay-390-dark.png"))
            for violation in Axe().run(page).response.get("violations", []):
                nodes = [n for n in violation["nodes"] if "passerelle-preview" in str(n["target"])]
                if nodes:
                    problems.append(f"overlay (dark): axe {violation['id']} ({violation['impact']}): {violation['help']}, "
                                    f"e.g. {nodes[0]['target']}")
            page.emulate_media(color_scheme="light")
            page.set_viewport_size({"width": 1280, "height": 900})

            # The fix: "Reconstruction…" while it builds, then the page reloads by itself, without the overlay.
            # A build can take less than a second: rather than poll for the indicator (and miss it between two polls),
            # a MutationObserver in the page reports each time the indicator is shown, through the console, which
            # outlives the reload.
            page.bring_to_front()
            page.evaluate("""() => {
              const indicator = document.querySelector('#passerelle-preview').shadowRoot.querySelector('.pw-building');
              new MutationObserver(() => {
                if (indicator.textContent === 'Reconstruction…' && getComputedStyle(indicator).display !== 'none') {
                  console.log('passerelle-test: ' + indicator.getAttribute('role') + ' ' + indicator.textContent);
                }
              }).observe(indicator, {childList: true, characterData: true, subtree: true});
            }""")
            with page.expect_event("load", timeout=90_000):
                record.write_text(source.replace(GOOD, FIXED), encoding="utf-8")
            page.wait_for_load_state("load")
            if "passerelle-test: status Reconstruction…" not in console:
                problems.append("'Reconstruction…' was not shown while the site was rebuilt "
                                f"(messages seen: {[line for line in console if line.startswith('passerelle-test')]})")
            if page.locator(OVERLAY).count() != 0:
                problems.append("the overlay is still there after the fix")
            if not amount_shown(page, "98 000"):
                problems.append("the reloaded card does not show 98 000 €")
            page.screenshot(path=str(shots / "serve-fixed-1280.png"))
            browser.close()
    finally:
        if process is not None:
            process.terminate()
            process.wait(10)
        shutil.rmtree(folder, ignore_errors=True)
    return problems


def main():
    tool = str(Path(sys.argv[1]).resolve()) if len(sys.argv) > 1 else str(REPOSITORY / ".build/debug/passerelle")
    shots = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp(prefix="serve-overlay-shots-"))
    shots.mkdir(parents=True, exist_ok=True)
    try:
        problems = run(tool, shots)
    except Exception as error:  # a step that cannot run is a failure
        problems = [f"could not run: {str(error).splitlines()[0] if str(error) else type(error).__name__}"]
    for problem in problems:
        print(f"FAIL serve: {problem}")
    if not problems:
        print(f"ok   serve: the overlay shows the file, line and message of an error, the fix reloads the page ({shots})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
