#!/usr/bin/env python3
"""Resolves the merge of branch `schema` with branch `diag` (run at the repository root, mid-merge, after
`git checkout --ours` or `--theirs` of the diag side of the three decoder files): the diag texts are kept, and
every `allowed: [...]` literal becomes the named list of DecoderKeys.swift (same keys, same order)."""
import re
subs = {
 'Sources/PasserelleContent/CardDecoder.swift': [
  (r'allowed: \["name", "year", "jury_comment"\]', 'allowed: awardKeys'),
  (r'allowed: \["name", "type"\]', 'allowed: carrierKeys'),
  (r'allowed: \["name", "level", "departments", "communes", "population", "region"\]', 'allowed: territoryKeys'),
  (r'allowed: \["start", "end"\]', 'allowed: periodKeys'),
  (r'allowed: \["label", "target"\]', 'allowed: objectiveKeys'),
  (r'allowed: \["amount", "label"\] \+ horizonKeys', 'allowed: budgetLineKeys'),
  (r'allowed: \["funder", "funders", "amount", "share", "note", "convention_date",\s*"decision_reference", "payment_conditions", "payment_dates", "eu_notification"\]\s*\+ horizonKeys\)', 'allowed: fundingLineKeys)'),
  (r'allowed: \["value", "approx"\]', 'allowed: approximateKeys'),
  (r'allowed: \["min", "max"\]', 'allowed: rangeKeys'),
  (r'allowed: \["total", "parts"\]', 'allowed: totalKeys'),
  (r'allowed: \["organisation", "role"\]', 'allowed: partnerKeys'),
  (r'allowed: \["name", "description", "actors"\]', 'allowed: valueChainKeys'),
  (r'allowed: \["name", "organisation", "role"\]', 'allowed: actorKeys'),
  (r'allowed: \["name", "role", "organisation", "phone", "email", "address"\]', 'allowed: contactKeys'),
  (r'allowed: \["label", "url"\]', 'allowed: linkKeys')],
 'Sources/PasserelleContent/RecordDecoder.swift': [
  (r'allowed: \["label", "url", "licence"\]', 'allowed: sourceKeys'),
  (r'allowed: \["value", "unit", "label"\]', 'allowed: figureKeys')],
 'Sources/PasserelleContent/SettingsDecoder.swift': [
  (r'allowed: \["title", "description", "base_url", "language", "publisher", "licence",\s*"contacts_privacy", "sections", "themes", "markdown"\]\)', 'allowed: siteKeys)'),
  (r'(en: "the publisher"\), )allowed: \["name", "url"\]', r'\1allowed: publisherKeys'),
  (r'(en: "the licence"\), )allowed: \["name", "url"\]', r'\1allowed: licenceKeys'),
  (r'allowed: \["unsafe_html"\]', 'allowed: markdownKeys'),
  (r'allowed: \["title", "label", "description"\]', 'allowed: declarationKeys'),
  (r'allowed: \["metrics", "indicators"\]', 'allowed: dictionaryKeys'),
  (r'allowed: \["label", "unit", "parts", "description"\]', 'allowed: metricKeys'),
  (r'allowed: \["label", "unit", "formula", "aggregate", "description", "caveat"\]', 'allowed: indicatorKeys')],
}
for path, pairs in subs.items():
    text = open(path).read()
    for pattern, replacement in pairs:
        text, count = re.subn(pattern, replacement, text)
        assert count == 1, (path, pattern, count)
    open(path, 'w').write(text)
print("decoders: allowed: lists replaced by the names of DecoderKeys.swift")
