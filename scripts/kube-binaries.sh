#!/usr/bin/env bash
# Builds kube-apiserver, etcd and kubectl from Go modules into kube-api-test's folder, once:
#   ${KUBE_API_TEST_DIR:-~/.kubeapitest}/k8s/<version>-linux-amd64/{kube-apiserver,etcd,kubectl}
# Fabric8's kube-api-test starts them for the real-server tests; a machine that already has them
# (or downloads them, with internet) skips the build. Versions are pinned in
# tools/kube-binaries/go.mod and go.sum.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="$here/tools/kube-binaries"
version="$(awk '$1 == "k8s.io/kubernetes" && $2 ~ /^v/ {print substr($2, 2); exit}' "$module/go.mod")"
etcd_version="$(awk '$1 == "go.etcd.io/etcd/server/v3" && $2 ~ /^v/ {print $2; exit}' "$module/go.mod")"
dest="${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}/k8s/${version}-linux-amd64"

have() { [[ -x "$dest/kube-apiserver" && -x "$dest/etcd" && -x "$dest/kubectl" ]]; }

if have; then
  echo "kube-binaries: Kubernetes $version already in $dest"
  exit 0
fi
command -v go >/dev/null || { echo "kube-binaries: go is needed to build Kubernetes $version" >&2; exit 1; }

mkdir -p "$dest.partial"
started=$SECONDS
cd "$module"
# Stamp versions as Kubernetes' own build does: kube-api-test and kubectl read them.
k8s_ldflags="-s -w -X k8s.io/component-base/version.gitVersion=v$version \
  -X k8s.io/component-base/version.gitMajor=${version%%.*} \
  -X k8s.io/component-base/version.gitMinor=$(echo "$version" | cut -d. -f2) \
  -X k8s.io/component-base/version.gitTreeState=clean \
  -X k8s.io/client-go/pkg/version.gitVersion=v$version"
export CGO_ENABLED=0
echo "kube-binaries: building Kubernetes $version and etcd $etcd_version (first time: 10-20 min on 2 cores)"
go build -mod=readonly -buildvcs=false -trimpath -ldflags "$k8s_ldflags" -o "$dest.partial/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver
go build -mod=readonly -buildvcs=false -trimpath -ldflags "$k8s_ldflags" -o "$dest.partial/kubectl" k8s.io/kubernetes/cmd/kubectl
go build -mod=readonly -buildvcs=false -trimpath -ldflags "-s -w" -o "$dest.partial/etcd" go.etcd.io/etcd/server/v3
rm -rf "$dest"
mv "$dest.partial" "$dest"
echo "kube-binaries: built in $((SECONDS - started)) s into $dest"
ls -l "$dest"
