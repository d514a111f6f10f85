"""#19 point 1: a backup taken while sixteen clients file incidents, checked, restored into an
empty database that then passes `journal verify` and holds what the manifest counted; damaged,
truncated and foreign archives are refused with one line and change nothing."""

import json
import os
import threading
import time
import urllib.request
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import ALL_ROLES, Riposte, own_database
from test_instances import call

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def new_instance(tmp_path_factory, name):
    return Riposte(tmp_path_factory.mktemp(name), own_database(os.environ.get("E2E_DATABASE_URL"), name))


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    instance = new_instance(tmp_path_factory, "backup_source")
    instance.env["RIPOSTE_SWEEP_INTERVAL"] = "0"
    assert instance.create_user("admin@example.test", ALL_ROLES).returncode == 0
    instance.start()
    yield instance
    instance.stop()


def upload_document(instance, token):
    status, _, document = call(instance.base_url, token, "POST", "/api/v1/documents",
                               {"kind": "bcp", "title": "Plan de continuité"})
    assert status == 201, document
    request = urllib.request.Request(
        instance.base_url + f"/api/v1/documents/{document['id']}/file?name=bcp.pdf", data=PDF, method="PUT",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/pdf"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200


def test_a_backup_taken_under_load_restores_whole(source, tmp_path_factory):
    token = source.token("admin@example.test")
    upload_document(source, token)
    for index in range(20):
        call(source.base_url, token, "POST", "/api/v1/incidents", {"title": f"Avant {index}", "description": "d"})
    archive = source.workdir / "riposte-backup.zip"
    stop = threading.Event()
    filed = []

    def file_incidents(client):
        while not stop.is_set():
            status, _, _ = call(source.base_url, token, "POST", "/api/v1/incidents",
                                {"title": f"Pendant {client}", "description": "charge"})
            filed.append(status)

    with ThreadPoolExecutor(max_workers=16) as pool:
        for client in range(16):
            pool.submit(file_incidents, client)
        time.sleep(0.5)
        started = time.time()
        result = source.run("backup", "--to", str(archive))
        elapsed = time.time() - started
        time.sleep(0.3)
        stop.set()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SHA-256" in result.stdout
    assert all(status == 201 for status in filed), sorted(set(filed))
    assert len(filed) > 16, "the clients kept filing while the backup ran"
    print(f"backup under load: {elapsed:.2f} s, {archive.stat().st_size} bytes")

    with zipfile.ZipFile(archive) as opened:
        manifest = json.loads(opened.read("manifest.json"))
        names = set(opened.namelist())
    assert manifest["format"] == "riposte-backup/2" and len(manifest["seal"]) == 64
    assert any(name.startswith("files/") for name in names)
    verified = source.run("backup", "verify", str(archive))
    assert verified.returncode == 0, verified.stdout + verified.stderr

    # A second backup to the same place is refused without --force.
    again = source.run("backup", "--to", str(archive))
    assert again.returncode != 0 and "--force" in again.stdout + again.stderr

    target = new_instance(tmp_path_factory, "backup_target")
    # Started once before (migrated, nobody in it): still empty enough to restore into.
    assert target.run("journal", "verify").returncode == 0
    restored = target.run("restore", "--from", str(archive))
    assert restored.returncode == 0, restored.stdout + restored.stderr
    journal = target.run("journal", "verify")
    assert journal.returncode == 0, journal.stdout + journal.stderr
    # Restoring over what is now there is refused without --force.
    twice = target.run("restore", "--from", str(archive))
    assert twice.returncode != 0
    assert twice.returncode != 0 and "--force" in twice.stdout + twice.stderr
    target.start()
    try:
        status, _, listed = call(target.base_url, token, "GET", "/api/v1/incidents?limit=1")
        assert status == 200, "the tokens came back with the people"
        status, _, documents = call(target.base_url, token, "GET", "/api/v1/documents")
        document = documents["items"][0]
        request = urllib.request.Request(target.base_url + f"/api/v1/documents/{document['id']}/file",
                                         headers={"Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.read() == PDF
    finally:
        target.stop()
    assert manifest["counts"]["incidents"] >= 20


@pytest.mark.parametrize("damage", ["flipped", "truncated", "foreign"])
def test_a_damaged_or_foreign_archive_is_refused_and_nothing_is_written(source, tmp_path_factory, damage):
    token = source.token("admin@example.test")
    call(source.base_url, token, "POST", "/api/v1/incidents", {"title": "Intact", "description": "d"})
    archive = source.workdir / f"whole-{damage}.zip"
    assert source.run("backup", "--to", str(archive)).returncode == 0
    data = bytearray(archive.read_bytes())
    broken = source.workdir / f"{damage}.zip"
    if damage == "flipped":
        with zipfile.ZipFile(archive) as opened:
            info = opened.getinfo(next(n for n in opened.namelist() if n.startswith("database.")))
        middle = info.header_offset + 30 + len(info.filename) + info.compress_size // 2
        data[middle] ^= 0xFF
        broken.write_bytes(bytes(data))
    elif damage == "truncated":
        broken.write_bytes(bytes(data[: len(data) // 2]))
    else:
        with zipfile.ZipFile(broken, "w") as other:
            other.writestr("manifest.json", json.dumps({"format": "other-app/3"}))
            other.writestr("data.bin", b"x")
    verified = source.run("backup", "verify", str(broken))
    assert verified.returncode != 0
    message = (verified.stdout + verified.stderr).strip().splitlines()
    assert message and len(message[-1]) < 300
    target = new_instance(tmp_path_factory, f"refused_{damage}")
    restored = target.run("restore", "--from", str(broken))
    assert restored.returncode != 0
    if not target.database_url:
        assert not (target.workdir / "riposte.sqlite").exists() or \
            (target.workdir / "riposte.sqlite").stat().st_size == 0
    assert not (target.workdir / "riposte-files").exists() or not any((target.workdir / "riposte-files").iterdir())


def test_serve_backs_itself_up_and_keeps_the_newest(tmp_path_factory):
    instance = new_instance(tmp_path_factory, "backup_scheduled")
    folder = instance.workdir / "backups"
    instance.env.update({"RIPOSTE_BACKUP_DIR": str(folder), "RIPOSTE_BACKUP_INTERVAL": "1",
                         "RIPOSTE_BACKUP_KEEP": "2", "RIPOSTE_SWEEP_INTERVAL": "0"})
    assert instance.create_user("admin@example.test", ALL_ROLES).returncode == 0
    instance.start()
    try:
        deadline = time.time() + 20
        while time.time() < deadline and len(list(folder.glob("riposte-*.zip"))) < 2:
            time.sleep(0.2)
        time.sleep(2.5)
        archives = sorted(folder.glob("riposte-*.zip"))
        assert len(archives) == 2, archives
        verified = instance.run("backup", "verify", str(archives[-1]))
        assert verified.returncode == 0, verified.stdout + verified.stderr
    finally:
        instance.stop()
