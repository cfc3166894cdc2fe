#!/usr/bin/env python3
"""The form editor of `passerelle serve`, driven in headless Chromium (Playwright), on a copy of the example content.

    python3 Tests/browser/editor.py [PASSERELLE] [SCREENSHOT_DIR]

- creates a new card through the form, with JavaScript off: a new funder made from the funder picker, a budget line
  and a funding line typed in French formats; saves it and finds the card page of the rebuilt preview with its figures;
- a save with an error writes nothing, keeps the typing and puts the focus on the error summary;
- edits the subtitle of Cap Ondaine: the file's Markdown body and the keys the form does not know are unchanged, and
  the previous version is kept as the hidden `.cap-ondaine.md.precedent`;
- a POST with a wrong token, without Origin, from another Origin, and a GET with another Host are refused (403);
- axe-core finds no violation on the form (new, with errors) at 1280 and 390 px;
- with JavaScript ON (live checking): typing an ambiguous amount in a budget line of Cap Ondaine, without pressing any
  button, shows the diagnostic of `check` next to that field and the counts in the live region; fixing it takes both
  away; an answer that arrives late never replaces a newer one; the check endpoint writes nothing, refuses a wrong
  token and a body over 1 MB; axe-core finds no violation in either state.

Exits non-zero if anything fails, printing every problem.
"""
import http.client
import re
import shutil
import subprocess
import sys
import threading
import tempfile
import time
import urllib.parse
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
PREFIX = "/_passerelle/editeur"


def start_serve(binary, content, output):
    process = subprocess.Popen([str(binary), "serve", "--port", "0", "--content", str(content), "--output", str(output),
                                "--templates", str(ROOT / "Templates")],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=content.parent)
    deadline = time.time() + 120
    while time.time() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        match = re.search(r"(?:Form editor|Éditeur de fiches)\s*: http://127\.0\.0\.1:(\d+)/", line)
        if match:
            # Keep reading what serve prints, so that it never blocks on a full pipe.
            threading.Thread(target=lambda: [None for _ in process.stdout], daemon=True).start()
            return process, int(match.group(1))
    process.kill()
    raise SystemExit("passerelle serve did not start the form editor")


