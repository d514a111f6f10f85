import Foundation
import RiposteCore
import Testing

@testable import RiposteApp

@Suite("Delivery failures")
struct DeliveryFailureTests {
    let catalogue = try! Catalogue.load()

    @Test("a failure is stored as its key and arguments and worded in the reader's language")
    func wordedInTheReadersLanguage() {
        let stored = DeliveryFailure("api.delivery.webhook_status", "503").stored
        #expect(DeliveryFailure.worded(stored, in: .en, wording: catalogue) == "The webhook answered HTTP 503.")
        #expect(DeliveryFailure.worded(stored, in: .fr, wording: catalogue) == "Le webhook a répondu HTTP 503.")
        #expect(DeliveryFailure.worded(stored, in: .nl, wording: catalogue) == "De webhook antwoordde HTTP 503.")
    }

    @Test("text stored before failures had keys, or that only looks like a key list, is shown as it was")
    func olderTextAsItWas() {
        for stored in ["HTTP 503 from the receiver", "[\"not.a.delivery.key\"]", "[]", "[1]"] {
            #expect(DeliveryFailure.worded(stored, in: .fr, wording: catalogue) == stored)
        }
    }

    @Test("an error that is not a delivery failure keeps its description, a receiver's words are cut short")
    func otherErrorsAndLongWords() {
        struct Odd: Error {}
        let other = DeliveryFailure(Odd())
        #expect(other.key == "api.delivery.other")
        #expect(other.arguments == [String(describing: Odd())])
        let long = DeliveryFailure("api.delivery.command_failed", "msmtp", "75", String(repeating: "x", count: 5000))
        #expect(long.arguments[2].count == DeliveryFailure.maxArgument)
        #expect(DeliveryFailure(long) == long)
    }
}
