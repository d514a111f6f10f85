"""Prints bench/run's results as one table, with each scenario's ratio to GET /health."""

import sys

rows = {}
memory = {}
exports = []
backups = []
colds = []
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) >= 3 and parts[1] == "export_csv":
        exports.append((parts[0], dict(p.split("=") for p in parts[2:])))
        continue
    if len(parts) >= 3 and parts[1] == "backup":
        backups.append((parts[0], dict(p.split("=", 1) for p in parts[2:5])))
        continue
    if len(parts) >= 3 and parts[1] == "metrics_cold":
        colds.append((parts[0], dict(p.split("=") for p in parts[2:])))
        continue
    if len(parts) >= 3 and parts[1] == "rss_kib":
        memory[parts[0]] = int(parts[2])
        continue
    if len(parts) < 3 or parts[2] != "RESULT":
        continue
    backend, name = parts[0], parts[1]
    fields = dict(p.split("=") for p in parts[3:])
    rows[(backend, name)] = fields

print(f"{'backend':9} {'scenario':15} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'vs health':>9} {'errors':>7} {'requests':>9}")
for (backend, name), fields in rows.items():
    health = rows.get((backend, "health"))
    ratio = float(fields["rps"]) / float(health["rps"]) if health else 0
    print(f"{backend:9} {name:15} {float(fields['rps']):9.0f} {float(fields['p50_ms']):8.2f} "
          f"{float(fields['p99_ms']):8.2f} {ratio:9.2f} {fields['errors']:>7} {fields['requests']:>9}")
for backend, kib in memory.items():
    print(f"{backend}: server resident memory after the run {kib / 1024:.0f} MiB")
for backend, fields in exports:
    print(f"{backend}: CSV export of {fields['lines']} incidents, {int(fields['bytes']) / 1e6:.1f} MB in "
          f"{float(fields['seconds']):.1f} s; server memory {int(fields['rss_before_kib']) / 1024:.0f} MiB before, "
          f"{int(fields['rss_peak_kib']) / 1024:.0f} MiB at its peak")
for backend, fields in backups:
    print(f"{backend}: backup {float(fields['seconds']):.1f} s, archive {int(fields['bytes']) / 1e6:.1f} MB; "
          f"restore {float(fields['restore_seconds']):.1f} s")
for backend, fields in colds:
    print(f"{backend}: the year's figures read cold (nothing kept) in {float(fields['seconds']):.2f} s")
