#!/usr/bin/env python3
"""Checks of a built site that need no browser.

    python3 Tests/browser/site_checks.py SITE_DIR

- no page holds a placeholder ("nil", "Optional(", "{{") or an empty link (`href=""`);
- `feed.xml` parses with feedparser, has entries, and every link in it is absolute and under `base_url`;
- `sitemap.xml` lists every HTML page of the site (redirect pages and 404.html apart), with absolute addresses;
- `robots.txt` names the sitemap;
- linkchecker, over a local HTTP server, finds no broken link (pages, assets, data files, anchors).

Exits non-zero if anything fails, printing every problem.
"""
import functools
import http.server
import re
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser

PLACEHOLDERS = [re.compile(r"\bnil\b"), re.compile(r"Optional\("), re.compile(r"\{\{"), re.compile(r"""href=(""|'')""")]
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # linkchecker closes a connection once it has what it needs: a broken pipe on our side is not a problem of
        # the site, and its traceback would only clutter the test output. Anything else is still printed.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def serve(directory):
    handler = functools.partial(QuietHandler, directory=directory)
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def is_redirect(text):
    return 'http-equiv="refresh"' in text


def html_pages(site):
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)


def check_placeholders(site, problems):
    pages = html_pages(site)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        # Text only: a word "nil" inside a URL or a script of Pagefind's is not a placeholder.
        for pattern in PLACEHOLDERS:
            match = pattern.search(text)
            if match:
                start = max(match.start() - 60, 0)
                problems.append(f"{page.relative_to(site)}: placeholder {match.group(0)!r} in …{text[start:match.end() + 40]!r}…")
    print(f"placeholders: {len(pages)} pages read")


def base_url(site):
    robots = site / "robots.txt"
    if not robots.exists():
        return None
    for line in robots.read_text(encoding="utf-8").splitlines():
        if line.lower().startswith("sitemap:"):
            return line.split(":", 1)[1].strip().rsplit("sitemap.xml", 1)[0]
    return None


def check_feed(site, base, problems):
    feed_path = site / "feed.xml"
    if not feed_path.exists():
        problems.append("feed.xml is missing")
        return
    feed = feedparser.parse(feed_path.read_bytes())
    if feed.bozo:
        problems.append(f"feed.xml does not parse: {feed.bozo_exception}")
    if not feed.entries:
        problems.append("feed.xml has no entry")
    links = [feed.feed.get("link", "")] + [link.get("href", "") for entry in feed.entries for link in entry.get("links", [])]
    links += [entry.get("id", "") for entry in feed.entries]
    for link in links:
        if not link.startswith(base):
            problems.append(f"feed.xml: link {link!r} is not an absolute address under {base}")
    print(f"feed.xml: {len(feed.entries)} entries, {len(links)} absolute links")


def check_sitemap(site, base, problems):
    sitemap_path = site / "sitemap.xml"
    if not sitemap_path.exists():
        problems.append("sitemap.xml is missing")
        return
    root = ET.fromstring(sitemap_path.read_bytes())
    listed = {loc.text for loc in root.iter(SITEMAP_NS + "loc")}
    expected = set()
    for page in html_pages(site):
        relative = page.relative_to(site).as_posix()
        if relative == "404.html" or is_redirect(page.read_text(encoding="utf-8")):
            continue
        expected.add(base + (relative[: -len("index.html")] if relative.endswith("index.html") else relative))
    for missing in sorted(expected - listed):
        problems.append(f"sitemap.xml does not list {missing}")
    for extra in sorted(listed - expected):
        problems.append(f"sitemap.xml lists {extra}, which is not a page of the site")
    print(f"sitemap.xml: {len(listed)} addresses, {len(expected)} pages")


def check_links(site, problems):
    server = serve(str(site))
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    # External links are not followed (no network); anchors are (linkcheckerrc: a figure links to its definition).
    config = Path(__file__).with_name("linkcheckerrc")
    # linkchecker run as root switches to the user `nobody`, who cannot read a Python installed under /root: the
    # command runs in a child Python that keeps the current user (it only reads our own pages on loopback).
    runner = ("import sys, linkcheck.command.linkchecker as command\n"
              "command.drop_privileges = lambda: None\n"
              "sys.argv = ['linkchecker'] + sys.argv[1:]\n"
              "sys.exit(command.linkchecker())")
    result = subprocess.run([sys.executable, "-c", runner, "--config", str(config), "--no-status",
                             "--no-robots", "--ignore-url", r"^mailto:", "--ignore-url", r"^tel:", url],
                            capture_output=True, text=True)
    server.shutdown()
    if result.returncode != 0 or " 0 warnings found" not in result.stdout:
        report = result.stdout[result.stdout.find("Start checking"):] + result.stderr[-3000:]
        problems.append("linkchecker found broken links or failed:\n" + "\n".join(
            line for line in report.splitlines() if line.strip()))
    summary = [line for line in result.stdout.splitlines() if "links in" in line or "checked" in line]
    print("linkchecker: " + (summary[-1].strip() if summary else f"exit {result.returncode}"))


def main():
    site = Path(sys.argv[1])
    problems = []
    check_placeholders(site, problems)
    base = base_url(site)
    if base is None:
        problems.append("robots.txt has no Sitemap line (is base_url set in site.yml?)")
    else:
        check_feed(site, base, problems)
        check_sitemap(site, base, problems)
    check_links(site, problems)
    for problem in problems:
        print(f"FAIL {problem}")
    print(f"site checks: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
