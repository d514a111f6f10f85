"""Signs in SESSIONS browsers (person1..8@example.test, in turn) and prints, for each, its
session cookie and its form token: what bench/lua/pages.lua sends."""

import http.cookiejar
import re
import sys
import urllib.parse
import urllib.request

base, count = sys.argv[1], int(sys.argv[2])
# One e-mail for every session when given (bench/run's one person), person1..8 otherwise.
email = sys.argv[3] if len(sys.argv) > 3 else None
for index in range(count):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/login", timeout=30).read().decode()
    token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    form = {"email": email or f"person{index % 8 + 1}@example.test", "password": "a long enough bench password",
            "_csrf": token}
    page = opener.open(base + "/login", data=urllib.parse.urlencode(form).encode(), timeout=30).read().decode()
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    cookie = next(c for c in jar if c.name == "riposte_session")
    print(f"riposte_session={cookie.value}\t{csrf}")
