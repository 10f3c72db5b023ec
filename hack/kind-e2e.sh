#!/usr/bin/env bash
# End to end on kind, the same for people with Docker + kind and for CI (.github/workflows/kind-e2e.yml):
#   1. kind cluster from kind-config.yaml (host ports 9092 Prometheus, 3000 Grafana)
#   2. build both images and `kind load` them
#   3. kube-prometheus-stack with hack/kube-prometheus-stack-values.yaml
#   4. our chart with the demo CR, in a namespace where Pod Security Admission enforces "restricted";
#      wait for its Ready condition
#   5. the runbook's `check` against localhost:9092, the dashboard through Grafana's API on localhost:3000
#   6. no-live in the cluster: a pod with the demo's labels cannot connect anywhere (Prometheus by its
#      cluster IP, an address outside), while the same pod without them can (the control)
#   7. `helm test`
# On failure it prints CR status, events, pod logs and Prometheus targets. Idempotent: an existing
# cluster and releases are reused. KEEP_CLUSTER=1 leaves the cluster running at the end.
# Needs: docker, kind >= 0.24 (its kindnet enforces NetworkPolicies), kubectl, helm, curl, git, java 17.
set -euo pipefail
cd "$(dirname "$0")/.."

CLUSTER="${CLUSTER:-execution-watch}"
NAMESPACE="${NAMESPACE:-peaktrade}"
MONITORING_NS=monitoring
KPS_VERSION="${KPS_VERSION:-65.1.1}"   # kube-prometheus-stack chart version
GRAFANA_AUTH="admin:prom-operator"
VERSION="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)"
# A tag unique per commit (and per uncommitted change): a rerun never runs a stale image.
TAG="$VERSION-$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . || echo "-dirty-$(date +%s)")"
PROBE_IMAGE="${PROBE_IMAGE:-busybox:1.36.1}"
EXPORTER_JAR=exporter/target/execution-watch-exporter.jar

DIAGNOSTICS="${DIAGNOSTICS:-$PWD/target/kind-diagnostics}"

log() { printf '\n==> %s\n' "$*"; }

# Runs a PSA-restricted busybox pod with LABELS (may be empty) in $NAMESPACE that fetches URL;
# prints Succeeded (it connected), Failed (it could not) or Timeout.
egress_probe() {
  local name=$1 labels=$2 url=$3 phase=""
  kubectl -n "$NAMESPACE" delete pod "$name" --ignore-not-found --wait=true >/dev/null
  local overrides
  overrides='{"apiVersion":"v1","spec":{"securityContext":{"runAsNonRoot":true,"runAsUser":65532,"seccompProfile":{"type":"RuntimeDefault"}},"containers":[{"name":"'"$name"'","image":"'"$PROBE_IMAGE"'","command":["wget","-T","5","-q","-O","/dev/null","'"$url"'"],"securityContext":{"allowPrivilegeEscalation":false,"readOnlyRootFilesystem":true,"capabilities":{"drop":["ALL"]}}}]}}'
  kubectl -n "$NAMESPACE" run "$name" --image="$PROBE_IMAGE" --restart=Never \
    ${labels:+--labels="$labels"} --overrides="$overrides" >/dev/null
  for _ in $(seq 1 90); do
    phase="$(kubectl -n "$NAMESPACE" get pod "$name" -o jsonpath='{.status.phase}' 2>/dev/null || true)"
    case "$phase" in
      Succeeded | Failed) echo "$phase"; return 0 ;;
    esac
    sleep 2
  done
  echo Timeout
}

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
  mkdir -p "$DIAGNOSTICS"
  kind export logs --name "$CLUSTER" "$DIAGNOSTICS/kind-logs" >/dev/null 2>&1 || true
  kubectl get ewd -A -o yaml > "$DIAGNOSTICS/ewd.yaml" 2>&1 || true
  kubectl get events -A --sort-by=.lastTimestamp > "$DIAGNOSTICS/events.txt" 2>&1 || true
  kubectl get networkpolicies -A -o yaml > "$DIAGNOSTICS/networkpolicies.yaml" 2>&1 || true
  kubectl -n "$NAMESPACE" logs deployment/execution-watch-operator --tail=-1 > "$DIAGNOSTICS/operator.log" 2>&1 || true
  kubectl -n "$MONITORING_NS" logs deployment/kube-prometheus-stack-operator --tail=-1 > "$DIAGNOSTICS/prometheus-operator.log" 2>&1 || true
  kubectl -n "$MONITORING_NS" logs deployment/kube-prometheus-stack-grafana --all-containers --tail=-1 > "$DIAGNOSTICS/grafana.log" 2>&1 || true
  echo "diagnostics kept in $DIAGNOSTICS"
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

for tool in docker kind kubectl helm curl git java; do
  command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 2; }
done
kind_minor="$(kind version | sed -n 's/^kind v0\.\([0-9]*\)\..*/\1/p')"
if [ -n "$kind_minor" ] && [ "$kind_minor" -lt 24 ]; then
  echo "kind $(kind version) does not enforce NetworkPolicies (kind >= 0.24 does): the no-live proof would be void" >&2
  exit 2
fi

log "1. kind cluster $CLUSTER"
if ! kind get clusters | grep -qx "$CLUSTER"; then
  kind create cluster --name "$CLUSTER" --config kind-config.yaml --wait 120s
