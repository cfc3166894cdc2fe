import PasserelleModel

// Transitional, English-only reporting (rule "unclassified"), kept only for the code the numbers helper converts:
// `MappingReader.amount`/`share` and `CardDecoder.plainValue`/`metricValue`. Internal to this module so nothing else
// can use it; delete this file once those call sites use `error(_ rule:_:_:hint:)`.
extension DiagnosticCollector {
    func error(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        append(Diagnostic(.error, "unclassified", file: file, at: location, Bilingual(fr: message, en: message),
                          hint: hint.map { Bilingual(fr: $0, en: $0) }))
    }

    func warning(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        append(Diagnostic(.warning, "unclassified", file: file, at: location, Bilingual(fr: message, en: message),
                          hint: hint.map { Bilingual(fr: $0, en: $0) }))
    }
}