def text_of(page):
    """The page's text with every kind of space made one plain space."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", page.inner_text("body"))


def wait_for_page(page, url, needles, seconds=60):
    """Loads `url` until it answers 200 and shows every needle (the preview rebuilds after a save)."""
    deadline = time.time() + seconds
    text = ""
    while time.time() < deadline:
        response = page.goto(url)
        if response is not None and response.status == 200:
            text = text_of(page)
            if all(needle in text for needle in needles):
                return True, text
        time.sleep(0.5)
    return False, text


def create_card(browser, base, content, problems, shots):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(base[:-1] + PREFIX + "/")
    page.click("text=Nouvelle fiche")
    page.fill("[name=title]", "Atelier vélo solidaire")
    # A funder that is not in the list yet: the sub-form of the funder picker creates it.
    page.fill("[name='neworg.name']", "Fondation Roue Libre")
    page.select_option("[name='neworg.type']", "private")
    page.fill("[name='budget.0.amount']", "48 500 €")  # typed before the new organisation: must be kept
    page.click("button[value=new-org]")
    org = content / "organisations" / "fondation-roue-libre.md"
    if not org.exists():
        problems.append("new organisation: organisations/fondation-roue-libre.md was not written")
    elif "type: private" not in org.read_text(encoding="utf-8"):
        problems.append(f"new organisation: no 'type: private' in {org.read_text(encoding='utf-8')!r}")
    picked = page.input_value("[name='funding.0.funder']")
    if picked != "fondation-roue-libre":
        problems.append(f"new organisation: not picked in the funding line ({picked!r})")
    if page.input_value("[name='budget.0.amount']") != "48 500 €":
        problems.append("new organisation: the budget amount typed before was lost")
    if "enregistré : 48500" not in text_of(page):
        problems.append("budget amount: the stored value « enregistré : 48500 » is not shown")
    page.select_option("[name='budget.0.period']", "annual")
    page.fill("[name='funding.0.amount']", "20 000")
    # A second budget line added and removed with the buttons of the form (no JavaScript).
    page.click("button[value=add-budget]")
    if page.locator("[name='budget.1.amount']").count() != 1:
        problems.append("add a budget line: no second line")
    page.click("button[value='remove-budget-1']")
    if page.locator("[name='budget.1.amount']").count() != 0:
        problems.append("remove a budget line: the second line is still there")
    # A save with an error: nothing written, typing kept, the focus on the summary.
    page.fill("[name='funding.0.share']", "74.000")
    page.click("button[value=save]")
    card = content / "projects" / "atelier-velo-solidaire.md"
    if card.exists():
        problems.append("save with an error: the card was written")
    if page.input_value("[name='funding.0.share']") != "74.000":
        problems.append("save with an error: the typed share was lost")
    if page.locator("#erreurs").count() != 1 or "Pas enregistré" not in page.inner_text("#erreurs"):
        problems.append("save with an error: no error summary saying « Pas enregistré »")
    if page.locator("[name='funding.0.share'][aria-invalid=true]").count() != 1:
        problems.append("save with an error: the share field is not marked invalid next to its error")
    page.screenshot(path=str(shots / "editeur-erreur-390.png"), full_page=True)
    page.fill("[name='funding.0.share']", "")
    page.click("button[value=save]")
    if not card.exists():
        problems.append(f"save: {card.name} was not written; page says: {text_of(page)[:600]}")
        return
    written = card.read_text(encoding="utf-8")
    expected = ("---\nkind: project\ntitle: Atelier vélo solidaire\nbudget:\n  - amount: 48500\n    period: annual\n"
                "funding:\n  - funder: fondation-roue-libre\n    amount: 20000\n---\n\n")
    if written != expected:
        problems.append(f"save: the card's text is {written!r}, expected {expected!r}")
    if "Enregistré" not in text_of(page):
        problems.append("save: the page after saving does not say « Enregistré »")
    found, text = wait_for_page(page, base + "fiches/atelier-velo-solidaire/", ["Atelier vélo solidaire", "48 500 €", "20 000 €",
                                                                                  "Fondation Roue Libre"])
    if not found:
        problems.append(f"card page: /fiches/atelier-velo-solidaire/ does not show its figures: {text[:400]!r}")
    else:
        page.screenshot(path=str(shots / "editeur-fiche-creee-390.png"), full_page=True)
        print("ok   new card: created with a new funder, a budget line and a funding line; its page shows 48 500 € and 20 000 €")
    context.close()


def edit_card(browser, base, content, problems):
    path = content / "projects" / "cap-ondaine.md"
    before = path.read_text(encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base[:-1] + PREFIX + "/project/cap-ondaine")
    page.fill("[name=subtitle]", "Cap Ondaine (coopérative)")
    page.click("button[value=save] >> nth=0")
    after = path.read_text(encoding="utf-8")
    body_before = before.split("\n---\n", 1)[1]
    body_after = after.split("\n---\n", 1)[1]
    if body_before != body_after:
        problems.append("edit: the Markdown body changed")
    for key in ("audiences", "objectives", "partners", "award"):
        block = re.search(rf"^{key}:\n(?:[ #].*\n)*", before, re.M).group(0)
        if block not in after:
            problems.append(f"edit: the lines of '{key}' (a key the form does not edit) changed")
    if "# status: not written, the source document does not state it" not in after:
        problems.append("edit: the comment line of the front matter was lost")
    if "subtitle: Cap Ondaine (coopérative)" not in after:
        problems.append("edit: the new subtitle was not written")
    previous = path.parent / ".cap-ondaine.md.precedent"
    if not previous.exists() or previous.read_text(encoding="utf-8") != before:
        problems.append("edit: the previous version was not kept as .cap-ondaine.md.precedent")
    if not problems:
        print("ok   edit: body, unknown keys and comments unchanged, previous version kept")
    page.close()


def request(port, method, path, headers, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.putrequest(method, path, skip_host=True)
    for name, value in headers.items():
        connection.putheader(name, value)
    data = body.encode() if body is not None else None
    if data is not None:
        connection.putheader("Content-Length", str(len(data)))
    connection.endheaders(data)
    response = connection.getresponse()
    text = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, text


def refusals(port, problems):
    host = f"127.0.0.1:{port}"
    status, page = request(port, "GET", PREFIX + "/project/cap-ondaine", {"Host": host})
    token = re.search(r'name="jeton" value="([0-9a-f]{64})"', page)
    if status != 200 or token is None:
        problems.append(f"refusals: the form page answered {status} without a token")
        return
    form = "Content-Type"
    good = {"Host": host, "Origin": f"http://{host}", form: "application/x-www-form-urlencoded"}
    body = lambda jeton: urllib.parse.urlencode({"jeton": jeton, "action": "check", "title": "x"})
    cases = [
        ("a wrong token", "POST", good, body("0" * 64), 403),
        ("no token", "POST", good, "action=check", 403),
        ("another Host", "GET", {"Host": f"evil.example:{port}"}, None, 403),
        ("another Host on POST", "POST", dict(good, Host="evil.example"), body(token.group(1)), 403),
        ("another Origin", "POST", dict(good, Origin="http://evil.example"), body(token.group(1)), 403),
        ("no Origin nor Referer", "POST", {k: v for k, v in good.items() if k != "Origin"}, body(token.group(1)), 403),
        ("the right token (control)", "POST", good, body(token.group(1)), 200),
        ("a body over 1 MB", "POST", good, "a=" + "x" * (1024 * 1024), 413),
    ]
    for label, method, headers, data, expected in cases:
        status, text = request(port, method, PREFIX + "/project/cap-ondaine", headers, data)
        if status != expected:
            problems.append(f"refusals: {label} answered {status}, expected {expected}")
        elif expected == 403 and "refusé" not in text.lower():
            problems.append(f"refusals: {label}: the 403 page does not say « refusé » in French")
    print(f"ok   refusals: {len(cases)} requests answered as expected" if not any("refusals" in p for p in problems) else "FAIL refusals")


def accessibility(browser, base, problems, shots):
    axe = Axe()
    for width in (1280, 390):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(base[:-1] + PREFIX + "/nouveau/project")
        page.fill("[name='budget.0.amount']", "74.000")
        page.click("button[value=save] >> nth=0")
        focused = page.evaluate("document.activeElement && document.activeElement.id")
        if focused != "erreurs":
            problems.append(f"{width} px: after a failed save the focus is on {focused!r}, not on the error summary")
        for violation in axe.run(page).response.get("violations", []):
            problems.append(f"axe {width} px: {violation['id']} ({violation['impact']}): {violation['help']}, "
                            f"e.g. {violation['nodes'][0]['target']}")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            problems.append(f"{width} px: the form scrolls sideways by {overflow} px")
        page.screenshot(path=str(shots / f"editeur-nouvelle-{width}.png"), full_page=True)
        page.close()
    print("ok   accessibility: axe-core, focus on the error summary, no sideways scroll" if not any("axe" in p or " px:" in p for p in problems)
          else "FAIL accessibility")


AMBIGUOUS = ("erreur : « 97.000 » est ambigu pour « amount » : le point sépare-t-il les milliers ou les décimales ? "
             "Conseil : s’il s’agit de quatre-vingt-dix-sept mille, écrivez amount: 97000 ; s’il s’agit de 97, écrivez amount: 97")
AMOUNT = "[name='budget.0.amount']"
AMOUNT_BLOCK = "[id='e-budget.0.amount']"


def snapshot(folder):
    return {path.relative_to(folder): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def normalised(text):
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def wait_for(page, predicate, seconds=15):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return True
        page.wait_for_timeout(100)
    return False


def axe_clean(page, label, problems):
    for violation in Axe().run(page).response.get("violations", []):
        problems.append(f"axe {label}: {violation['id']} ({violation['impact']}): {violation['help']}, e.g. {violation['nodes'][0]['target']}")


def live_check(browser, base, port, content, problems, shots):
    """JavaScript ON: live checking while typing, in a context of its own."""
    failures = len(problems)
    before = snapshot(content)
    context = browser.new_context(java_script_enabled=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    checks = []
    page.on("request", lambda request: checks.append(request.url) if "/verifier/" in request.url else None)
    url = base[:-1] + PREFIX + "/project/cap-ondaine"
    page.goto(url)
    status = page.locator("#verification")
    page.fill(AMOUNT, "97.000")  # no button pressed
    if not wait_for(page, lambda: page.locator(AMOUNT_BLOCK).count() == 1):
        problems.append(f"live: no diagnostic appeared next to the budget amount; live region says {status.inner_text()!r}")
        context.close()
        return
    if page.url != url:
        problems.append(f"live: the page changed ({page.url}): the form was sent")
    shown = normalised(page.inner_text(AMOUNT_BLOCK))
    if shown != AMBIGUOUS:
        problems.append(f"live: the diagnostic next to the amount is {shown!r}, expected {AMBIGUOUS!r}")
    if page.locator(f".field:has({AMOUNT}) > {AMOUNT_BLOCK}").count() != 1:
        problems.append("live: the diagnostic is not inside the amount's field")
    if page.get_attribute(AMOUNT, "aria-invalid") != "true" or page.get_attribute(AMOUNT, "aria-describedby") != "e-budget.0.amount":
        problems.append("live: the amount field is not marked invalid and described by its message")
    if normalised(status.inner_text()) != "Vérification en direct : 1 erreur, 0 avertissement.":
        problems.append(f"live: the live region says {status.inner_text()!r}")
    if status.get_attribute("aria-live") != "polite":
        problems.append("live: the status is not an aria-live=polite region")
    if page.locator("#erreurs").count() != 1 or "number-ambiguous" not in page.inner_text("#erreurs"):
        problems.append("live: the error summary does not list number-ambiguous")
    if page.input_value(AMOUNT) != "97.000":
        problems.append("live: the typed amount changed")
    if page.locator(f".field:has({AMOUNT}) > p.stored").count() != 0:
        problems.append("live: « enregistré : … » is still shown under an amount that is not a number")
    axe_clean(page, "live, with the error", problems)
    page.screenshot(path=str(shots / "editeur-direct-erreur-1280.png"), full_page=True)
    page.fill(AMOUNT, "97000")
    if not wait_for(page, lambda: page.locator(AMOUNT_BLOCK).count() == 0 and "aucune erreur" in status.inner_text()):
        problems.append(f"live: after the fix the message stays or the live region says {status.inner_text()!r}")
    elif normalised(status.inner_text()) != "Vérification en direct : aucune erreur, aucun avertissement.":
        problems.append(f"live: after the fix the live region says {status.inner_text()!r}")
    if page.locator("#erreurs").count() != 0 or page.locator("[aria-invalid]").count() != 0:
        problems.append("live: after the fix a summary or an invalid field is left")
    stored = page.locator(f".field:has({AMOUNT}) > p.stored")
    if stored.count() != 1 or normalised(stored.inner_text()) != "enregistré : 97000":
        problems.append("live: after the fix « enregistré : 97000 » is not shown under the amount")
    axe_clean(page, "live, fixed", problems)
    page.screenshot(path=str(shots / "editeur-direct-corrige-1280.png"), full_page=True)
    if not checks:
        problems.append("live: no request to the check endpoint was seen")
    context.close()

    # A late answer never replaces a newer one: the first check is held back and released after the second one is
    # shown (AbortController taken away, so that the order of the answers is what protects the page).
    context = browser.new_context(java_script_enabled=True, viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.add_init_script("window.AbortController = undefined;")
    held = []

    def hold_first(route):
        if not held:
            held.append(route)
        else:
            route.continue_()

    page.route("**/_passerelle/editeur/verifier/**", hold_first)
    page.goto(url)
    status = page.locator("#verification")
    page.fill(AMOUNT, "97.000")
    if not wait_for(page, lambda: len(held) == 1):
        problems.append("late answer: the first check was not sent")
    page.fill(AMOUNT, "97000")
    if not wait_for(page, lambda: "aucune erreur" in status.inner_text()):
        problems.append(f"late answer: the second check was not shown ({status.inner_text()!r})")
    if held:
        held[0].continue_()
        page.wait_for_timeout(2000)
        if page.locator(AMOUNT_BLOCK).count() != 0 or "aucune erreur" not in status.inner_text():
            problems.append("late answer: the older answer (97.000) replaced the newer one (97000)")
    page.screenshot(path=str(shots / "editeur-direct-390.png"), full_page=True)
    context.close()

    # The endpoint writes nothing, and obeys the token, the Origin and the 1 MB limit.
    host = f"127.0.0.1:{port}"
    status_code, text = request(port, "GET", PREFIX + "/project/cap-ondaine", {"Host": host})
    token = re.search(r'name="jeton" value="([0-9a-f]{64})"', text).group(1)
    good = {"Host": host, "Origin": f"http://{host}", "Content-Type": "application/x-www-form-urlencoded"}
    save = lambda jeton: urllib.parse.urlencode({"jeton": jeton, "action": "save", "title": "Piraté", "budget.count": "1",
                                                 "budget.0.amount": "97.000"})
    cases = [
        ("a wrong token", good, save("0" * 64), 403),
        ("another Origin", dict(good, Origin="http://evil.example"), save(token), 403),
        ("a body over 1 MB", good, "a=" + "x" * (1024 * 1024), 413),
        ("the right token, action=save (control)", good, save(token), 200),
    ]
    for label, headers, data, expected in cases:
        got, answer = request(port, "POST", PREFIX + "/verifier/project/cap-ondaine", headers, data)
        if got != expected:
            problems.append(f"check endpoint: {label} answered {got}, expected {expected}")
        elif expected == 200 and "number-ambiguous" not in answer:
            problems.append(f"check endpoint: {label}: no number-ambiguous in {answer[:300]!r}")
    if snapshot(content) != before:
        problems.append("live: a file of the content folder changed (the check endpoint must write nothing)")
    if console:
        problems.append(f"live: errors in the browser console: {console[:3]}")
    print("ok   live checking: diagnostic next to the field while typing, fixed, late answer dropped, nothing written"
          if len(problems) == failures else "FAIL live checking")


def main():
    binary = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else ROOT / ".build" / "debug" / "passerelle"
    work = Path(tempfile.mkdtemp(prefix="passerelle-editeur-"))
    shots = Path(sys.argv[2]) if len(sys.argv) > 2 else work / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    content = work / "Content"
    shutil.copytree(ROOT / "Content", content)
    process, port = start_serve(binary, content, work / "Output")
    base = f"http://127.0.0.1:{port}/"
    problems = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            create_card(browser, base, content, problems, shots)
            edit_card(browser, base, content, problems)
            refusals(port, problems)
            accessibility(browser, base, problems, shots)
            live_check(browser, base, port, content, problems, shots)
            browser.close()
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
    if problems:
        print("\n".join("FAIL " + problem for problem in problems))
        print(f"the content and site of this run are kept in {work}")
        sys.exit(1)
    shutil.rmtree(work, ignore_errors=True)
    print(f"editor: every check passed (screenshots in {shots})")


if __name__ == "__main__":
    main()
