#!/usr/bin/env python3
"""Runs a container image archive as a container would, without a container engine: as root, it unpacks the image's
layers into a scratch root file system and starts the image's entrypoint there with chroot, as the image's user, in its
working directory, with its environment.

    check-image.py ARCHIVE --fails-with TEXT [NAME=VALUE...]
        the program must stop with a non-zero exit code and say TEXT (a service without its database)
    check-image.py ARCHIVE --alive [--get PATH...] [NAME=VALUE...]
        the program must answer GET /alive (and each PATH) with 200 on a loopback port, run as a non-root user, and
        exit with 0 on SIGTERM

NAME=VALUE pairs are added to the image's environment; --verbose prints the program's output. The chroot shares
this machine's network, so --alive points Kestrel at free loopback ports instead of the image's 8080 and 8081.
"""
import argparse
import json
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.request

START_DEADLINE = 120  # seconds: two cores, and a JIT that compiles everything on first start
STOP_DEADLINE = 30
# The devices a container runtime gives every container.
DEVICES = {"null": (1, 3), "zero": (1, 5), "full": (1, 7), "random": (1, 8), "urandom": (1, 9)}


def read_image(archive: tarfile.TarFile) -> tuple[str, dict, list[str]]:
    """The image's name, its config and its layer members, from an OCI layout or a docker-archive tar."""
    names = archive.getnames()

    def load(name: str) -> dict:
        return json.load(archive.extractfile(name))

    if "index.json" in names:
        descriptor = load("index.json")["manifests"][0]
        while descriptor["mediaType"].endswith("index.v1+json") or "manifest.list" in descriptor["mediaType"]:
            index = load(blob(descriptor["digest"]))
            descriptor = next(m for m in index["manifests"]
                              if m.get("platform", {}).get("os") == "linux" and m["platform"].get("architecture") == "amd64")
        manifest = load(blob(descriptor["digest"]))
        name = descriptor.get("annotations", {}).get("io.containerd.image.name", "(unnamed)")
        return name, load(blob(manifest["config"]["digest"])), [blob(layer["digest"]) for layer in manifest["layers"]]
    entry = load("manifest.json")[0]
    return (entry.get("RepoTags") or ["(unnamed)"])[0], load(entry["Config"]), entry["Layers"]


def blob(digest: str) -> str:
    algorithm, _, hex_digest = digest.partition(":")
    return f"blobs/{algorithm}/{hex_digest}"


def unpack(archive: tarfile.TarFile, layers: list[str], root: str) -> None:
    """Applies the layers in order, with the OCI whiteouts (a later layer deleting what an earlier one added)."""
    for layer in layers:
        with tarfile.open(fileobj=archive.extractfile(layer), mode="r:*") as tar:
            members = []
            for member in tar:
                directory, base = os.path.split(member.name)
                if base == ".wh..wh..opq":
                    target = os.path.join(root, directory)
                    for child in os.listdir(target) if os.path.isdir(target) else []:
                        remove(os.path.join(target, child))
                elif base.startswith(".wh."):
                    remove(os.path.join(root, directory, base[len(".wh."):]))
                else:
                    members.append(member)
            # The image is ours and runs as root here only to be unpacked: its owners, modes and absolute symlinks
            # must stay as they are, which the safer extraction filters would change.
            tar.extractall(root, members=members, numeric_owner=True, filter="fully_trusted")


def remove(path: str) -> None:
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.remove(path)


