"""The multi-process booking race behind bench/race (Python standard library only).

Given the base URLs of two or more Carebook processes sharing one database, and that
database's URL, it picks many "slots" (a practitioner and a time, spread over days and
practitioners), and for each fires ATTEMPTS booking requests at once, split across the
processes, for services of different lengths starting at overlapping times in the slot's
window (a 40-minute visit at 10:00 against 20-minute visits at 10:15 and 10:30, or 60-minute
physiotherapy plus its 10-minute buffer against the same at 10:15...). Then it reads the
database back and checks what a patient and a clinic would notice:

  - no two booked visits of one practitioner overlap, buffers included;
  - every visit the API confirmed (201) is in the database as booked, at the time confirmed,
    and its visit page answers on every process;
  - nothing was written that was not confirmed, and every booking has its patient record and
    its "booked" event;
  - every refusal was a clean 409 slot_taken (no 5xx, no dropped connection);
  - every slot got at least one booking (the candidates were all free when the round began).

Prints the figures and exits 1 when any check fails. Timing is printed, never checked.
"""

import argparse
import concurrent.futures
import datetime
import http.client
import json
import os
import random
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

RACE_NAME = "Race Patient"
WINDOW_MINUTES = 45  # candidates start within this long after the slot's anchor time


def get_json(base, path):
    with urllib.request.urlopen(base + path, timeout=30) as response:
        return json.load(response)


def epoch(iso):
    return int(datetime.datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp())


def iso(seconds):
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )


# --- the database, read directly --------------------------------------------------------


