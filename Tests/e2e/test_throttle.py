"""#13: guessing an account's password from many addresses slows the guessers down, never the
owner: a browser that signed in to the account before is not held by the account's shared
count. Through a trusted proxy, X-Forwarded-For says who is asking."""

import os
import re
import urllib.error
import urllib.parse
import urllib.request
import http.cookiejar

from conftest import Riposte, own_database, PASSWORD


class Browser:
    def __init__(self, base_url, address):
        self.base_url, self.address = base_url, address
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def sign_in(self, email, password):
        headers = {"X-Forwarded-For": self.address}
        page = self.opener.open(urllib.request.Request(self.base_url + "/login", headers=headers), timeout=30)
        token = re.search(r'name="_csrf" value="([^"]+)"', page.read().decode()).group(1)
        form = urllib.parse.urlencode({"email": email, "password": password, "_csrf": token}).encode()
        try:
            with self.opener.open(urllib.request.Request(self.base_url + "/login", data=form, headers=headers),
                                  timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def forget_session(self):
        for cookie in list(self.jar):
            if cookie.name == "riposte_session":
                self.jar.clear(cookie.domain, cookie.path, cookie.name)


def test_guessers_from_many_addresses_never_keep_the_owner_out(tmp_path):
    server = Riposte(tmp_path, own_database(os.environ.get("E2E_DATABASE_URL") or None, "throttle"))
    server.env["RIPOSTE_TRUSTED_PROXIES"] = "127.0.0.1"
    assert server.create_user("owner@example.test", "reporter").returncode == 0
    server.start()
    try:
        owner = Browser(server.base_url, "198.51.100.1")
        assert owner.sign_in("owner@example.test", PASSWORD) == 200
        owner.forget_session()
        # Twenty guessers, each from an address of its own, one wrong password each.
        for index in range(20):
            assert Browser(server.base_url, f"203.0.113.{index + 1}").sign_in(
                "owner@example.test", "a wrong guess") in (401, 429)
        # A new browser with the right password now waits: the account's count holds it.
        assert Browser(server.base_url, "198.51.100.2").sign_in("owner@example.test", PASSWORD) == 429
        # The owner's own browser, from yet another address (at home), gets in.
        owner.address = "198.51.100.3"
        assert owner.sign_in("owner@example.test", PASSWORD) == 200
    finally:
        server.stop()
