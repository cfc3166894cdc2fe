import PasserelleEditor
import PasserelleModel
import PasserelleServe

/// Connects the form editor to the preview server: requests under `/_passerelle/editeur` go to it.
struct EditorHook: Sendable {
    let editor: FormEditor

    /// Nil when no token can be made (no `/dev/urandom`): the editor is then not served.
    static func make(content: String, port: UInt16, language: Language) -> EditorHook? {
        guard let token = FormEditor.makeToken() else { return nil }
        return EditorHook(editor: FormEditor(content: content, port: port, language: language, token: token))
    }

    /// The editor's answer, or nil for a request that is not the editor's.
    func respond(to request: Request) -> Response? {
        guard request.path == FormEditor.prefix || request.path.hasPrefix(FormEditor.prefix + "/") else { return nil }
        let answer = editor.respondBlocking(EditorRequest(method: request.method, path: request.path, query: request.query,
                                                          headers: request.headers, body: request.body))
        return Response(status: answer.status, headers: answer.headers, body: .bytes(answer.body))
    }
}
