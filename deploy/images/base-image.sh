#!/usr/bin/env bash
# base-image.sh RUNTIME_VERSION CACHE_DIR: writes the ASP.NET Core runtime base image (Debian 12 libraries + the shared
# runtime installed beside this SDK) as an OCI image layout in CACHE_DIR/layout, tagged RUNTIME_VERSION.
# Built here because no container registry is reachable: it stands in for Microsoft's aspnet image, with no ICU
# (the projects run with invariant globalization) and no shell or package manager.
set -euo pipefail

readonly VERSION=${1:?usage: base-image.sh RUNTIME_VERSION CACHE_DIR}
readonly CACHE=${2:?usage: base-image.sh RUNTIME_VERSION CACHE_DIR}
readonly DOTNET_ROOT=${DOTNET_ROOT:-/usr/share/dotnet}
# What the runtime loads (libc, libstdc++, OpenSSL, zlib), the root certificates, time zones, and base-files for os-release.
readonly PACKAGES=(libc6 libgcc-s1 libstdc++6 libssl3 zlib1g ca-certificates tzdata base-files)
readonly APP_UID=1654
# Every file and the image itself carry this time, so the same inputs give the same layer digests.
readonly EPOCH=0

for dir in "shared/Microsoft.NETCore.App/$VERSION" "shared/Microsoft.AspNetCore.App/$VERSION" "host/fxr/$VERSION"; do
  [ -d "$DOTNET_ROOT/$dir" ] || { echo "base-image.sh: $DOTNET_ROOT/$dir is missing" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/crm-base-image.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$CACHE/debs"

# The newest packages of the machine's Debian release (security updates included), kept between builds.
rm -f "$CACHE"/debs/*.deb
(cd "$CACHE/debs" && apt-get download -qq -o APT::Sandbox::User=root "${PACKAGES[@]}")

os=$work/os
mkdir -p "$os/var/lib/dpkg/status.d"
for deb in "$CACHE"/debs/*.deb; do
  name=$(dpkg-deb -f "$deb" Package)
  if [ "$name" = base-files ]; then
    dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$os" ./usr/lib/os-release ./etc/os-release
  else
    dpkg-deb -x "$deb" "$os"
  fi
  # Scanners find the image's packages and versions here, as in distroless images.
  dpkg-deb -f "$deb" > "$os/var/lib/dpkg/status.d/$name"
done

# Merged /usr, as in Debian 12 images: the packages still ship /lib and /lib64.
for dir in bin sbin lib lib64; do
  mkdir -p "$os/usr/$dir"
  if [ -d "$os/$dir" ]; then cp -a "$os/$dir/." "$os/usr/$dir/"; rm -rf "${os:?}/$dir"; fi
  ln -s "usr/$dir" "$os/$dir"
done

# The CA bundle as update-ca-certificates writes it (every Mozilla certificate, in order), and OpenSSL's default paths
# (from Debian's openssl package, which is not in the image) pointing at it, where .NET looks for its root store.
mkdir -p "$os/etc/ssl/certs" "$os/usr/lib/ssl"
for crt in $(cd "$os/usr/share/ca-certificates" && find . -name '*.crt' | LC_ALL=C sort); do
  sed -e '$a\' "$os/usr/share/ca-certificates/$crt"
done > "$os/etc/ssl/certs/ca-certificates.crt"
ln -s /etc/ssl/certs/ca-certificates.crt "$os/usr/lib/ssl/cert.pem"
ln -s /etc/ssl/certs "$os/usr/lib/ssl/certs"

# What nothing at run time uses: maintainer tools, manuals, iconv modules, leap-second zones. Licences stay.
rm -rf "$os/usr/sbin/update-ca-certificates" "$os/etc/ca-certificates" "$os/usr/share/man" "$os/usr/share/lintian" \
  "$os/usr/share/gdb" "$os/usr/share/gcc" "$os/usr/lib/x86_64-linux-gnu/gconv" "$os/usr/share/zoneinfo/right"
find "$os/usr/share/doc" -type f ! -name copyright -delete
find "$os/usr/share/doc" -type d -empty -delete

# root and the unprivileged app user the images run as (uid and gid 1654, as in Microsoft's images).
cat > "$os/etc/passwd" <<PASSWD
root:x:0:0:root:/root:/usr/sbin/nologin
app:x:$APP_UID:$APP_UID::/home/app:/usr/sbin/nologin
PASSWD
cat > "$os/etc/group" <<GROUP
root:x:0:
app:x:$APP_UID:
GROUP
# Without this file glibc asks DNS before /etc/hosts.
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$os/etc/nsswitch.conf"
mkdir -p "$os/root" "$os/home/app" "$os/tmp"
chmod 700 "$os/root"; chmod 1777 "$os/tmp"
chown "$APP_UID:$APP_UID" "$os/home/app"
ldconfig -r "$os"

# The runtime as a second layer: a new runtime version leaves the first layer's digest as it was.
rt=$work/runtime
mkdir -p "$rt/usr/share/dotnet/host/fxr" "$rt/usr/share/dotnet/shared/Microsoft.NETCore.App" \
  "$rt/usr/share/dotnet/shared/Microsoft.AspNetCore.App" "$rt/usr/bin"
cp -a "$DOTNET_ROOT/dotnet" "$DOTNET_ROOT/LICENSE.txt" "$DOTNET_ROOT/ThirdPartyNotices.txt" "$rt/usr/share/dotnet/"
cp -a "$DOTNET_ROOT/host/fxr/$VERSION" "$rt/usr/share/dotnet/host/fxr/"
cp -a "$DOTNET_ROOT/shared/Microsoft.NETCore.App/$VERSION" "$rt/usr/share/dotnet/shared/Microsoft.NETCore.App/"
cp -a "$DOTNET_ROOT/shared/Microsoft.AspNetCore.App/$VERSION" "$rt/usr/share/dotnet/shared/Microsoft.AspNetCore.App/"
ln -s ../share/dotnet/dotnet "$rt/usr/bin/dotnet"

layout=$CACHE/layout
rm -rf "$layout"; mkdir -p "$layout/blobs/sha256"

# blob FILE: moves FILE into the layout under its digest and prints "sha256:HEX SIZE".
blob() {
  local hex size
  hex=$(sha256sum "$1" | cut -d' ' -f1); size=$(stat -c %s "$1")
  mv "$1" "$layout/blobs/sha256/$hex"
  echo "sha256:$hex $size"
}

# layer DIR: a reproducible gzip layer (sorted names, one time, numeric owners); prints "DIGEST SIZE DIFF_ID".
layer() {
  tar -C "$1" --sort=name --format=posix --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
    --mtime="@$EPOCH" --numeric-owner -cf "$work/layer.tar" .
  local diff_id; diff_id=sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
  gzip -n -9 "$work/layer.tar"
  echo "$(blob "$work/layer.tar.gz") $diff_id"
}

read -r os_digest os_size os_diff < <(layer "$os")
read -r rt_digest rt_size rt_diff < <(layer "$rt")
created=$(date -u -d "@$EPOCH" +%Y-%m-%dT%H:%M:%SZ)

cat > "$work/config.json" <<JSON
{
  "architecture": "amd64",
  "os": "linux",
  "created": "$created",
  "config": {
    "User": "$APP_UID",
    "Env": [
      "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      "APP_UID=$APP_UID",
      "DOTNET_RUNNING_IN_CONTAINER=true",
      "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true",
      "DOTNET_VERSION=$VERSION",
      "ASPNET_VERSION=$VERSION"
    ],
    "WorkingDir": "/app"
  },
  "rootfs": { "type": "layers", "diff_ids": ["$os_diff", "$rt_diff"] },
  "history": [
    { "created": "$created", "created_by": "deploy/images/base-image.sh: Debian 12 ${PACKAGES[*]}" },
    { "created": "$created", "created_by": "deploy/images/base-image.sh: ASP.NET Core runtime $VERSION" }
  ]
}
JSON
read -r config_digest config_size < <(blob "$work/config.json")

cat > "$work/manifest.json" <<JSON
{
  "schemaVersion": 2,
  "mediaType": "application/vnd.oci.image.manifest.v1+json",
  "config": { "mediaType": "application/vnd.oci.image.config.v1+json", "digest": "$config_digest", "size": $config_size },
  "layers": [
    { "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "$os_digest", "size": $os_size },
    { "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "$rt_digest", "size": $rt_size }
  ]
}
JSON
read -r manifest_digest manifest_size < <(blob "$work/manifest.json")

printf '{"imageLayoutVersion": "1.0.0"}\n' > "$layout/oci-layout"
cat > "$layout/index.json" <<JSON
{
  "schemaVersion": 2,
  "mediaType": "application/vnd.oci.image.index.v1+json",
  "manifests": [
    { "mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "$manifest_digest", "size": $manifest_size,
      "platform": { "architecture": "amd64", "os": "linux" },
      "annotations": { "org.opencontainers.image.ref.name": "$VERSION" } }
  ]
}
JSON
echo "base-image.sh: $VERSION, $(((os_size + rt_size + 524288) / 1048576)) MiB compressed ($os_digest, $rt_digest), manifest $manifest_digest"
