#!/usr/bin/env bash
# CrmPlatform's two commands (and the benchmarks):
#   ./build.sh run          install what is missing, build, start the whole platform (Ctrl+C stops it)
#   ./build.sh test         install what is missing, build, run every test; ends with "N passed, N failed"
#   ./build.sh bench [name] run the benchmarks in tests/Crm.Benchmarks (Release) and print their figures
#   ./build.sh token USER   sign a demo person in to the running platform and print their access token
#   ./build.sh images [--check]  container images of the eight programs, as archives in artifacts/images; --check
#                           then runs each one (unpacked, with chroot, as root) to show that it starts
# Works as root or as a user with sudo; safe to run again (it installs only what is missing).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# Servers for the platform and its tests; Python gRPC as an independent client in the interop tests; chromium for
# the browser tests (Playwright drives it; its own browser download cannot work here).
readonly DEBIAN_PACKAGES=(postgresql rabbitmq-server python3-aiosmtpd python3-grpcio python3-protobuf chromium)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else echo "build.sh: '$*' needs root: run as root or install sudo" >&2; exit 1
  fi
}

require_dotnet() {
  command -v dotnet >/dev/null || { echo "build.sh: the .NET 10 SDK is missing: install it first (https://dot.net)" >&2; exit 1; }
}

