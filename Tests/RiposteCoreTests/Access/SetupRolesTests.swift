import Testing

@testable import RiposteCore

@Suite("The first administrator's roles")
struct SetupRolesTests {
    @Test("all the plan's roles, administration only, or those ticked, always with administration")
    func choices() throws {
        #expect(try SetupRoles.roles(choice: "all", ticked: []) == Set(Role.allCases))
        #expect(try SetupRoles.roles(choice: "admin", ticked: ["incident_manager"]) == [.admin])
        #expect(
            try SetupRoles.roles(choice: "chosen", ticked: ["incident_manager", "helpdesk_operator"])
                == [.admin, .incidentManager, .helpdeskOperator])
        #expect(try SetupRoles.roles(choice: nil, ticked: []) == [.admin], "a form without the question")
        #expect(PermissionMatrix.allows(try SetupRoles.roles(choice: "all", ticked: []), .qualify))
    }

    @Test("an unknown choice or role is refused")
    func refused() {
        #expect(throws: FieldError(field: "roles", problem: .invalid)) {
            try SetupRoles.roles(choice: "everything", ticked: [])
        }
        #expect(throws: FieldError(field: "roles", problem: .invalid)) {
            try SetupRoles.roles(choice: "chosen", ticked: ["ceo"])
        }
    }
}