fi
kubectl config use-context "kind-$CLUSTER"

log "2. images $TAG"
TAG="$TAG" hack/build-images.sh
hack/kind-load-images.sh "$TAG" "$CLUSTER"

log "3. kube-prometheus-stack $KPS_VERSION"
helm repo add prometheus-community https://prometheus-community.github.io/helm-charts --force-update >/dev/null
helm upgrade --install kube-prometheus-stack prometheus-community/kube-prometheus-stack \
  --version "$KPS_VERSION" --namespace "$MONITORING_NS" --create-namespace \
  -f hack/kube-prometheus-stack-values.yaml --wait --timeout 10m

log "4. execution-watch-operator with the demo, Pod Security Admission 'restricted' in $NAMESPACE"
kubectl create namespace "$NAMESPACE" --dry-run=client -o yaml | kubectl apply -f -
kubectl label namespace "$NAMESPACE" --overwrite \
  pod-security.kubernetes.io/enforce=restricted pod-security.kubernetes.io/enforce-version=latest
# Helm installs crds/ only when the CRD is absent and never upgrades it: apply the current one.
kubectl apply --server-side -f helm/execution-watch-operator/crds/
helm upgrade --install execution-watch helm/execution-watch-operator \
  --namespace "$NAMESPACE" \
  --set demo.enabled=true \
  --set "image.tag=$TAG" \
  --set "exporterImage.tag=$TAG" \
  --set "networkPolicy.prometheusNamespaces[0]=$MONITORING_NS" \
  --set "test.prometheusUrl=http://kube-prometheus-stack-prometheus.$MONITORING_NS.svc:9090" \
  --wait --timeout 5m
kubectl -n "$NAMESPACE" wait ewd/demo --for=condition=Ready --timeout=5m
kubectl -n "$NAMESPACE" get ewd

log "5a. runbook checks against localhost:9092"
# A new ServiceMonitor reaches Prometheus only after prometheus-operator rewrites its config and
# Prometheus reloads it: often one to three minutes on a fresh cluster.
SCRAPE_WAIT_SECONDS="${SCRAPE_WAIT_SECONDS:-420}"
if ! java -jar "$EXPORTER_JAR" check --prometheus http://localhost:9092 --run-id demo \
    --wait-seconds "$SCRAPE_WAIT_SECONDS"; then
  echo "Waited $SCRAPE_WAIT_SECONDS s for Prometheus to scrape the jobs ai_live, shadow_mvs and" \
    "execution_watch_api from the ServiceMonitors demo-ai-live, demo-shadow-mvs, demo-watch-api" \
    "(label release=kube-prometheus-stack): see prometheus-operator.log in the diagnostics" >&2
  exit 1
fi

log "5b. dashboard in Grafana on localhost:3000"
found=""
for _ in $(seq 1 60); do
  found="$(curl -s -u "$GRAFANA_AUTH" 'http://localhost:3000/api/search?query=Peak_Trade%20%E2%80%94%20Execution%20Watch%20Overview' || true)"
  if echo "$found" | grep -q '"folderTitle":"execution"'; then
    break
  fi
  sleep 5
done
echo "$found"
# The proof, kept: Grafana's own answer says which folder the dashboard is in.
mkdir -p "$DIAGNOSTICS"
echo "$found" > "$DIAGNOSTICS/grafana-dashboard-search.json"
echo "$found" | grep -q '"title":"Peak_Trade — Execution Watch Overview' \
  || { echo "dashboard not found in Grafana" >&2; exit 1; }
# The sidecar writes the file under Peak_Trade/execution; Grafana's file provisioning makes one
# folder level of that path, its last: "execution".
echo "$found" | grep -q '"folderTitle":"execution"' \
  || { echo "dashboard not in Grafana folder execution (from the annotation Peak_Trade/execution)" >&2; exit 1; }

log "6. no-live in the cluster: egress from a pod with the demo's labels"
# Prometheus by its cluster IP (no DNS needed), and an address outside the cluster.
prom_ip="$(kubectl -n "$MONITORING_NS" get service kube-prometheus-stack-prometheus -o jsonpath='{.spec.clusterIP}')"
control="$(egress_probe egress-control "" "http://$prom_ip:9090/-/ready")"
fenced="$(egress_probe egress-probe "app.kubernetes.io/name=execution-watch,app.kubernetes.io/instance=demo" "http://$prom_ip:9090/-/ready")"
outside="$(egress_probe egress-probe-outside "app.kubernetes.io/name=execution-watch,app.kubernetes.io/instance=demo" "http://1.1.1.1/")"
echo "without the demo's labels: $control; with them, to Prometheus: $fenced; to 1.1.1.1: $outside"
[ "$control" = Succeeded ] \
  || { echo "the control pod could not reach Prometheus at $prom_ip:9090 either ($control): the probe proves nothing" >&2; exit 1; }
if [ "$fenced" != Failed ] || [ "$outside" != Failed ]; then
  echo "NO-LIVE BROKEN: a pod with the demo's labels opened a connection (Prometheus: $fenced, outside: $outside)" >&2
  exit 1
fi
echo "a pod with the demo's labels reaches nothing: the NetworkPolicy fences it in"

log "7. helm test"
helm test execution-watch --namespace "$NAMESPACE" --logs --timeout 5m

log "kind e2e passed"
