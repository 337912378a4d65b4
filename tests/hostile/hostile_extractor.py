"""A command extractor that behaves on every document but one.

Usage: hostile_extractor.py MODE TARGET [MARKER]. On documents other than TARGET it prints a
valid summary (the first word of the text as an entity). On TARGET it misbehaves as MODE says.
MARKER, when given, is a file it creates if it ever gets past the misbehaviour.
"""

import json
import os
import signal
import subprocess
import sys
import time


def good(doc):
    text = doc["text"]
    end = len(text.split(" ")[0])
    return {"entities": [{"type": "ORG", "name": text[:end], "mentions": [{"start": 0, "end": end, "text": text[:end]}]}]}


def main():
    mode, target = sys.argv[1], sys.argv[2]
    marker = sys.argv[3] if len(sys.argv) > 3 else None
    doc = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    if doc["id"] != target or mode == "ok":
        sys.stdout.write(json.dumps(good(doc)))
        return 0
    if mode == "raise":
        raise RuntimeError(f"cannot handle {doc['id']}")
    if mode == "hang":
        time.sleep(600)
    if mode == "orphan":  # a grandchild keeps stdout open after this process exits
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
        with open(marker, "w") as f:
            f.write(str(child.pid))
        os._exit(0)
    if mode == "exit":
        sys.stderr.write("line one of the complaint\nmodel file missing\n")
        return 7
    if mode == "segfault":
        os.kill(os.getpid(), signal.SIGSEGV)
    if mode == "garbage":
        sys.stdout.write("{not json")
        return 0
    if mode == "flood":
        chunk = b"x" * (1024 * 1024)
        for _ in range(100):
            sys.stdout.buffer.write(chunk)
        sys.stdout.flush()
        if marker:
            open(marker, "w").close()
        return 0
    if mode == "nonutf8":
        sys.stdout.buffer.write(b'{"entities": [{"name": "\xff\xfe"}]}')
        return 0
    if mode == "schema":
        sys.stdout.write(json.dumps({"entities": [{"name": 5, "mentions": "Kyiv"}], "people": []}))
        return 0
    if mode == "outside":
        sys.stdout.write(json.dumps({"entities": [{"type": "GPE", "name": "Kyiv", "mentions": [{"start": 100000, "end": 100004, "text": "Kyiv"}]}]}))
        return 0
    if mode == "mismatch":
        sys.stdout.write(json.dumps({"entities": [{"type": "GPE", "name": "Kyiv", "mentions": [{"start": 0, "end": 4, "text": "Kyiv"}]}]}))
        return 0
    raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    sys.exit(main())