install_missing() {
  require_dotnet
  local missing=() pkg
  for pkg in "${DEBIAN_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    echo "build.sh: installing ${missing[*]} (Debian packages)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  # npm packages that tests use (independent gRPC clients), when a test project declares them.
  local manifest
  for manifest in tests/*/package.json; do
    [ -f "$manifest" ] || continue
    local dir; dir=$(dirname "$manifest")
    if [ ! -d "$dir/node_modules" ] || [ "$manifest" -nt "$dir/node_modules" ]; then
      echo "build.sh: npm install in $dir"
      (cd "$dir" && npm install --no-audit --no-fund --silent && touch node_modules)
    fi
  done
}

# build CONFIGURATION [PROJECT [MSBUILD OPTIONS...]]: the whole solution, or one project and what it references.
build() {
  echo "build.sh: building ${2:-CrmPlatform.sln} ($1)"
  dotnet build "${2:-CrmPlatform.sln}" -c "$1" -nologo -v:quiet -clp:NoSummary "${@:3}"
}

run() {
  install_missing
  # The app host references every service, so this builds what runs and leaves the tests and benchmarks alone. A build
  # that has nothing to do still takes seconds to find that out: skip it when no source is newer than the app host.
  local apphost=aspire/CrmPlatform.AppHost/bin/Debug/net10.0/CrmPlatform.AppHost.dll
  if [ ! -f "$apphost" ] || [ -n "$(find services aspire protos Directory.Build.props Directory.Packages.props nuget.config \
        -newer "$apphost" -type f -not -path '*/bin/*' -not -path '*/obj/*' -print -quit 2>/dev/null)" ]; then
    # Without the analyzers (a quarter of a first build on two cores): `./build.sh test` and CI enforce them.
    build Debug aspire/CrmPlatform.AppHost/CrmPlatform.AppHost.csproj -p:RunAnalyzers=false
    touch "$apphost"  # a build that changed only a service leaves the app host's own file as it was
  fi
  exec dotnet "$apphost" "$@"
}

run_tests() {
  install_missing
  build Debug
  local results=.crm/test-results status=0 project
  rm -rf "$results"
  # dotnet test runs two test projects at a time on two cores. The two that start a whole platform under the app host
  # (Platform, EndToEnd) run after the others, one at a time: beside each other and a third project, a platform's
  # services once took 94 s to become healthy and its first calls missed their deadlines.
  local whole=(tests/Crm.Platform.Tests/Crm.Platform.Tests.csproj tests/Crm.EndToEnd.Tests/Crm.EndToEnd.Tests.csproj)
  mkdir -p .crm
  {
    printf '{ "solution": { "path": "../CrmPlatform.sln", "projects": [\n'
    find tests -mindepth 2 -maxdepth 2 -name '*.Tests.csproj' | sort | grep -v -e Crm.Platform.Tests -e Crm.EndToEnd.Tests \
      | sed 's|.*|    "&"|' | paste -sd, -
    printf '] } }\n'
  } > .crm/parts.slnf
  dotnet test .crm/parts.slnf --no-build -c Debug --results-directory "$results" --logger trx \
    --blame-hang-timeout 15m --blame-hang-dump-type none "$@" || status=$?
  for project in "${whole[@]}"; do
    dotnet test "$project" --no-build -c Debug --results-directory "$results" --logger trx \
      --blame-hang-timeout 15m --blame-hang-dump-type none "$@" || status=$?
  done

  # Count from the TRX reports, one per test project: a project whose host crashed writes none.
  local passed=0 failed=0 projects reports
  projects=$(find tests -maxdepth 2 -name '*.Tests.csproj' | wc -l)
  reports=$(find "$results" -maxdepth 1 -name '*.trx' 2>/dev/null | wc -l)
  if [ "$reports" -gt 0 ]; then
    read -r passed failed < <(sed -n 's/.*<Counters [^>]*passed="\([0-9]*\)" failed="\([0-9]*\)".*/\1 \2/p' "$results"/*.trx \
      | awk '{p+=$1; f+=$2} END {print p+0, f+0}')
  fi
  if [ "$reports" -lt "$projects" ]; then
    echo "build.sh: $((projects - reports)) of $projects test projects wrote no report (crashed or did not run)" >&2
    failed=$((failed + projects - reports))
  fi
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    echo "build.sh: dotnet test exited with $status" >&2
    failed=1
  fi
  if [ "$failed" -gt 0 ] && [ "$reports" -gt 0 ]; then
    failures "$results"/*.trx
  fi
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

# failures TRX...: each failed test's name and the start of its message, so that the end of a long log says what broke.
failures() {
  python3 - "$@" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for report in sys.argv[1:]:
    for result in ET.parse(report).getroot().iterfind(".//t:UnitTestResult[@outcome='Failed']", ns):
        message = result.findtext("t:Output/t:ErrorInfo/t:Message", default="", namespaces=ns).strip()
        print(f"FAILED {result.get('testName')} ({result.get('duration')})")
        for line in message.splitlines()[:6]:
            print(f"    {line[:300]}")
PY
}

bench() {
  install_missing nghttp2-client nginx
  build Release
  dotnet tests/Crm.Benchmarks/bin/Release/net10.0/Crm.Benchmarks.dll "$@"
}

# token USER: the authorization code flow with PKCE, as a browser walks it, against the platform that `run` started:
# the sign-in page with the run's demo password (.crm/secrets/demo-password), then the code for a token.
token() {
  local user=${1:?usage: ./build.sh token USER (a demo person: ada, maria, irene, otto, nina, oskar, anna, clara, tom...)}
  local data=${CRM_DATA:-.crm} identity jar verifier challenge location page field value code
  identity=$(tr -d ' \n' < "$data/endpoints.json" 2>/dev/null | sed -n 's/.*"identity":{[^}]*"http":"\([^"]*\)".*/\1/p' || true)
  [ -n "$identity" ] || { echo "build.sh: the platform is not running (no identity in $data/endpoints.json): ./build.sh run first" >&2; exit 1; }
  jar=$(mktemp); trap "rm -f '$jar'" EXIT  # the jar holds a signed-in cookie
  verifier=$(openssl rand -base64 48 | tr '+/' '-_' | tr -d '=\n')
  challenge=$(printf '%s' "$verifier" | openssl dgst -sha256 -binary | openssl base64 -A | tr '+/' '-_' | tr -d '=')
  location=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' \
    "$identity/connect/authorize?client_id=crm-cli&response_type=code&scope=openid%20profile%20roles%20offline_access%20crm&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback&code_challenge=$challenge&code_challenge_method=S256")
  page=$(curl -s -c "$jar" -b "$jar" "$location")
  field=$(printf '%s' "$page" | sed -n 's/.*name="\(__RequestVerificationToken[^"]*\)" value="\([^"]*\)".*/\1/p')
  value=$(printf '%s' "$page" | sed -n 's/.*name="__RequestVerificationToken[^"]*" value="\([^"]*\)".*/\1/p')
  location=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' --data-urlencode "$field=$value" \
    --data-urlencode "returnUrl=$(printf '%s' "$page" | sed -n 's/.*name="returnUrl" value="\([^"]*\)".*/\1/p' | sed 's/&amp;/\&/g')" \
    --data-urlencode "userName=$user" --data-urlencode "password@$data/secrets/demo-password" "$identity/account/login")
  [ -n "$location" ] || { echo "build.sh: $user could not sign in" >&2; exit 1; }
  code=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' "$location" | sed -n 's/.*[?&]code=\([^&]*\).*/\1/p')
  local answer access
  answer=$(curl -s -d grant_type=authorization_code -d client_id=crm-cli -d redirect_uri=http://127.0.0.1/callback \
    --data-urlencode "code=$code" -d "code_verifier=$verifier" "$identity/connect/token" | tr -d '\n')
  access=$(printf '%s' "$answer" | sed -n 's/.*"access_token": *"\([^"]*\)".*/\1/p')
  [ -n "$access" ] || { echo "build.sh: no token for $user: $(printf '%s' "$answer" | sed -n 's/.*"error_description": *"\([^"]*\)".*/\1/p')" >&2; exit 1; }
  echo "$access"
}

# The eight programs that ship as images; each project names its ContainerRepository (crmplatform/NAME), and
# Directory.Build.targets holds the settings they share.
readonly IMAGE_PROJECTS=(Leads Opportunities Forecasts Orders Support Gateway Web Identity)
readonly BASE_REPOSITORY=crmplatform/aspnet-runtime

# images [--check]: the SDK's container publishing pulls its base image from a registry, and none is reachable here;
# so the base image is built from Debian's packages and this SDK's runtime (rebuilt only when the runtime version or
# base-image.sh changes: delete .crm/images/base to take in Debian's security updates), served by a registry on
# 127.0.0.1 while the publishing runs, and each program is published on top of it as an archive in artifacts/images.
images() {
  require_dotnet
  local check=false
  case "${1:-}" in
    --check) check=true ;;
    "") ;;
    *) echo "build.sh: usage: ./build.sh images [--check]" >&2; exit 2 ;;
  esac
  if $check && [ "$(id -u)" -ne 0 ]; then
    echo "build.sh: images --check needs root (it unpacks each image and runs it with chroot)" >&2; exit 1
  fi
  # The newest ASP.NET Core 10 runtime beside this SDK: the one the programs are built against and the base carries.
  local runtime
  runtime=$(dotnet --list-runtimes | awk '$1 == "Microsoft.AspNetCore.App" && $2 ~ /^10\./ { v = $2 } END { print v }')
  [ -n "$runtime" ] || { echo "build.sh: no ASP.NET Core 10 runtime beside the SDK" >&2; exit 1; }

  local cache=.crm/images/base stamp
  stamp="$runtime $(sha256sum deploy/images/base-image.sh | cut -d' ' -f1)"
  if [ "$(cat "$cache/stamp" 2>/dev/null)" != "$stamp" ]; then
    echo "build.sh: building the base image $BASE_REPOSITORY:$runtime"
    rm -f "$cache/stamp"
    SECONDS=0
    # As root: the app user's home belongs to uid 1654, and ldconfig writes the image's loader cache.
    as_root deploy/images/base-image.sh "$runtime" "$cache"
    echo "$stamp" > "$cache/stamp"
    echo "build.sh: base image built in $SECONDS s"
  else
    echo "build.sh: base image $BASE_REPOSITORY:$runtime is built ($(du -cb "$cache"/layout/blobs/sha256/* | tail -1 | awk '{ printf "%.1f MiB", $1 / 1048576 }') compressed)"
  fi

  local port_file=.crm/images/registry.port
  mkdir -p .crm/images
  rm -f "$port_file"
  python3 deploy/images/registry.py "$cache/layout" "$BASE_REPOSITORY" "$port_file" 2> .crm/images/registry.log &
  REGISTRY_PID=$!
  trap stop_registry EXIT
  local waited=0
  until [ -s "$port_file" ]; do
    kill -0 "$REGISTRY_PID" 2>/dev/null || { echo "build.sh: the registry did not start: $(tail -3 .crm/images/registry.log)" >&2; exit 1; }
    ((waited++ < 100)) || { echo "build.sh: the registry did not start within 10 s" >&2; exit 1; }
    sleep 0.1
  done
  local base="localhost:$(cat "$port_file")/$BASE_REPOSITORY:$runtime"
  echo "build.sh: serving the base image as $base (registry pid $REGISTRY_PID)"

  # All eight in one msbuild run: the projects they share are built and checked once, not once per program, and two
  # programs build at a time (docs/images.md has the times of both ways).
  local log=.crm/images/publish.log name
  {
    printf '{ "solution": { "path": "../../CrmPlatform.sln", "projects": [\n'
    for name in "${IMAGE_PROJECTS[@]}"; do printf '    "services/%s/Crm.%s/Crm.%s.csproj"\n' "$name" "$name" "$name"; done | paste -sd, -
    printf '] } }\n'
  } > .crm/images/images.slnf
  echo "build.sh: publishing ${IMAGE_PROJECTS[*]} (Release)"
  rm -rf artifacts/images
  SECONDS=0
  if ! dotnet publish .crm/images/images.slnf -c Release -t:PublishContainer -p:ContainerBaseImage="$base" -nologo -v:minimal > "$log" 2>&1; then
    grep -E ': (error|warning) ' "$log" | sort -u >&2 || tail -20 "$log" >&2
    echo "build.sh: publishing failed (its whole output: $log)" >&2
    exit 1
  fi
  echo "build.sh: published in $SECONDS s"
  stop_registry
  trap - EXIT
  image_summary artifacts/images/*.tar.gz

  if $check; then
    check_images
  fi
}

stop_registry() {
  if [ -n "${REGISTRY_PID:-}" ]; then
    kill "$REGISTRY_PID" 2>/dev/null || true
    wait "$REGISTRY_PID" 2>/dev/null || true
    REGISTRY_PID=
  fi
}

# image_summary ARCHIVE...: each archive with the image it holds, its size and the size of its own (last) layer.
image_summary() {
  python3 - "$@" <<'PY'
import json, os, sys, tarfile
for path in sys.argv[1:]:
    with tarfile.open(path) as tar:
        descriptor = json.load(tar.extractfile("index.json"))["manifests"][0]
        name = descriptor["annotations"]["io.containerd.image.name"].removeprefix("docker.io/")
        manifest = json.load(tar.extractfile("blobs/" + descriptor["digest"].replace(":", "/")))
    mib = lambda size: f"{size / 1048576:5.1f} MiB"
    print(f"{path:38} {name:32} {mib(os.path.getsize(path))}  (its own layer {mib(manifest['layers'][-1]['size'])})")
PY
}

# check_images: runs each archive as a container would (deploy/images/check-image.py). Without their PostgreSQL the
# services stop at once with their own message, which shows that the runtime in the base starts them; the gateway and
# the web app need no database and must answer /alive as uid 1654 (the web app its static assets too) and stop on SIGTERM.
check_images() {
  local failed=0 name database
  SECONDS=0
  for name in leads opportunities forecasts orders support identity; do
    database=${name}db
    python3 deploy/images/check-image.py "artifacts/images/$name.tar.gz" --fails-with "ConnectionStrings__$database is not set" \
      || failed=$((failed + 1))
  done
  # No identity service runs here: an authority that nothing answers is enough, as both fetch its keys only when needed.
  python3 deploy/images/check-image.py artifacts/images/gateway.tar.gz --alive Identity__Authority=http://127.0.0.1:9 \
    || failed=$((failed + 1))
  python3 deploy/images/check-image.py artifacts/images/web.tar.gz --alive Identity__Authority=http://127.0.0.1:9 \
    services__gateway__grpc__0=http://127.0.0.1:9 --get /_framework/blazor.web.js --get /_content/MudBlazor/MudBlazor.min.css \
    --get /app.css || failed=$((failed + 1))
  echo "build.sh: $((8 - failed)) of 8 images checked, $failed failed ($SECONDS s)"
  [ "$failed" -eq 0 ]
}

case "${1:-}" in
  run) shift; run "$@" ;;
  test) shift; run_tests "$@" ;;
  bench) shift; bench "$@" ;;
  token) shift; token "$@" ;;
  images) shift; images "$@" ;;
  *) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
