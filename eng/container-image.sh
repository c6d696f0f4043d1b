#!/usr/bin/env bash
# Builds the reference host's container image with the .NET SDK's container support, offline:
#   1. starts a private registry (Debian's docker-registry) on 127.0.0.1 and pushes to it a minimal base image assembled here —
#      the role mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled plays outside tests: this machine's glibc, libstdc++, OpenSSL and
#      CA certificates, the installed ASP.NET Core shared runtime, a non-root user 1654 ("app") and writable /data and /tmp;
#   2. runs `dotnet publish -t:PublishContainer` against it (DOTNET_CONTAINER_INSECURE_REGISTRIES for the loopback registry),
#      writing the image as an OCI image-layout tarball (ContainerArchiveOutputPath) — nothing is pushed anywhere;
#   3. stops the registry.
#   bash eng/container-image.sh [output-folder]   (default artifacts/container; writes reference-host.oci.tar)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$(mkdir -p "${1:-$ROOT/artifacts/container}" && cd "${1:-$ROOT/artifacts/container}" && pwd)"
PORT="${AIP_REGISTRY_PORT:-55001}"
REGISTRY="127.0.0.1:$PORT"
WORK="$(mktemp -d)"
log() { printf '[image] %s\n' "$*"; }
cleanup() { [ -f "$WORK/registry.pid" ] && kill "$(cat "$WORK/registry.pid")" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

# -- 1. the registry
cat >"$WORK/registry.yml" <<YML
version: 0.1
log: { level: error }
storage: { filesystem: { rootdirectory: $WORK/registry } }
http: { addr: $REGISTRY }
YML
(nohup docker-registry serve "$WORK/registry.yml" </dev/null >"$WORK/registry.log" 2>&1 & echo $! >"$WORK/registry.pid")
for _ in $(seq 1 100); do curl -sf "http://$REGISTRY/v2/" >/dev/null && break; sleep 0.1; done
curl -sf "http://$REGISTRY/v2/" >/dev/null || { cat "$WORK/registry.log"; exit 1; }

# -- 2. the base image: one layer
rootfs="$WORK/rootfs"
mkdir -p "$rootfs"/{etc,tmp,data,proc,dev,app,usr/share}
chmod 1777 "$rootfs/tmp"
libs="$(ldd /usr/share/dotnet/shared/Microsoft.NETCore.App/*/libcoreclr.so /usr/share/dotnet/dotnet \
  /usr/lib/x86_64-linux-gnu/libssl.so.3 | awk '/=>/ {print $3} /ld-linux/ {print $1}' | sort -u)"
for lib in $libs /usr/lib/x86_64-linux-gnu/libssl.so.3 /usr/lib/x86_64-linux-gnu/libcrypto.so.3 /usr/lib/x86_64-linux-gnu/libz.so.1; do
  for path in "$lib" "$(readlink -f "$lib")"; do mkdir -p "$rootfs$(dirname "$path")"; cp -L "$lib" "$rootfs$path"; done
done
# Debian's loader looks in /lib/x86_64-linux-gnu and /lib64: keep the merged-/usr links.
ln -s usr/lib "$rootfs/lib"; ln -s usr/lib64 "$rootfs/lib64"
mkdir -p "$rootfs/etc/ssl/certs" && cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/"
cp -r /usr/share/dotnet "$rootfs/usr/share/dotnet"
rm -rf "$rootfs/usr/share/dotnet/sdk" "$rootfs/usr/share/dotnet/packs" "$rootfs/usr/share/dotnet/templates" "$rootfs/usr/share/dotnet/sdk-manifests"
printf 'root:x:0:0:root:/root:/sbin/nologin\napp:x:1654:1654:app:/app:/sbin/nologin\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\napp:x:1654:\n' >"$rootfs/etc/group"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$rootfs" -cf "$WORK/layer.tar" --exclude=./data . \
  && tar --owner=1654 --group=1654 --numeric-owner --mtime=@0 -C "$rootfs" -rf "$WORK/layer.tar" ./data
gzip -n -c "$WORK/layer.tar" >"$WORK/layer.tar.gz"
diff_id="sha256:$(sha256sum "$WORK/layer.tar" | cut -d' ' -f1)"
cat >"$WORK/config.json" <<JSON
{"architecture":"amd64","os":"linux","config":{"User":"1654","Env":["PATH=/usr/share/dotnet:/usr/bin:/bin","DOTNET_ROOT=/usr/share/dotnet","APP_UID=1654"],"WorkingDir":"/app"},"rootfs":{"type":"layers","diff_ids":["$diff_id"]}}
JSON
push_blob() { # push_blob <file> -> prints its digest
  local digest="sha256:$(sha256sum "$1" | cut -d' ' -f1)" location
  location="$(curl -sf -D - -o /dev/null -X POST "http://$REGISTRY/v2/aiplatform/base/blobs/uploads/" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')"
  case "$location" in http*) ;; *) location="http://$REGISTRY$location" ;; esac
  curl -sf -X PUT -H 'Content-Type: application/octet-stream' --data-binary "@$1" "$location&digest=$digest" >/dev/null
  echo "$digest"
}
layer_digest="$(push_blob "$WORK/layer.tar.gz")"
config_digest="$(push_blob "$WORK/config.json")"
cat >"$WORK/manifest.json" <<JSON
{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
 "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"$config_digest","size":$(stat -c%s "$WORK/config.json")},
 "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"$layer_digest","size":$(stat -c%s "$WORK/layer.tar.gz")}]}
JSON
curl -sf -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' --data-binary "@$WORK/manifest.json" \
  "http://$REGISTRY/v2/aiplatform/base/manifests/10.0" >/dev/null
log "base image $REGISTRY/aiplatform/base:10.0 ($(du -h "$WORK/layer.tar.gz" | cut -f1))"

# -- 3. the application image
rm -f "$OUT/reference-host.oci.tar"
DOTNET_CONTAINER_INSECURE_REGISTRIES="$REGISTRY" dotnet publish "$ROOT/samples/AiPlatform.ReferenceHost" -c Release -t:PublishContainer \
  -p:ContainerBaseImage="$REGISTRY/aiplatform/base:10.0" -p:ContainerArchiveOutputPath="$OUT/reference-host.oci.tar" -v q -nologo
log "image written to $OUT/reference-host.oci.tar ($(du -h "$OUT/reference-host.oci.tar" | cut -f1))"
