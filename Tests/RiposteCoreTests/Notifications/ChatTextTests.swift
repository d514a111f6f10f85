import RiposteCore
import Testing

@Suite("Chat text: people's words stay words in Slack, Mattermost and Teams (#13)")
struct ChatTextTests {
    let hostile = "<!channel> @all <https://evil.example/reset|Password expired: click> & [here](https://evil.example)"

    @Test("Slack: no command, no disguised link, the ampersand kept as text")
    func slack() {
        let text = ChatText.slack(hostile)
        #expect(!text.contains("<") && !text.contains(">"))
        #expect(text.hasPrefix("&lt;!channel&gt; @all &lt;https://evil.example/reset|Password"))
        #expect(text.contains(" &amp; "))
    }

    @Test("Mattermost: no mention notifies, no Markdown link or emphasis")
    func mattermost() {
        let text = ChatText.mattermost(hostile)
        #expect(!text.contains("@all") && text.contains("@\u{2060}all"))
        #expect(text.contains("\\[here\\]\\(https://evil.example\\)"))
        #expect(ChatText.mattermost("**gras** _x_") == "\\*\\*gras\\*\\* \\_x\\_")
        #expect(ChatText.mattermost("Serveur en panne") == "Serveur en panne")
    }

    @Test("Teams: no HTML element, no Markdown link; line breaks kept")
    func teams() {
        let text = ChatText.teams("<a href=\"https://evil.example\">clic</a>\n[ici](https://evil.example)")
        #expect(!text.contains("<a") && !text.contains("\""))
        #expect(text.hasPrefix("&#60;a href=&#34;https://evil.example&#34;&#62;clic&#60;/a&#62;<br>"))
        #expect(text.contains("&#91;ici&#93;&#40;"))
        #expect(ChatText.teams("Messagerie") == "Messagerie")
    }
}
