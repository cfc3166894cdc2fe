import PasserelleModel

// Media: `media/…` references resolved from any page.
extension PageContext {
    /// An address written in a record's field (`links`, `source`, `website`), safe to publish and, for a file of
    /// `media/`, relative to this page's way back to the site's root; nil when it must not be published.
    func link(_ address: String) -> String? {
        safeURL(address).map { MediaPath.resolve($0, root: root) }
    }
}
