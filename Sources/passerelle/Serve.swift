import ArgumentParser
import Foundation

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the built site in a browser (not available yet).",
        discussion: """
        The development server (live reload on edit) is not part of this version. Until it is, build the \
        site and preview it with any static server, for example:

          passerelle build && python3 -m http.server --directory Output 8000

        then open http://localhost:8000/ in a browser.
        """
    )

    func run() throws {
        printError("passerelle serve is not available in this version; see `passerelle serve --help` for a way to preview.\n")
        throw ExitCode(1)
    }
}
