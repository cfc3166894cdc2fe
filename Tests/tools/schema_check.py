#!/usr/bin/env python3
"""The schemas of `passerelle schema`, checked with a JSON Schema validator from PyPI (jsonschema, draft 2020-12).

    python3 Tests/tools/schema_check.py .build/debug/passerelle Content [Tests/Fixtures/money/all-shapes/Content ...]

For each content folder: the schemas are written twice (the bytes must be the same), each is a valid draft 2020-12
schema, every record's front matter, site.yml and indicators.yml validate against the schema of their kind (YAML read
as JSON: dates become "2014-01-10" strings, as an editor's YAML extension reads them), and a copy of the first card
with its `budget:` key misspelt `budjet:` is refused with a message naming `budjet`. Exits non-zero on any failure.
"""
import datetime
import json
import os
import pathlib
import subprocess
import sys
import tempfile

import jsonschema
import yaml


def as_json(value):
    """YAML values as a JSON document holds them: dates as ISO strings, keys as strings."""
    if isinstance(value, dict):
        return {str(key): as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def front_matter(text):
    """The YAML between the first two `---` lines of a record."""
    lines = text.lstrip("\ufeff").split("\n")
    if not lines or lines[0].strip() != "---":
        raise ValueError("no front matter")
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return "\n".join(lines[1:index])
    raise ValueError("front matter not closed")


def write_schemas(tool, content, output):
    subprocess.run([tool, "schema", "--content", content, "--output", output], check=True, stdout=subprocess.DEVNULL)
    return {path.name: path.read_bytes() for path in sorted(pathlib.Path(output).glob("*.schema.json"))}


def errors_of(validator, document):
    return sorted(validator.iter_errors(document), key=lambda error: list(error.absolute_path))


def describe(error):
    where = "/".join(str(part) for part in error.absolute_path) or "(racine)"
    return f"{where}: {error.message}"


def check_site(tool, content):
    failures = []
    with tempfile.TemporaryDirectory() as first, tempfile.TemporaryDirectory() as second:
        schemas = write_schemas(tool, content, first)
        if write_schemas(tool, content, second) != schemas:
            failures.append(f"{content}: two runs of passerelle schema wrote different bytes")
        validators = {}
        for name, data in schemas.items():
            schema = json.loads(data)
            jsonschema.Draft202012Validator.check_schema(schema)
            validators[name.removesuffix(".schema.json")] = jsonschema.Draft202012Validator(schema)

    checked = 0
    root = pathlib.Path(content)
    for name in ("site", "indicators"):
        path = root / f"{name}.yml"
        if path.exists():
            for error in errors_of(validators[name], as_json(yaml.safe_load(path.read_text(encoding="utf-8")))):
                failures.append(f"{path}: {describe(error)}")
            checked += 1
    first_card = None
    for path in sorted(root.rglob("*.md")):
        document = as_json(yaml.safe_load(front_matter(path.read_text(encoding="utf-8"))))
        kind = document.get("kind") if isinstance(document, dict) else None
        if kind not in validators:
            failures.append(f"{path}: no schema for kind {kind!r}")
            continue
        for error in errors_of(validators[kind], document):
            failures.append(f"{path}: {describe(error)}")
        checked += 1
        if kind == "project" and "budget" in document and first_card is None:
            first_card = (path, document)

    # A typo in a key is refused, and the message names it.
    if first_card is None:
        failures.append(f"{content}: no card with a budget to misspell")
    else:
        path, document = first_card
        typo = {("budjet" if key == "budget" else key): value for key, value in document.items()}
        messages = [describe(error) for error in errors_of(validators["project"], typo)]
        if not any("budjet" in message for message in messages):
            failures.append(f"{path} with budjet: not refused by name: {messages}")
        else:
            print(f"schema: {path.name} with 'budjet:' refused: {next(m for m in messages if 'budjet' in m)}")
    print(f"schema: {content}: {len(schemas)} schemas, {checked} files validated")
    return failures


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 64
    tool = os.path.abspath(sys.argv[1])
    failures = []
    for content in sys.argv[2:]:
        failures += check_site(tool, content)
    for failure in failures:
        print("FAIL " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
