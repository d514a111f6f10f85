import RiposteCore
import Testing

@testable import RiposteApp
@testable import RiposteStorage

@Suite("Register keys")
struct RegisterKeyTests {
    let now: Int64 = 1_795_000_000_123

    func inc(_ sequence: Int) -> IncidentNumber { IncidentNumber(year: 2026, sequence: sequence) }

    @Test("keys of different milliseconds sort as their dates, whatever the sequence") func order() {
        #expect(
            RegisterKey.of(reportedAtMilliseconds: now, number: inc(1))
                > RegisterKey.of(reportedAtMilliseconds: now - 1, number: inc(99_999)))
        #expect(
            RegisterKey.of(reportedAtMilliseconds: now + 1, number: inc(1))
                > RegisterKey.of(reportedAtMilliseconds: now, number: inc((1 << 20) - 1)))
    }

    @Test("incidents of one millisecond get distinct keys within its range") func sameMillisecond() {
        let keys = (1...1000).map { RegisterKey.of(reportedAtMilliseconds: now, number: inc($0)) }
        #expect(Set(keys).count == 1000)
        for key in keys {
            #expect(key >= RegisterKey.first(ofMillisecond: now))
            #expect(key < RegisterKey.first(ofMillisecond: now + 1))
        }
    }

    @Test("an exercise and an incident of one millisecond and sequence get distinct keys") func series() {
        let incident = RegisterKey.of(reportedAtMilliseconds: now, number: inc(7))
        let exercise = RegisterKey.of(
            reportedAtMilliseconds: now, number: IncidentNumber(.exercise, year: 2026, sequence: 7))
        #expect(incident != exercise)
        #expect(exercise >= RegisterKey.first(ofMillisecond: now))
        #expect(exercise < RegisterKey.first(ofMillisecond: now + 1))
    }

    @Test("a sequence past 19 bits keeps the key inside its millisecond") func wideSequence() {
        let key = RegisterKey.of(reportedAtMilliseconds: now, number: inc((1 << 19) + 5))
        #expect(key == RegisterKey.of(reportedAtMilliseconds: now, number: inc(5)))
        #expect(key >= RegisterKey.first(ofMillisecond: now))
        #expect(key < RegisterKey.first(ofMillisecond: now + 1))
    }

    @Test("dates until the year 2200 and more fit (2^43 ms)") func range() {
        let year2200: Int64 = 7_258_118_400_000
        let key = RegisterKey.of(reportedAtMilliseconds: year2200, number: inc(12_345))
        #expect(key > 0)
        #expect(key >= RegisterKey.first(ofMillisecond: year2200))
        #expect(key < RegisterKey.first(ofMillisecond: year2200 + 1))
    }
}
