#!/usr/bin/env python3
"""A fault-injecting HTTP server for the EdgeJWTSync tests: one fault per path prefix.

Binds 127.0.0.1 only, on a free port it prints as the first line of stdout, serves files of
--root, and exits by itself after --lifetime seconds (default 300) so it can never outlive a
test run for long.

    /ok/NAME        the file, whole (200, Content-Length)
    /reset/NAME     headers and half the body, then a TCP reset (SO_LINGER 0)
    /truncate/NAME  Content-Length of the whole file, half the body, then a normal close
    /garbage        200 with 4 KiB of random bytes
    /oversize       200 without Content-Length, then up to 8 MiB, until the client hangs up
    /slow/NAME      the file after a 5 s silence (the tests' timeout is 1 s)
    /status/CODE    an empty answer with that HTTP status
    /redirect/NAME  302 to /ok/NAME on this server (the same origin)
    /away/NAME      302 to http://localhost:PORT/ok/NAME (the same server, another host name)
"""

import argparse
import os
import signal
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    root = "."

    def log_message(self, format, *args):  # quiet: the tests read stdout for the port only
        pass

    def file_bytes(self, name):
        path = os.path.join(self.root, os.path.basename(name))
        with open(path, "rb") as handle:
            return handle.read()

    def start(self, status, length=None, close=True):
        self.send_response(status)
        self.send_header("Content-Type", "application/octet-stream")
        if length is not None:
            self.send_header("Content-Length", str(length))
        if close:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.flush()

    def redirect(self, location):
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.flush()

    def do_GET(self):
        parts = self.path.lstrip("/").split("/", 1)
        mode, name = parts[0], (parts[1] if len(parts) > 1 else "")
        try:
            if mode == "ok":
                body = self.file_bytes(name)
                self.start(200, len(body))
                self.wfile.write(body)
            elif mode == "reset":
                body = self.file_bytes(name)
                self.start(200, len(body))
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                time.sleep(0.1)
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()
            elif mode == "truncate":
                body = self.file_bytes(name)
                self.start(200, len(body))
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.connection.shutdown(socket.SHUT_RDWR)
            elif mode == "garbage":
                body = os.urandom(4096)
                self.start(200, len(body))
                self.wfile.write(body)
            elif mode == "oversize":
                self.start(200, None)
                chunk = b"\0" * 65536
                for _ in range(128):  # 8 MiB at most
                    self.wfile.write(chunk)
            elif mode == "slow":
                time.sleep(5)
                body = self.file_bytes(name)
                self.start(200, len(body))
                self.wfile.write(body)
            elif mode == "redirect":
                self.redirect("/ok/" + name)
            elif mode == "away":
                self.redirect("http://localhost:%d/ok/%s" % (self.server.server_address[1], name))
            elif mode == "status":
                self.start(int(name or "500"), 0)
            else:
                self.start(404, 0)
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass
        self.close_connection = True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--lifetime", type=float, default=300)
    args = parser.parse_args()
    Handler.root = args.root
    # The test runner may hand down SIGTERM blocked or ignored; a test ends this server with it.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    threading.Timer(args.lifetime, server.shutdown).start()
    server.serve_forever()
    sys.exit(0)


if __name__ == "__main__":
    main()
