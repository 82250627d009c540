#!/usr/bin/env bash
# CrmPlatform's two commands (and the benchmarks):
#   ./build.sh run          install what is missing, build, start the whole platform (Ctrl+C stops it)
#   ./build.sh test         install what is missing, build, run every test; ends with "N passed, N failed"
#   ./build.sh bench [name] run the benchmarks in tests/Crm.Benchmarks (Release) and print their figures
#   ./build.sh token USER   sign a demo person in to the running platform and print their access token
# Works as root or as a user with sudo; safe to run again (it installs only what is missing).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# Servers for the platform and its tests; Python gRPC as an independent client in the interop tests; chromium for
# the browser tests (Playwright drives it; its own browser download cannot work here).
readonly DEBIAN_PACKAGES=(postgresql rabbitmq-server python3-grpcio python3-protobuf chromium)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else echo "build.sh: '$*' needs root: run as root or install sudo" >&2; exit 1
  fi
}

install_missing() {
  command -v dotnet >/dev/null || { echo "build.sh: the .NET 10 SDK is missing: install it first (https://dot.net)" >&2; exit 1; }
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

case "${1:-}" in
  run) shift; run "$@" ;;
  test) shift; run_tests "$@" ;;
  bench) shift; bench "$@" ;;
  token) shift; token "$@" ;;
  *) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
