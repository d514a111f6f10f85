import RiposteCore
import Testing

@testable import RiposteApp

@Suite("Query parameters")
struct QueryParametersTests {
    @Test("values are decoded once, the last of a repeated name wins") func values() throws {
        let query = QueryParameters("q=pare-feu+d%C3%A9faillant&limit=5&limit=7&to=&flag")
        #expect(query.names == ["q", "limit", "limit", "to", "flag"])
        #expect(try query.value("q") == "pare-feu défaillant")
        #expect(try query.value("limit") == "7")
        #expect(try query.pageLimit() == 7)
        #expect(try query.value("to") == "")
        #expect(try query.value("flag") == "")
        #expect(try query.value("status") == nil)
        #expect(QueryParameters(nil).names.isEmpty)
        #expect(QueryParameters("").names.isEmpty)
    }

    @Test("a broken percent-encoding is refused when the parameter is read") func broken() throws {
        let query = QueryParameters("q=%E9t%&limit=3")
        #expect(throws: FieldError.self) { try query.value("q") }
        #expect(try query.pageLimit() == 3)
    }

    @Test("unknown names, limits out of range and non-booleans are refused") func refused() throws {
        #expect(throws: APIError.self) { try QueryParameters("satus=open").refuseUnknown(["status"]) }
        #expect(throws: APIError.self) { try QueryParameters("=x").refuseUnknown(["status"]) }
        #expect(throws: FieldError.self) { try QueryParameters("limit=0").pageLimit() }
        #expect(throws: FieldError.self) { try QueryParameters("limit=ten").pageLimit() }
        #expect(throws: FieldError.self) { try QueryParameters("unread=yes").boolean("unread") }
        #expect(try QueryParameters("unread=false").boolean("unread") == false)
    }
}
