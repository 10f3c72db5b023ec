#!/usr/bin/env bash
# End to end on kind, the same for people with Docker + kind and for CI (.github/workflows/kind-e2e.yml):
#   1. kind cluster from kind-config.yaml (host ports 9092 Prometheus, 3000 Grafana)
#   2. build both images and `kind load` them
#   3. kube-prometheus-stack with hack/kube-prometheus-stack-values.yaml
#   4. our chart with the demo CR; wait for its Ready condition
#   5. the runbook's `check` against localhost:9092, the dashboard through Grafana's API on localhost:3000
#   6. `helm test`
# On failure it prints CR status, events, pod logs and Prometheus targets. Idempotent: an existing
# cluster and releases are reused. KEEP_CLUSTER=1 leaves the cluster running at the end.
# Needs: docker, kind, kubectl, helm, curl, java 17.
set -euo pipefail
cd "$(dirname "$0")/.."

CLUSTER="${CLUSTER:-execution-watch}"
NAMESPACE="${NAMESPACE:-peaktrade}"
MONITORING_NS=monitoring
KPS_VERSION="${KPS_VERSION:-65.1.1}"   # kube-prometheus-stack chart version
GRAFANA_AUTH="admin:prom-operator"
VERSION="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)"
EXPORTER_JAR=exporter/target/execution-watch-exporter.jar

log() { printf '\n==> %s\n' "$*"; }

diagnose() {
  log "FAILED - diagnostics"
  kubectl get ewd -A -o wide || true
  kubectl -n "$NAMESPACE" describe ewd || true
  kubectl -n "$NAMESPACE" get events --sort-by=.lastTimestamp | tail -n 40 || true
  kubectl get pods -A -o wide || true
  for pod in $(kubectl -n "$NAMESPACE" get pods -o name 2>/dev/null); do
    echo "--- logs $pod"
    kubectl -n "$NAMESPACE" logs "$pod" --all-containers --tail=80 || true
  done
  echo "--- Prometheus targets"
  curl -s http://localhost:9092/api/v1/targets | head -c 4000 || true
  echo
}

teardown() {
  local rc=$?
  [ "$rc" -ne 0 ] && diagnose
  if [ "${KEEP_CLUSTER:-0}" != "1" ]; then
    log "Deleting kind cluster $CLUSTER (KEEP_CLUSTER=1 keeps it)"
    kind delete cluster --name "$CLUSTER" || true
  fi
  exit "$rc"
}
trap teardown EXIT

for tool in docker kind kubectl helm curl java; do
  command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 2; }
done

log "1. kind cluster $CLUSTER"
if ! kind get clusters | grep -qx "$CLUSTER"; then
  kind create cluster --name "$CLUSTER" --config kind-config.yaml --wait 120s
fi
kubectl config use-context "kind-$CLUSTER"

log "2. images $VERSION"
hack/build-images.sh
kind load docker-image --name "$CLUSTER" "execution-watch-exporter:$VERSION" "execution-watch-operator:$VERSION"

log "3. kube-prometheus-stack $KPS_VERSION"
helm repo add prometheus-community https://prometheus-community.github.io/helm-charts --force-update >/dev/null
helm upgrade --install kube-prometheus-stack prometheus-community/kube-prometheus-stack \
  --version "$KPS_VERSION" --namespace "$MONITORING_NS" --create-namespace \
  -f hack/kube-prometheus-stack-values.yaml --wait --timeout 10m

log "4. execution-watch-operator with the demo"
helm upgrade --install execution-watch helm/execution-watch-operator \
  --namespace "$NAMESPACE" --create-namespace \
  --set demo.enabled=true \
  --set "image.tag=$VERSION" \
  --set "demo.exporter.image=execution-watch-exporter:$VERSION" \
  --set "test.prometheusUrl=http://kube-prometheus-stack-prometheus.$MONITORING_NS.svc:9090" \
  --wait --timeout 5m
kubectl -n "$NAMESPACE" wait ewd/demo --for=condition=Ready --timeout=5m
kubectl -n "$NAMESPACE" get ewd

log "5a. runbook checks against localhost:9092"
java -jar "$EXPORTER_JAR" check --prometheus http://localhost:9092 --run-id demo --wait-seconds 180

log "5b. dashboard in Grafana on localhost:3000"
found=""
for _ in $(seq 1 60); do
  found="$(curl -s -u "$GRAFANA_AUTH" 'http://localhost:3000/api/search?query=Peak_Trade%20%E2%80%94%20Execution%20Watch%20Overview' || true)"
  if echo "$found" | grep -q '"folderTitle":"Peak_Trade/execution"\|"folderTitle":"execution"'; then
    break
  fi
  sleep 5
done
echo "$found"
echo "$found" | grep -q '"title":"Peak_Trade — Execution Watch Overview' \
  || { echo "dashboard not found in Grafana" >&2; exit 1; }
echo "$found" | grep -q '"folderTitle":"Peak_Trade/execution"\|"folderTitle":"execution"' \
  || { echo "dashboard not in folder Peak_Trade/execution" >&2; exit 1; }

log "6. helm test"
helm test execution-watch --namespace "$NAMESPACE" --logs --timeout 5m

log "kind e2e passed"