def user_ids(root: str, user: str) -> tuple[int, int]:
    """uid and gid for the config's User ("name", "uid", "uid:gid" or "name:group"), from the image's own files."""
    name, _, group = user.partition(":")

    def lookup(file: str, key: str) -> int:
        if key.isdigit():
            return int(key)
        with open(os.path.join(root, "etc", file), encoding="utf-8") as f:
            for line in f:
                fields = line.strip().split(":")
                if fields[0] == key:
                    return int(fields[2])
        raise SystemExit(f"check-image: no {key} in the image's /etc/{file}")

    uid = lookup("passwd", name or "root")
    if group:
        return uid, lookup("group", group)
    with open(os.path.join(root, "etc", "passwd"), encoding="utf-8") as f:
        gids = [int(fields[3]) for fields in (line.strip().split(":") for line in f) if len(fields) > 3 and int(fields[2]) == uid]
    return uid, gids[0] if gids else uid


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("archive")
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--fails-with", metavar="TEXT")
    mode.add_argument("--alive", action="store_true")
    parser.add_argument("--get", metavar="PATH", action="append", default=[])
    parser.add_argument("--verbose", action="store_true", help="print the program's output at the end")
    parser.add_argument("env", nargs="*", metavar="NAME=VALUE")
    args = parser.parse_intermixed_args()
    if os.geteuid() != 0:
        raise SystemExit("check-image: needs root (chroot, mount)")

    scratch = tempfile.mkdtemp(prefix="crm-check-image.")
    root = os.path.join(scratch, "root")
    proc_mounted = False
    process = None
    try:
        with tarfile.open(args.archive) as archive:
            name, config, layers = read_image(archive)
            unpack(archive, layers, root)
        image = config.get("config", {})
        command = (image.get("Entrypoint") or []) + (image.get("Cmd") or [])
        workdir = image.get("WorkingDir") or "/"
        uid, gid = user_ids(root, image.get("User") or "root")
        env = dict(entry.split("=", 1) for entry in image.get("Env") or [])
        http = 0
        if args.alive:
            http, grpc = free_port(), free_port()
            env.update({
                "Kestrel__Endpoints__http__Url": f"http://127.0.0.1:{http}", "Kestrel__Endpoints__http__Protocols": "Http1",
                "Kestrel__Endpoints__grpc__Url": f"http://127.0.0.1:{grpc}", "Kestrel__Endpoints__grpc__Protocols": "Http2",
            })
        env.update(entry.split("=", 1) for entry in args.env)
        print(f"check-image: {name} ({len(layers)} layers): {' '.join(command)} in {workdir} as {uid}:{gid}")

        # What a runtime provides: /proc (the dotnet host finds itself through /proc/self/exe) and a few devices.
        os.makedirs(os.path.join(root, "proc"), exist_ok=True)
        subprocess.run(["mount", "-t", "proc", "proc", os.path.join(root, "proc")], check=True)
        proc_mounted = True
        os.makedirs(os.path.join(root, "dev"), exist_ok=True)
        for device, (major, minor) in DEVICES.items():
            path = os.path.join(root, "dev", device)
            os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(major, minor))
            os.chmod(path, 0o666)

        def enter() -> None:
            os.chroot(root)
            os.chdir(workdir)
            os.setgroups([])
            os.setgid(gid)
            os.setuid(uid)

        log_path = os.path.join(scratch, "output.log")
        with open(log_path, "wb") as log:
            # The command is looked up on the image's PATH, inside the new root (the paths are tried after enter()).
            process = subprocess.Popen(command, env=env, preexec_fn=enter, stdout=log, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL, start_new_session=True)

        def output() -> str:
            with open(log_path, encoding="utf-8", errors="replace") as f:
                return f.read()

        def fail(message: str) -> int:
            print(f"check-image: FAILED: {message}\n--- its output (last 40 lines):")
            print("\n".join(output().splitlines()[-40:]))
            return 1

        deadline = time.monotonic() + START_DEADLINE
        if args.fails_with is not None:
            try:
                code = process.wait(timeout=START_DEADLINE)
            except subprocess.TimeoutExpired:
                return fail(f"still running after {START_DEADLINE} s; expected it to stop saying '{args.fails_with}'")
            line = next((line for line in output().splitlines() if args.fails_with in line), None)
            if code == 0 or line is None:
                return fail(f"exit code {code}; expected a non-zero one and '{args.fails_with}'")
            print(f"check-image: ok: the runtime started the program, which stopped with exit code {code}: {line.strip()[:300]}")
            return 0

        while get(f"http://127.0.0.1:{http}/alive") != 200:
            if process.poll() is not None:
                return fail(f"exited with {process.returncode} before answering /alive")
            if time.monotonic() > deadline:
                return fail(f"no 200 from /alive within {START_DEADLINE} s")
            time.sleep(0.5)
        started = START_DEADLINE - (deadline - time.monotonic())
        with open(f"/proc/{process.pid}/status", encoding="utf-8") as f:
            ids = {line.split(":")[0]: line.split()[1:] for line in f if line.startswith(("Uid:", "Gid:"))}
        if ids["Uid"][0] == "0" or ids["Uid"][1] == "0":
            return fail(f"runs as root ({ids})")
        print(f"check-image: ok: GET /alive answered 200 after {started:.1f} s; the process runs as uid {ids['Uid'][1]}, gid {ids['Gid'][1]}")
        for path in args.get:
            status = get(f"http://127.0.0.1:{http}{path}")
            if status != 200:
                return fail(f"GET {path} answered {status or 'nothing'}")
            print(f"check-image: ok: GET {path} answered 200")
        process.send_signal(signal.SIGTERM)
        try:
            code = process.wait(timeout=STOP_DEADLINE)
        except subprocess.TimeoutExpired:
            return fail(f"still running {STOP_DEADLINE} s after SIGTERM")
        if code != 0:
            return fail(f"exit code {code} after SIGTERM")
        print("check-image: ok: SIGTERM stopped it with exit code 0")
        return 0
    finally:
        if args.verbose and os.path.exists(os.path.join(scratch, "output.log")):
            with open(os.path.join(scratch, "output.log"), encoding="utf-8", errors="replace") as f:
                print(f"--- its output:\n{f.read()}", end="")
        if process is not None and process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        if proc_mounted:
            subprocess.run(["umount", os.path.join(root, "proc")], check=False)
        if not os.path.ismount(os.path.join(root, "proc")):
            shutil.rmtree(scratch, ignore_errors=True)
        else:
            print(f"check-image: {root}/proc is still mounted; left {scratch} in place", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
