import Testing

@testable import RiposteApp

@Suite("PostgreSQL addresses for pg_dump and pg_restore")
struct PostgresAddressTests {
    @Test("the password leaves the URL for PGPASSWORD; a URL without one is kept as is")
    func split() {
        let (address, password) = PostgresAddress.split(
            "postgres://riposte:s%40cret@db.local:5432/riposte?sslmode=disable")
        #expect(address == "postgres://riposte@db.local:5432/riposte?sslmode=disable")
        #expect(password == "s@cret")
        let plain = PostgresAddress.split("postgres://postgres@127.0.0.1:5432/riposte")
        #expect(plain.address == "postgres://postgres@127.0.0.1:5432/riposte" && plain.password == nil)
    }
}
