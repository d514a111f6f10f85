import RiposteCore
import Testing

@Suite("IP addresses and ranges: trusted proxies and webhook targets (#13)")
struct IPAddressTests {
    @Test("IPv4 and IPv6 text, with compression, brackets, zones and mapped IPv4")
    func parsing() {
        #expect(IPAddress("192.168.1.20")?.bytes == [192, 168, 1, 20])
        #expect(IPAddress("::1")?.bytes == Array(repeating: 0, count: 15) + [1])
        #expect(IPAddress("[fe80::1%eth0]")?.description == "fe80:0:0:0:0:0:0:1")
        #expect(IPAddress("::ffff:127.0.0.1")?.bytes == [127, 0, 0, 1])
        #expect(IPAddress("2001:db8:0:0:0:0:2:1") == IPAddress("2001:db8::2:1"))
        for bad in ["", "1.2.3", "1.2.3.256", "01234.1.1.1", "::1::", "12345::", "1:2:3:4:5:6:7:8:9", "host.example"] {
            #expect(IPAddress(bad) == nil, "\(bad)")
        }
    }

    @Test("internal addresses: loopback, link-local, private, multicast; public ones are not")
    func internalAddresses() {
        for address in [
            "127.0.0.1", "169.254.169.254", "10.1.2.3", "172.16.0.1", "192.168.0.10", "100.64.0.1", "0.0.0.0",
            "224.0.0.1", "255.255.255.255", "::1", "::", "fd00::1", "fe80::1", "ff02::1", "::ffff:10.0.0.1",
        ] {
            #expect(IPAddress(address)?.isInternal == true, "\(address)")
        }
        for address in ["8.8.8.8", "172.32.0.1", "2a00:1450:4007:80e::200e", "1.1.1.1"] {
            #expect(IPAddress(address)?.isInternal == false, "\(address)")
        }
    }

    @Test("ranges contain what their prefix covers, and nothing of the other family")
    func ranges() throws {
        let range = try #require(IPRange("10.0.0.0/8"))
        #expect(range.contains(IPAddress("10.255.1.1")!))
        #expect(!range.contains(IPAddress("11.0.0.1")!))
        #expect(!range.contains(IPAddress("::1")!))
        #expect(IPRange("192.168.1.7")?.contains(IPAddress("192.168.1.7")!) == true)
        #expect(IPRange("172.16.0.0/12")?.contains(IPAddress("172.31.255.255")!) == true)
        #expect(IPRange.list("10.0.0.0/8, ::1")?.count == 2)
        #expect(IPRange.list("10.0.0.0/33") == nil)
        #expect(IPRange.list("") == [])
    }
}

@Suite("Webhook reach: no post to the inside unless allowed (#13)")
struct WebhookReachTests {
    @Test("an internal address is refused; a public one passes; an allowed range lets its own through")
    func reach() throws {
        let metadata = try #require(IPAddress("169.254.169.254"))
        let chat = try #require(IPAddress("10.0.0.5"))
        let outside = try #require(IPAddress("203.0.114.1"))
        #expect(WebhookReach.refused([outside], allowed: []) == nil)
        #expect(WebhookReach.refused([outside, metadata], allowed: []) == metadata)
        #expect(WebhookReach.refused([chat], allowed: []) == chat)
        let onPremises = try #require(IPRange.list("10.0.0.0/8"))
        #expect(WebhookReach.refused([chat], allowed: onPremises) == nil)
        #expect(WebhookReach.refused([chat, metadata], allowed: onPremises) == metadata)
    }
}
