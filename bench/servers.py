"""Serving the site for a benchmark: gunicorn on the loopback, wrk, and what they report.

Shared by the benchmarks in bench/: gunicorn with production's settings (bench.settings)
on a port of the loopback, stopped by its pid however the run ends; one plain GET; wrk's
figures; a process's resident memory.
"""

import contextlib
import http.client
import itertools
import os
import re
import secrets
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CEILING_PATH = "/bench/ceiling/"
WORKERS = 2


def server_environment():
    """The environment of the bench's Django, in-process and in gunicorn: production's."""
    environment = dict(os.environ)
    environment.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="0",
        # Plain HTTP on the loopback: no redirect to HTTPS.
        HTTPS="0",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        PYTHONPATH=str(ROOT),
    )
    if not environment.get("SECRET_KEY"):
        environment["SECRET_KEY"] = secrets.token_urlsafe(48)
    return environment


@contextlib.contextmanager
def gunicorn(port, environment, log, workers=WORKERS, ready=CEILING_PATH):
    """gunicorn serving the settings of `environment` (bench.settings for a benchmark) on
    127.0.0.1:`port`, once `ready` answers 200 and its workers are up; stopped (by its
    pid) on exit, however the block ends."""
    with gunicorns([port], environment, [log], workers, ready) as (process,):
        yield process


@contextlib.contextmanager
def gunicorns(ports, environment, logs, workers=WORKERS, ready=CEILING_PATH):
    """A gunicorn on each of `ports`, logging to the file of `logs` of the same rank, as
    `gunicorn` does. They start together (each takes a second or two to load the site) and
    stop together."""
    processes = []
    try:
        for port, log in zip(ports, logs, strict=True):
            processes.append(
                subprocess.Popen(
                    _command(port, workers),
                    env=environment,
                    cwd=ROOT,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
        deadline = time.monotonic() + 30
        for port, log, process in zip(ports, logs, processes, strict=True):
            _wait_until_ready(process, port, log, workers, ready, deadline)
        yield processes
    finally:
        stop(*processes)


def _command(port, workers):
    return [
        str(Path(sys.executable).parent / "gunicorn"),
        "egitrs.wsgi:application",
        f"--workers={workers}",
        "--worker-class=sync",
        f"--bind=127.0.0.1:{port}",
        f"--chdir={ROOT}",
        "--timeout=120",
        "--graceful-timeout=5",
        "--log-level=warning",
    ]


def _wait_until_ready(process, port, log, workers, ready, deadline):
    while True:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped (exit {process.returncode}): see {log.name}")
        with contextlib.suppress(OSError):
            if get(port, ready)[0] == 200 and len(worker_pids(process.pid)) == workers:
                return
        if time.monotonic() > deadline:
            raise SystemExit(f"gunicorn did not answer within 30 s: see {log.name}")
        time.sleep(0.2)


def stop(*processes):
    """Stop the gunicorns, all at once; the workers of one that is not gone within 15 s
    are killed with it."""
    running = [(process, worker_pids(process.pid)) for process in processes]
    running = [(process, workers) for process, workers in running if process.poll() is None]
    for process, _workers in running:
        process.terminate()
    for process, workers in running:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            for pid in workers:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, 9)
            process.kill()
            process.wait(timeout=5)


def worker_pids(master):
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        return []
    return [int(pid) for pid in children]


def rss_mb(pid):
    """Resident memory of a process, in MB (VmRSS of /proc/<pid>/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def get(port, path, cookie="", timeout=60):
    """(status, body length) of one GET on the loopback; redirects are not followed."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        return response.status, len(response.read())
    finally:
        connection.close()


WRK_LINE = {
    "rps": re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE),
    "p50": re.compile(r"^\s+50%\s+([\d.]+)(us|ms|s|m)\b", re.MULTILINE),
    "p99": re.compile(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\b", re.MULTILINE),
    "errors": re.compile(r"^\s+Non-2xx or 3xx responses:\s+(\d+)", re.MULTILINE),
    "socket": re.compile(r"^\s+Socket errors:(.*)$", re.MULTILINE),
    "requests": re.compile(r"^\s+(\d+) requests in", re.MULTILINE),
}
TO_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def parse_wrk(output):
    """req/s, p50 and p99 in ms, and how many answers were not 2xx/3xx, from wrk's output."""

    def latency(name):
        match = WRK_LINE[name].search(output)
        return float(match[1]) * TO_MS[match[2]] if match else None

    rps = WRK_LINE["rps"].search(output)
    errors = WRK_LINE["errors"].search(output)
    socket = WRK_LINE["socket"].search(output)
    requests = WRK_LINE["requests"].search(output)
    return {
        "rps": float(rps[1]) if rps else 0.0,
        "p50_ms": latency("p50"),
        "p99_ms": latency("p99"),
        "requests": int(requests[1]) if requests else 0,
        "non_2xx": int(errors[1]) if errors else 0,
        "socket_errors": socket[1].strip() if socket else "",
    }


def wrk(port, path, duration, cookie=""):
    command = [
        shutil.which("wrk") or "/usr/bin/wrk",
        "-t2",
        "-c4",
        f"-d{duration}s",
        "--timeout=30s",
        "--latency",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(f"http://127.0.0.1:{port}{path}")
    finished = subprocess.run(
        command, capture_output=True, text=True, timeout=duration + 60, check=True
    )
    return parse_wrk(finished.stdout)


def mixed_requests(port, pages, count, seconds, clients=4):
    """`count` GETs cycling through `pages`, (path, cookie) pairs, from `clients` threads,
    stopped after `seconds` in any case. Returns how many were made and how many did not
    answer 200."""
    paths = itertools.cycle(pages)
    lock = threading.Lock()
    done = {"requests": 0, "not_200": 0}
    deadline = time.monotonic() + seconds

    def client():
        while time.monotonic() < deadline:
            with lock:
                if done["requests"] >= count:
                    return
                done["requests"] += 1
                path, cookie = next(paths)
            try:
                status = get(port, path, cookie)[0]
            except OSError:
                status = None
            if status != 200:
                with lock:
                    done["not_200"] += 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done
