#!/usr/bin/env python3
"""A read-only container registry on 127.0.0.1 serving one OCI image layout under one repository name.

The SDK's container publishing pulls its base image only from a registry, and none is reachable here: this serves
the base image that base-image.sh writes, by the pull half of the OCI distribution API (no push, no auth).

    registry.py LAYOUT_DIR REPOSITORY PORT_FILE

It listens on a free port, writes the port to PORT_FILE once it accepts connections, and serves until SIGTERM.
"""
import json
import os
import re
import signal
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DIGEST = re.compile(r"sha256:[0-9a-f]{64}")
TAG = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")
CHUNK = 1 << 20


def main() -> None:
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    layout, repository, port_file = sys.argv[1:]
    with open(os.path.join(layout, "index.json"), encoding="utf-8") as f:
        index = json.load(f)
    # Tag -> the manifest descriptor, from the layout's reference names.
    tags = {m["annotations"]["org.opencontainers.image.ref.name"]: m
            for m in index["manifests"] if "org.opencontainers.image.ref.name" in m.get("annotations", {})}
    manifests = {m["digest"]: m for m in index["manifests"]}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive: the SDK fetches several blobs over one connection

        def log_message(self, format: str, *args: object) -> None:  # the base class names it `format`
            # The SDK tries TLS first even on localhost, then plain HTTP: one short line instead of the handshake's bytes.
            if self.raw_requestline.startswith(b"\x16\x03"):
                if format.startswith('"'):
                    sys.stderr.write(f"{self.address_string()} - TLS handshake refused: this registry speaks plain HTTP\n")
                return
            super().log_message(format, *args)

        def do_GET(self) -> None:
            self.serve(body=True)

        def do_HEAD(self) -> None:
            self.serve(body=False)

        def refuse(self) -> None:
            self.close_connection = True  # its body, if any, is never read
            self.error(HTTPStatus.METHOD_NOT_ALLOWED, "UNSUPPORTED", "this registry is read-only")

        do_POST = do_PUT = do_PATCH = do_DELETE = refuse

        def serve(self, body: bool) -> None:
            path = self.path.split("?", 1)[0]
            if path in ("/v2", "/v2/"):
                return self.reply(HTTPStatus.OK, "application/json", b"{}", body)
            prefix = f"/v2/{repository}/"
            if not path.startswith(prefix):
                return self.error(HTTPStatus.NOT_FOUND, "NAME_UNKNOWN", "repository not served here")
            kind, _, reference = path[len(prefix):].partition("/")
            if kind == "manifests":
                descriptor = tags.get(reference) if TAG.fullmatch(reference) else manifests.get(reference)
                if descriptor is None:
                    return self.error(HTTPStatus.NOT_FOUND, "MANIFEST_UNKNOWN", f"no manifest {reference}")
                return self.send_blob(descriptor["digest"], descriptor["mediaType"], body)
            if kind == "blobs" and DIGEST.fullmatch(reference):
                return self.send_blob(reference, "application/octet-stream", body)
            return self.error(HTTPStatus.NOT_FOUND, "BLOB_UNKNOWN", f"no blob {reference}")

        def send_blob(self, digest: str, media_type: str, body: bool) -> None:
            # Only digests that match the pattern reach here, so the path cannot leave the layout.
            file = os.path.join(layout, "blobs", "sha256", digest.split(":", 1)[1])
            if not os.path.isfile(file):
                return self.error(HTTPStatus.NOT_FOUND, "BLOB_UNKNOWN", f"no blob {digest}")
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", media_type)
            self.send_header("Content-Length", str(os.path.getsize(file)))
            self.send_header("Docker-Content-Digest", digest)
            self.send_header("Docker-Distribution-API-Version", "registry/2.0")
            self.end_headers()
            if body:
                with open(file, "rb") as f:
                    while chunk := f.read(CHUNK):
                        self.wfile.write(chunk)

        def error(self, status: HTTPStatus, code: str, message: str) -> None:
            payload = json.dumps({"errors": [{"code": code, "message": message}]}).encode()
            self.reply(status, "application/json", payload, self.command != "HEAD")

        def reply(self, status: HTTPStatus, media_type: str, payload: bytes, body: bool) -> None:
            self.send_response(status)
            self.send_header("Content-Type", media_type)
            self.send_header("Content-Length", str(len(payload)))
            self.send_header("Docker-Distribution-API-Version", "registry/2.0")
            self.end_headers()
            if body:
                self.wfile.write(payload)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    # SIGTERM ends serve_forever through the normal exit path, so the socket is closed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    # Written only now, so whoever waits for the file can connect at once; renamed so it is never read half-written.
    with open(port_file + ".tmp", "w", encoding="utf-8") as f:
        f.write(f"{server.server_address[1]}\n")
    os.replace(port_file + ".tmp", port_file)
    try:
        server.serve_forever()
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
