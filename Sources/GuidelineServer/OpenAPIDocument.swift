/// The OpenAPI 3.1 description of the REST API (`GET /openapi.json`), written by hand.
enum OpenAPIDocument {
    /// The document.
    static let json = """
    {"openapi":"3.1.0","info":{"title":"guideline","version":"1"},"paths":{}}

    """
}
