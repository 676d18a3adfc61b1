"""Question-page throughput: `dl500 serve` vs nginx serving the same HTML, same run.

Starts both on loopback, drives each with wrk (bounded duration, loopback only) and prints
requests/s and the ratio (target ≥ 0.30× nginx). Needs Debian's nginx and wrk.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parents[1]
DURATION_S = int(os.environ.get("BENCH_SECONDS", "8"))
CONNECTIONS = 32


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str) -> bytes:
    for _ in range(200):
        try:
            return urlopen(url, timeout=1).read()
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"{url} did not come up")


def wrk(url: str) -> float:
    out = subprocess.run(
        ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{DURATION_S}s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if not match:
        raise SystemExit(out)
    return float(match.group(1))


def start_nginx(folder: Path, port: int) -> subprocess.Popen[bytes]:
    conf = folder / "nginx.conf"
    conf.write_text(
        f"daemon off; worker_processes 1; pid {folder}/nginx.pid; error_log stderr;\n"
        "events { worker_connections 1024; }\n"
        f"http {{ access_log off; server {{ listen 127.0.0.1:{port};\n"
        f"  location / {{ root {folder}; default_type text/html;\n"
        "    try_files /page.html =404; } } }\n"
    )
    return subprocess.Popen(["nginx", "-c", str(conf), "-p", str(folder)])


def main() -> None:
    for tool in ("nginx", "wrk"):
        if shutil.which(tool) is None:
            raise SystemExit(f"needs {tool} (apt-get install nginx wrk)")
    qid = sys.argv[1] if len(sys.argv) > 1 else "classic-nets/lenet5-architecture"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        app_port, nginx_port = free_port(), free_port()
        env = {**os.environ, "DL500_DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}"}
        app = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "dl500",
                "serve",
                "--content",
                str(ROOT / "content"),
                "--port",
                str(app_port),
            ],
            env=env,
        )
        nginx = None
        try:
            page = wait_for(f"http://127.0.0.1:{app_port}/q/{qid}")
            (folder / "page.html").write_bytes(page)
            folder.chmod(0o755)  # nginx workers run as an unprivileged user
            nginx = start_nginx(folder, nginx_port)
            wait_for(f"http://127.0.0.1:{nginx_port}/")
            ours = wrk(f"http://127.0.0.1:{app_port}/q/{qid}")
            base = wrk(f"http://127.0.0.1:{nginx_port}/")
        finally:
            app.terminate()
            if nginx:
                nginx.terminate()
    print(f"page: /q/{qid} ({len(page):,} bytes), wrk -c{CONNECTIONS} -d{DURATION_S}s")
    print(f"nginx (same HTML file): {base:,.0f} req/s")
    print(f"dl500 serve:            {ours:,.0f} req/s")
    print(f"ratio: {ours / base:.2f}× nginx (target ≥ 0.30×)")


if __name__ == "__main__":
    main()
