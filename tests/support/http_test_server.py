#!/usr/bin/env python3
"""A small HTTP server for the cx::io unit tests. Listens on 127.0.0.1 only, on a port the OS
picks; it writes that port to --port-file (atomically) once it is listening, and exits by itself
after --lifetime seconds so a crashed test never leaves it behind.

Paths:
  /<file>            a file under --root, with ETag and Last-Modified; answers 304 to a matching
                     If-None-Match or to an If-Modified-Since not older than the file
  --not-found PATH   always 404 (any missing file is 404 as well)
  /bytes/N           N bytes with a Content-Length; /bytes/N?nolength without one (close-delimited)
  /stall/S           headers and the first 16 of 64 bytes, then S seconds of silence, then the rest
  /loop              302 to itself, forever
  /redirect?to=URL   302 to URL
  /status/N          an empty response with status N
  --delay-glb S      every .glb file answer waits S seconds before its headers, except paths that
                     start with a --no-delay PREFIX (repeatable): a slow CDN for booth models

Every request is appended to --log as one line:
  <method> <path> status=<code> inm=<If-None-Match or -> ims=<If-Modified-Since or ->
"""
import argparse
import email.utils
import hashlib
import os
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "CxTestServer/1"

    def log_message(self, fmt, *args):  # keep test output quiet
        pass

    def _log(self, status):
        inm = self.headers.get("If-None-Match") or "-"
        ims = self.headers.get("If-Modified-Since") or "-"
        line = f"{self.command} {self.path} status={status} inm={inm} ims={ims}\n"
        with self.server.log_lock:
            with open(self.server.log_path, "a", encoding="utf-8") as f:
                f.write(line)

    def _simple(self, status, headers=None, body=b""):
        self._log(status)
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and body:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (e.g. a size cap): not the server's problem

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        path = url.path
        query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        parts = [p for p in path.split("/") if p]

        if path == self.server.not_found:
            return self._simple(404, body=b"not found\n")
        if len(parts) == 2 and parts[0] == "bytes" and parts[1].isdigit():
            return self._bytes(int(parts[1]), "nolength" in query)
        if len(parts) == 2 and parts[0] == "stall":
            return self._stall(float(parts[1]))
        if path == "/loop":
            return self._simple(302, {"Location": "/loop"})
        if path == "/redirect" and "to" in query:
            return self._simple(302, {"Location": query["to"][0]})
        if len(parts) == 2 and parts[0] == "status" and parts[1].isdigit():
            return self._simple(int(parts[1]))
        return self._file(path)

    def _bytes(self, n, no_length):
        self._log(200)
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        if no_length:
            self.send_header("Connection", "close")
            self.close_connection = True
        else:
            self.send_header("Content-Length", str(n))
        self.end_headers()
        chunk = b"x" * 65536
        left = n
        try:
            while left > 0:
                k = min(left, len(chunk))
                self.wfile.write(chunk[:k])
                left -= k
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _stall(self, seconds):
        self._log(200)
        self.send_response(200)
        self.send_header("Content-Length", "64")
        self.end_headers()
        try:
            self.wfile.write(b"s" * 16)
            self.wfile.flush()
            time.sleep(seconds)
            self.wfile.write(b"s" * 48)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _file(self, path):
        if path.lower().endswith(".glb") and self.server.delay_glb > 0:
            if not any(path.startswith(p) for p in self.server.no_delay):
                time.sleep(self.server.delay_glb)
        rel = urllib.parse.unquote(path).lstrip("/")
        root = os.path.realpath(self.server.root)
        full = os.path.realpath(os.path.join(root, rel))
        if not full.startswith(root + os.sep) or not os.path.isfile(full):
            return self._simple(404, body=b"not found\n")
        with open(full, "rb") as f:
            body = f.read()
        mtime = int(os.path.getmtime(full))
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        last_modified = email.utils.formatdate(mtime, usegmt=True)
        validators = {"ETag": etag, "Last-Modified": last_modified}
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if inm is not None:
            if etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*":
                return self._simple(304, validators)
        elif ims is not None:
            try:
                since = email.utils.parsedate_to_datetime(ims).timestamp()
                if mtime <= since:
                    return self._simple(304, validators)
            except (TypeError, ValueError):
                pass
        headers = dict(validators)
        headers["Content-Type"] = "application/octet-stream"
        return self._simple(200, headers, body)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--not-found", default="/missing")
    ap.add_argument("--lifetime", type=float, default=120.0)
    ap.add_argument("--delay-glb", type=float, default=0.0)
    ap.add_argument("--no-delay", action="append", default=[])
    args = ap.parse_args()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.root = args.root
    server.log_path = args.log
    server.log_lock = threading.Lock()
    server.not_found = args.not_found
    server.delay_glb = args.delay_glb
    server.no_delay = args.no_delay

    def die_later():
        time.sleep(args.lifetime)
        os._exit(0)

    threading.Thread(target=die_later, daemon=True).start()

    tmp = args.port_file + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(str(server.server_address[1]))
    os.replace(tmp, args.port_file)
    try:
        server.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
