"""#13: uploads go to disk as they arrive, for those who may upload only, and a forged or
oversize one leaves nothing behind."""

import json
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import PASSWORD, Visitor

MB = 1024 * 1024


def resident_kib(riposte) -> int:
    for line in open(f"/proc/{riposte.server.pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def files_dir(riposte) -> Path:
    return riposte.workdir / "riposte-files"


def stored(riposte) -> list[str]:
    folder = files_dir(riposte)
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.fixture(scope="module")
def uploader(riposte) -> Visitor:
    result = riposte.create_user("archiviste@example.test", "admin")
    assert result.returncode == 0, result.stderr
    visitor = Visitor(riposte.base_url)
    visitor.get("/login")
    assert visitor.post("/login", {"email": "archiviste@example.test", "password": PASSWORD}) == 200
    visitor.get("/documents")
    return visitor


def form(visitor: Visitor, title: str, data: bytes, token_first: bool = True) -> list[tuple]:
    token = ("_csrf", visitor.csrf)
    parts = [("kind", "other"), ("title", title), ("file", data, "notes.txt", "text/plain")]
    return [token, *parts] if token_first else [*parts, token]


def test_eight_large_uploads_at_once_are_written_to_disk_not_held_in_memory(riposte, uploader):
    before_files = set(stored(riposte))
    data = b"Plan de reprise\n" * (5 * MB // 16)
    peak = [resident_kib(riposte)]
    before = peak[0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], resident_kib(riposte))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(lambda i: uploader.post_multipart(
                "/documents", form(uploader, f"Gros document {i}", data)), range(8)))
    finally:
        done.set()
        sampler.join()
    assert [status for status, _ in results] == [200] * 8, [s for s, _ in results]
    new = set(stored(riposte)) - before_files
    assert len(new) == 8 and all((files_dir(riposte) / name).stat().st_size == len(data) for name in new)
    # Held in memory, eight 5 MB files would take 40 MB at least (2 MB was seen, streamed).
    assert (peak[0] - before) < 20 * 1024, f"resident grew by {(peak[0] - before) // 1024} MB"


def test_a_token_after_the_file_is_refused_and_nothing_is_written(riposte, uploader):
    before = stored(riposte)
    status, _ = uploader.post_multipart("/documents", form(uploader, "Forgé", b"x" * MB, token_first=False))
    assert status == 403
    assert stored(riposte) == before


def test_an_oversize_upload_is_refused_and_leaves_no_partial_file(riposte, uploader, admin_token):
    before = stored(riposte)
    status, _ = uploader.post_multipart("/documents", form(uploader, "Trop gros", b"y" * (11 * MB)))
    assert status in (413, "closed")
    created = urllib.request.Request(
        riposte.base_url + "/api/v1/documents", method="POST",
        data=json.dumps({"kind": "other", "title": "Par l'API"}).encode(),
        headers={"Authorization": f"Bearer {admin_token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(created, timeout=30) as response:
        document = json.loads(response.read())
    upload = urllib.request.Request(
        riposte.base_url + f"/api/v1/documents/{document['id']}/file?name=big.txt", method="PUT",
        # Chunked, without a length to refuse it by: the limit holds while the file arrives.
        data=iter([b"z" * MB] * 11),
        headers={"Authorization": f"Bearer {admin_token}", "Content-Type": "text/plain"})
    try:
        urllib.request.urlopen(upload, timeout=60)
        status = 200
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError:
        status = "closed"
    assert status in (413, "closed")
    assert stored(riposte) == before, "no file and no .part file left"
