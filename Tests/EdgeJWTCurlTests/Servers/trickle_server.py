#!/usr/bin/env python3
"""An HTTP server for the EdgeJWTCurlTests that answers every GET with a body it sends one byte
every --interval seconds (default 0.4), without end: fast enough never to look silent, too slow
ever to finish, so only a client's total timeout ends the request.

Binds 127.0.0.1 only, on a free port it prints as the first line of stdout, and exits by itself
after --lifetime seconds (default 120).
"""

import argparse
import os
import signal
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    interval = 0.4
    deadline = 0.0

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.flush()
            while time.monotonic() < self.deadline:
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(self.interval)
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass
        self.close_connection = True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--interval", type=float, default=0.4)
    parser.add_argument("--lifetime", type=float, default=120)
    args = parser.parse_args()
    Handler.interval = args.interval
    Handler.deadline = time.monotonic() + args.lifetime
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    threading.Timer(args.lifetime, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
