"""What only a real server shows: body limits, headers, the served OpenAPI document."""

import json
import urllib.error
import urllib.request


def request(riposte, path, *, method="GET", token=None, body=None, headers=None):
    all_headers = dict(headers or {})
    if token:
        all_headers["Authorization"] = f"Bearer {token}"
    data = None
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        all_headers.setdefault("Content-Type", "application/json")
    req = urllib.request.Request(riposte.base_url + path, data=data, method=method, headers=all_headers)
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_health_needs_no_token(riposte):
    status, _, body = request(riposte, "/health")
    assert status == 200
    assert json.loads(body) == {"status": "ok"}


def test_openapi_document_is_served(riposte):
    status, headers, body = request(riposte, "/api/v1/openapi.yaml")
    assert status == 200
    assert body.startswith(b"openapi: 3.1.0")


def test_a_body_over_64_kib_gets_413_and_nothing_is_filed(riposte, admin_token):
    _, _, before = request(riposte, "/api/v1/incidents?limit=200", token=admin_token)
    huge = json.dumps({"title": "t", "description": "x" * 100_000}).encode()
    status, _, body = request(riposte, "/api/v1/incidents", method="POST", token=admin_token, body=huge)
    assert status == 413
    assert json.loads(body)["error"]["code"] == "payload_too_large"
    _, _, after = request(riposte, "/api/v1/incidents?limit=200", token=admin_token)
    assert json.loads(before)["items"] == json.loads(after)["items"]


def test_stale_if_match_gets_412(riposte, admin_token):
    _, headers, body = request(riposte, "/api/v1/incidents", method="POST", token=admin_token,
                               body={"title": "Onduleur", "description": "Alarme"})
    incident = json.loads(body)
    etag = headers["etag"] if "etag" in headers else headers["ETag"]
    path = f"/api/v1/incidents/{incident['id']}/journal"
    ok, _, _ = request(riposte, path, method="POST", token=admin_token, body={"kind": "note", "text": "a"},
                       headers={"If-Match": etag})
    stale, _, body = request(riposte, path, method="POST", token=admin_token, body={"kind": "note", "text": "b"},
                             headers={"If-Match": etag})
    assert (ok, stale) == (201, 412)
    assert json.loads(body)["error"]["code"] == "precondition_failed"


def resident_kib(riposte) -> int:
    for line in open(f"/proc/{riposte.server.pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def test_anonymous_uploads_are_refused_before_being_read_whole(riposte):
    """#13: the upload form's 10 MB limit is for those who may upload; anyone else's post is
    refused after a form's size, so 24 of them leave the server's memory as it was."""
    from concurrent.futures import ThreadPoolExecutor

    body = b"x" * (10 * 1024 * 1024)

    def post(_):
        headers = {"Content-Type": "multipart/form-data; boundary=b"}
        req = urllib.request.Request(riposte.base_url + "/documents", data=body, method="POST", headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return "closed"  # the server may close the connection once it has refused

    before = resident_kib(riposte)
    with ThreadPoolExecutor(max_workers=24) as pool:
        statuses = list(pool.map(post, range(24)))
    assert all(status in (413, "closed") for status in statuses), statuses
    status, _, _ = request(riposte, "/health")
    assert status == 200
    assert resident_kib(riposte) - before < 60 * 1024, "no 10 MB buffered per anonymous post"