def query(database_url, sql):
    """Rows of `sql` as lists of strings (NULL as None), on SQLite or PostgreSQL."""
    if database_url.startswith("sqlite:"):
        path = database_url[len("sqlite:") :].split("?")[0]
        if path.startswith("//"):
            path = path[2:]
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        try:
            return [
                [None if value is None else str(value) for value in row]
                for row in connection.execute(sql)
            ]
        finally:
            connection.close()
    psql = os.environ.get("PSQL", "psql")
    # Unit separator between fields, and NULL spelled so it cannot be mistaken for a value.
    output = subprocess.run(
        [psql, "-qAt", "-v", "ON_ERROR_STOP=1", "-F", "\x1f", "-P", "null=\x1eNULL",
         database_url, "-c", sql],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [
        [None if value == "\x1eNULL" else value for value in line.split("\x1f")]
        for line in output.splitlines()
        if line
    ]


# --- choosing the slots -----------------------------------------------------------------


def free_starts(base, clinic, days_ahead, days):
    """{practitioner_id: {start_epoch: {(service_id, end_epoch, local_date)}}} from availability."""
    today = datetime.datetime.now(datetime.timezone.utc).date()
    first = today + datetime.timedelta(days=days_ahead)
    last = first + datetime.timedelta(days=days - 1)
    free = {}
    for practitioner in clinic["practitioners"]:
        starts = free.setdefault(practitioner["id"], {})
        for service_id in practitioner["service_ids"]:
            query_string = urllib.parse.urlencode(
                {
                    "service_id": service_id,
                    "practitioner_id": practitioner["id"],
                    "from": first.isoformat(),
                    "to": last.isoformat(),
                }
            )
            answer = get_json(base, f"/api/clinics/demo/availability?{query_string}")
            for slot in answer["slots"]:
                starts.setdefault(epoch(slot["start"]), set()).add(
                    (service_id, epoch(slot["end"]), slot["local_date"])
                )
    return free


def choose_slots(free, durations, wanted):
    """Up to `wanted` (practitioner, anchor, candidates) spread over days and practitioners.

    A slot's candidates are every (service, start) free within WINDOW_MINUTES of its anchor:
    different lengths at overlapping times. Anchors of one practitioner are kept far enough
    apart that their windows never reach each other, so each slot is its own contest.
    """
    window = WINDOW_MINUTES * 60
    longest = max(durations.values()) * 60 + 3600  # the longest visit and any buffer
    by_day = {}
    for practitioner, starts in free.items():
        for start in sorted(starts):
            local_date = next(iter(starts[start]))[2]
            by_day.setdefault((local_date, practitioner), []).append(start)
    groups = []
    for (local_date, practitioner), starts in sorted(by_day.items()):
        anchors = []
        for anchor in starts:
            if anchors and anchor < anchors[-1][1] + window + longest:
                continue
            candidates = [
                (service, start)
                for start in starts
                if anchor <= start <= anchor + window
                for (service, _end, _date) in free[practitioner][start]
            ]
            lengths = {durations[service] for service, _ in candidates}
            # Mixed lengths where the practitioner offers them; otherwise overlapping starts.
            if len(lengths) >= 2 or (len(candidates) >= 3 and len(set(durations)) > 1):
                anchors.append((practitioner, anchor, candidates))
        groups.append(anchors)
    chosen = []
    # Round-robin over (day, practitioner): the first slot of every day first, and so on.
    depth = 0
    while len(chosen) < wanted and any(depth < len(g) for g in groups):
        for anchors in groups:
            if depth < len(anchors) and len(chosen) < wanted:
                chosen.append(anchors[depth])
        depth += 1
    return chosen


# --- the race ---------------------------------------------------------------------------


def book_all_at_once(servers, slot_index, practitioner, candidates, attempts, rng):
    """Fires `attempts` bookings for one slot, released together; returns their outcomes."""
    plan = []
    shuffled = candidates[:]
    rng.shuffle(shuffled)
    for i in range(attempts):
        service, start = shuffled[i % len(shuffled)]
        plan.append((servers[i % len(servers)], service, start, i))

    barrier = threading.Barrier(attempts)

    def attempt(entry):
        base, service, start, i = entry
        body = json.dumps(
            {
                "service_id": service,
                "practitioner_id": practitioner,
                "start": iso(start),
                "patient": {
                    "name": f"{RACE_NAME} {slot_index}-{i}",
                    "email": f"race-{slot_index}-{i}@example.org",
                    "language": "en",
                    "new_or_returning": "new",
                    "consent": True,
                },
            }
        )
        host = urllib.parse.urlsplit(base)
        connection = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
        try:
            connection.connect()
            barrier.wait()
            began = time.perf_counter()
            connection.request(
                "POST",
                "/api/clinics/demo/appointments",
                body=body,
                headers={"Content-Type": "application/json"},
            )
            response = connection.getresponse()
            raw = response.read()
            took = time.perf_counter() - began
            return {"base": base, "service": service, "start": start, "status": response.status,
                    "body": raw, "seconds": took}
        except Exception as error:  # a dropped connection is a finding, not a crash
            try:
                barrier.abort()
            except threading.BrokenBarrierError:
                pass
            return {"base": base, "service": service, "start": start, "status": None,
                    "body": repr(error).encode(), "seconds": 0.0}
        finally:
            connection.close()

    with concurrent.futures.ThreadPoolExecutor(max_workers=attempts) as pool:
        return list(pool.map(attempt, plan))


def overlapping_pairs(rows):
    """Pairs of booked rows of one practitioner whose blocked times (buffers included) overlap."""
    pairs = []
    by_practitioner = {}
    for row in rows:
        by_practitioner.setdefault(row["practitioner"], []).append(row)
    for booked in by_practitioner.values():
        booked.sort(key=lambda r: r["blocked_from"])
        open_rows = []
        for row in booked:
            open_rows = [o for o in open_rows if o["blocked_until"] > row["blocked_from"]]
            pairs.extend((o, row) for o in open_rows)
            open_rows.append(row)
    return pairs


def percentile(values, fraction):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", action="append", required=True, help="base URL (repeat)")
    parser.add_argument("--database", required=True, help="sqlite:PATH or postgres://…")
    parser.add_argument("--slots", type=int, default=20)
    parser.add_argument("--attempts", type=int, default=50, help="booking attempts per slot")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    servers = args.server
    failures = []

    clinic = get_json(servers[0], "/api/clinics/demo")
    durations = {s["id"]: s["duration_minutes"] for s in clinic["services"]}
    buffers = {
        int(row[0]): (int(row[1]), int(row[2]), int(row[3]))
        for row in query(args.database, "SELECT id, duration_minutes, buffer_before_minutes, "
                         "buffer_after_minutes FROM services")
    }
    # Two days out (past any notice rule), over two weeks: weekdays of all three practitioners.
    free = free_starts(servers[-1], clinic, days_ahead=2, days=14)
    slots = choose_slots(free, durations, args.slots)
    if len(slots) < args.slots:
        failures.append(f"only {len(slots)} of {args.slots} slots found free")

    print(f"race: {len(servers)} processes, {len(slots)} slots x {args.attempts} attempts, "
          f"services of {', '.join(sorted({f'{m} min' for m in durations.values()}, key=lambda t: int(t.split()[0])))}"
          f" (seed {seed})")
    days = {datetime.datetime.fromtimestamp(anchor, datetime.timezone.utc).date() for _, anchor, _ in slots}
    print(f"slots spread over {len(days)} days and {len({p for p, _, _ in slots})} practitioners; "
          f"{sum(len(c) for _, _, c in slots)} (service, start) candidates in all")
    accepted, outcomes, empty_slots = [], [], []
    began = time.perf_counter()
    for index, (practitioner, anchor, candidates) in enumerate(slots):
        results = book_all_at_once(servers, index, practitioner, candidates, args.attempts, rng)
        outcomes.extend(results)
        won = [r for r in results if r["status"] == 201]
        if not won:
            empty_slots.append(index)
        for result in won:
            visit = json.loads(result["body"])
            accepted.append({**result, "token": visit["token"], "practitioner": practitioner,
                             "answered_start": epoch(visit["start"]),
                             "answered_service": visit["service"]["id"]})
    race_seconds = time.perf_counter() - began

    refused = [r for r in outcomes if r["status"] == 409]
    unclean = [r for r in refused if json.loads(r["body"]).get("error") != "slot_taken"]
    other = [r for r in outcomes if r["status"] not in (201, 409)]
    for result in other[:5] + unclean[:5]:
        failures.append(f"attempt at {result['base']} answered {result['status']}: "
                        f"{result['body'][:200]!r}")
    if other:
        failures.append(f"{len(other)} attempts answered neither 201 nor 409")
    if unclean:
        failures.append(f"{len(unclean)} refusals were 409 but not slot_taken")
    if empty_slots:
        failures.append(f"slots {empty_slots} got no booking although every candidate was free")

    # What the API said, against what the database holds.
    rows = [
        {"id": r[0], "token": r[1], "practitioner": int(r[2]), "service": int(r[3]),
         "starts_at": int(r[4]), "ends_at": int(r[5]), "blocked_from": int(r[6]),
         "blocked_until": int(r[7]), "status": r[8], "patient_id": r[9], "name": r[10] or ""}
        for r in query(args.database,
                       "SELECT id, token, practitioner_id, service_id, starts_at, ends_at, "
                       "blocked_from, blocked_until, status, patient_id, patient_name "
                       "FROM appointments")
    ]
    booked = [r for r in rows if r["status"] == "booked"]
    pairs = overlapping_pairs(booked)
    for first, second in pairs[:5]:
        failures.append(f"overlap: practitioner {first['practitioner']}, "
                        f"{iso(first['blocked_from'])}-{iso(first['blocked_until'])} and "
                        f"{iso(second['blocked_from'])}-{iso(second['blocked_until'])}")
    if pairs:
        failures.append(f"{len(pairs)} overlapping pairs of booked visits")

    for row in booked:
        minutes, before, after = buffers[row["service"]]
        if (row["ends_at"] - row["starts_at"] != minutes * 60
                or row["blocked_from"] > row["starts_at"] - before * 60
                or row["blocked_until"] < row["ends_at"] + after * 60):
            failures.append(f"visit {row['id']} blocks {iso(row['blocked_from'])}-"
                            f"{iso(row['blocked_until'])}, less than its service and buffers")

    by_token = {r["token"]: r for r in rows}
    missing = 0
    for visit in accepted:
        row = by_token.get(visit["token"])
        if (row is None or row["status"] != "booked" or row["starts_at"] != visit["start"]
                or visit["answered_start"] != visit["start"] or row["service"] != visit["service"]
                or visit["answered_service"] != visit["service"]
                or row["practitioner"] != visit["practitioner"]):
            missing += 1
    if missing:
        failures.append(f"{missing} confirmed bookings are missing or differ in the database")
    race_rows = [r for r in rows if r["name"].startswith(RACE_NAME)]
    if len(race_rows) != len(accepted):
        failures.append(f"{len(race_rows)} race bookings in the database, {len(accepted)} confirmed")

    booked_events = {
        r[0] for r in query(args.database,
                            "SELECT appointment_id FROM appointment_events WHERE action = 'booked'")
    }
    patients = {r[0] for r in query(args.database, "SELECT id FROM patients")}
    half_written = [r for r in race_rows
                    if r["patient_id"] not in patients or r["id"] not in booked_events]
    if half_written:
        failures.append(f"{len(half_written)} race bookings lack their patient or booked event")

    # Every confirmed visit's page, from each process (not only the one that booked it).
    unreachable = 0
    for number, visit in enumerate(accepted):
        base = servers[number % len(servers)]
        try:
            with urllib.request.urlopen(f"{base}/api/appointments/{visit['token']}", timeout=30):
                pass
        except Exception:
            unreachable += 1
    if unreachable:
        failures.append(f"{unreachable} confirmed visits' pages did not answer 200")

    latencies = [r["seconds"] for r in outcomes if r["status"] in (201, 409)]
    by_length = {}
    for visit in accepted:
        minutes = durations[visit["service"]]
        by_length[minutes] = by_length.get(minutes, 0) + 1
    per_process = {base: sum(1 for v in accepted if v["base"] == base) for base in servers}
    print(f"attempts {len(outcomes)}  accepted {len(accepted)}  refused(409) {len(refused)}  "
          f"other {len(other)}  overlaps {len(pairs)}  missing {missing}  "
          f"half-written {len(half_written)}")
    print(f"accepted by length: {', '.join(f'{m} min: {n}' for m, n in sorted(by_length.items()))};"
          f" by process: {', '.join(str(n) for n in per_process.values())}")
    print(f"booking latency under contention: p50 {percentile(latencies, 0.5) * 1000:.1f} ms, "
          f"p99 {percentile(latencies, 0.99) * 1000:.1f} ms; {race_seconds:.1f} s in all")
    if failures:
        print("FAILED:", file=sys.stderr)
        for failure in failures:
            print(f"  - {failure}", file=sys.stderr)
        return 1
    print("ok: no overlap, every 201 stored and readable, every refusal a clean 409")
    return 0


if __name__ == "__main__":
    sys.exit(main())
