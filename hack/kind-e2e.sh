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
# Needs: docker, kind >= 0.24 (its kindnet enforces NetworkPolicies), kubectl, helm (3.16 or 4), curl,
# git, java 17.
#
# TOOLCHAIN=pinned (default) or latest picks the node image and the kube-prometheus-stack version
# from hack/toolchains.env (KIND_NODE_IMAGE and KPS_VERSION override them; the workflow passes both,
# resolved by hack/resolve-toolchain.sh). kind, kubectl and helm are the ones on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

CLUSTER="${CLUSTER:-execution-watch}"
NAMESPACE="${NAMESPACE:-peaktrade}"
MONITORING_NS=monitoring
TOOLCHAIN="${TOOLCHAIN:-pinned}"
if [ -z "${KIND_NODE_IMAGE:-}" ] || [ -z "${KPS_VERSION:-}" ]; then
  while IFS='=' read -r key value; do
    case "$key" in
      node_image) KIND_NODE_IMAGE="${KIND_NODE_IMAGE:-$value}" ;;
      kps) KPS_VERSION="${KPS_VERSION:-$value}" ;;
    esac
  done < <(hack/resolve-toolchain.sh "$TOOLCHAIN")
fi
CRD=executionwatchdemos.peaktrade.io
OPERATOR_SELECTOR=app.kubernetes.io/name=execution-watch-operator,app.kubernetes.io/component=operator
VERSION="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)"
# A tag unique per commit (and per uncommitted change): a rerun never runs a stale image.
TAG="$VERSION-$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . || echo "-dirty-$(date +%s)")"
PROBE_IMAGE="${PROBE_IMAGE:-busybox:1.36.1}"
EXPORTER_JAR=exporter/target/execution-watch-exporter.jar

DIAGNOSTICS="${DIAGNOSTICS:-$PWD/target/kind-diagnostics}"

log() { printf '\n==> %s\n' "$*"; }

# An idle PSA-restricted busybox pod NAME with LABELS (may be empty) in $NAMESPACE, Ready and with
# its IP published through the API server (kindnet polices a pod only from then on). Probe pods are
# never judged by their phase: they connect on demand with `kubectl exec` (connect_from).
start_probe_pod() {
  local name=$1 labels=$2 overrides
  kubectl -n "$NAMESPACE" delete pod "$name" --ignore-not-found --wait=true >/dev/null
  overrides='{"apiVersion":"v1","spec":{"securityContext":{"runAsNonRoot":true,"runAsUser":65532,"seccompProfile":{"type":"RuntimeDefault"}},"containers":[{"name":"'"$name"'","image":"'"$PROBE_IMAGE"'","command":["sleep","3600"],"securityContext":{"allowPrivilegeEscalation":false,"readOnlyRootFilesystem":true,"capabilities":{"drop":["ALL"]}}}]}}'
  kubectl -n "$NAMESPACE" run "$name" --image="$PROBE_IMAGE" --restart=Never \
    ${labels:+--labels="$labels"} --overrides="$overrides" >/dev/null
  kubectl -n "$NAMESPACE" wait pod "$name" --for=condition=Ready --timeout=120s >/dev/null
  local ip=""
  for _ in $(seq 1 30); do
    ip="$(kubectl -n "$NAMESPACE" get pod "$name" -o jsonpath='{.status.podIP}')"
    [ -n "$ip" ] && break
    sleep 1
  done
  [ -n "$ip" ] || { echo "probe pod $name has no IP published after 30 s" >&2; return 1; }
}

# One connection attempt from probe pod POD to URL, judged by what wget said and how long it took:
#   connected  wget fetched the URL
#   dropped    no answer within CONNECT_TIMEOUT s (kube-network-policies drops denied packets: NfDrop)
#   refused    the target answered with a reset (not what a NetworkPolicy does: the target is down)
#   error      anything else (the exec itself failed, DNS, an early error): the round proves nothing
# busybox wget exits 1 for every failure, so the exit code alone cannot tell these apart.
CONNECT_TIMEOUT=3
connect_from() {
  local pod=$1 url=$2 out start elapsed
  start=$(date +%s)
  out="$(kubectl -n "$NAMESPACE" exec "$pod" -- sh -c \
    "wget -q -T $CONNECT_TIMEOUT -O /dev/null '$url' 2>&1; echo \"rc=\$?\"" 2>&1 || true)"
  elapsed=$(($(date +%s) - start))
  case "$out" in
    *rc=0*) echo connected ;;
    *"timed out"*rc=1*)
      if [ "$elapsed" -ge $((CONNECT_TIMEOUT - 1)) ]; then echo dropped; else echo error; fi ;;
    *refused*rc=1*) echo refused ;;
    *) echo error ;;
  esac
}

# Polls until the policy demonstrably applies to the fenced pod: FENCED_ROUNDS rounds in a row in
# which the control pod (no labels) connects to URL and the fenced pod's attempt is dropped. A
# connection from the fenced pod after it was once fenced is a leak. Bounded by PROBE_DEADLINE s.
# Prints "fenced", "leaked", "target-unreachable" (the control never connected) or "never-fenced".
FENCED_ROUNDS=3
PROBE_DEADLINE=120
await_fenced() {
  local control=$1 fenced=$2 url=$3 in_a_row=0 was_fenced=0 control_ok=0 c f
  local deadline=$(($(date +%s) + PROBE_DEADLINE))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    c="$(connect_from "$control" "$url")"
    if [ "$c" != connected ]; then
      echo "  $url: control $c (round not counted)" >&2
      in_a_row=0
      sleep 2
      continue
    fi
    control_ok=1
    f="$(connect_from "$fenced" "$url")"
    echo "  $url: control connected, fenced pod $f" >&2
    case "$f" in
      dropped)
        was_fenced=1
        in_a_row=$((in_a_row + 1))
        if [ "$in_a_row" -ge "$FENCED_ROUNDS" ]; then echo fenced; return 0; fi ;;
      connected)
        if [ "$was_fenced" = 1 ]; then echo leaked; return 0; fi
        # Before the policy applies to a new pod its connections pass (kindnet's known race).
        in_a_row=0
        sleep 2 ;;
      *) in_a_row=0 ;;
    esac
  done
  if [ "$control_ok" = 0 ]; then echo target-unreachable; else echo never-fenced; fi
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
  # By label: the Deployment's name depends on the release name.
  kubectl -n "$NAMESPACE" logs -l "$OPERATOR_SELECTOR" --all-containers --prefix --tail=-1 \
    > "$DIAGNOSTICS/operator.log" 2>&1 || true
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

log "0. toolchain $TOOLCHAIN: $(kind version); kubectl $(kubectl version --client -o json | sed -n 's/.*"gitVersion": "\(.*\)".*/\1/p' | head -n 1); helm $(helm version --short)"

log "1. kind cluster $CLUSTER ($KIND_NODE_IMAGE)"
if ! kind get clusters | grep -qx "$CLUSTER"; then
  # --image overrides the image of every node in the config (kind pkg/cluster/internal/create/create.go).
  kind create cluster --name "$CLUSTER" --config kind-config.yaml --image "$KIND_NODE_IMAGE" --wait 120s
fi
kubectl config use-context "kind-$CLUSTER"
kubectl version

log "2. images $TAG"
TAG="$TAG" hack/build-images.sh
hack/kind-load-images.sh "$TAG" "$CLUSTER"

helm repo add prometheus-community https://prometheus-community.github.io/helm-charts --force-update >/dev/null
helm repo update prometheus-community >/dev/null
if [ "$KPS_VERSION" = latest ]; then
  KPS_VERSION="$(helm search repo prometheus-community/kube-prometheus-stack -o json \
    | sed -n 's/.*"version":"\([^"]*\)".*/\1/p')"
fi
log "3. kube-prometheus-stack $KPS_VERSION"
# Its CRDs come from its crds/ (never upgraded by helm upgrade): a cluster kept from an older
# kube-prometheus-stack keeps the older CRDs; delete the cluster when switching toolchains.
helm upgrade --install kube-prometheus-stack prometheus-community/kube-prometheus-stack \
  --version "$KPS_VERSION" --namespace "$MONITORING_NS" --create-namespace \
  -f hack/kube-prometheus-stack-values.yaml --wait --timeout 10m

log "4. execution-watch-operator with the demo, Pod Security Admission 'restricted' in $NAMESPACE"
kubectl create namespace "$NAMESPACE" --dry-run=client -o yaml | kubectl apply -f -
kubectl label namespace "$NAMESPACE" --overwrite \
  pod-security.kubernetes.io/enforce=restricted pod-security.kubernetes.io/enforce-version=latest
# Helm 3 installs crds/ only when the CRD is absent (and then waits for it) and never upgrades it;
# Helm 4 applies crds/ server-side on install, as field manager "helm" (pkg/action/install.go at
# v3.16.4 and v4.2.4). Apply the current CRD first, taking over fields Helm applied on an earlier
# run, and wait until the API server serves it: the demo among the templates needs it.
kubectl apply --server-side --force-conflicts -f helm/execution-watch-operator/crds/
kubectl wait "crd/$CRD" --for=condition=Established --timeout=60s
helm upgrade --install execution-watch helm/execution-watch-operator \
  --namespace "$NAMESPACE" \
  --set demo.enabled=true \
  --set image.registry= --set image.repository=execution-watch-operator --set "image.tag=$TAG" \
  --set exporterImage.registry= --set exporterImage.repository=execution-watch-exporter \
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
# The password the values set (kube-prometheus-stack >= 79 no longer defaults one), read back from
# the chart's secret.
grafana_auth="admin:$(kubectl -n "$MONITORING_NS" get secret kube-prometheus-stack-grafana \
  -o jsonpath='{.data.admin-password}' | base64 -d)"
found=""
for _ in $(seq 1 60); do
  found="$(curl -s -u "$grafana_auth" 'http://localhost:3000/api/search?query=Peak_Trade%20%E2%80%94%20Execution%20Watch%20Overview' || true)"
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
# The sidecar writes the file under Peak_Trade/execution. Grafana's classic file provisioning makes
# one folder of that path, its last part; Grafana with nested-folder provisioning (grafana/grafana
# #119852) makes Peak_Trade -> execution. Either way the dashboard's own folder is "execution".
echo "$found" | grep -q '"folderTitle":"execution"' \
  || { echo "dashboard not in Grafana folder execution (from the annotation Peak_Trade/execution)" >&2; exit 1; }

log "6. no-live in the cluster: egress from a pod with the demo's labels"
# kindnet's policy controller (kube-network-policies) polices a pod only once its IP is published
# through the API server and in its address sets, and lets a new pod's first connections through
# until then (a race its maintainers know: kubernetes-sigs/kube-network-policies#171). So the probe
# pods start idle; a control pod without the labels and a fenced pod with exactly the labels the
# demo's NetworkPolicy selects then connect on demand, round after round, until the fenced pod's
# attempts are dropped while the control's succeed (await_fenced). Judged by what wget said and how
# long it took, never by a pod's phase.
demo_labels="app.kubernetes.io/name=execution-watch,app.kubernetes.io/instance=demo"
start_probe_pod egress-control ""
start_probe_pod egress-probe "$demo_labels"
# Prometheus by its cluster IP (no DNS needed): inside the cluster, reachable for the control.
prom_ip="$(kubectl -n "$MONITORING_NS" get service kube-prometheus-stack-prometheus -o jsonpath='{.spec.clusterIP}')"
inside="$(await_fenced egress-control egress-probe "http://$prom_ip:9090/-/ready")"
case "$inside" in
  fenced) echo "to Prometheus ($prom_ip:9090): the control connects, the pod with the demo's labels is fenced in" ;;
  leaked)
    echo "NO-LIVE BROKEN: the pod with the demo's labels connected to Prometheus after the policy had applied" >&2
    exit 1 ;;
  target-unreachable)
    echo "the control pod never reached Prometheus at $prom_ip:9090: the probe proves nothing" >&2
    exit 1 ;;
  *)
    echo "NO-LIVE NOT SHOWN: within ${PROBE_DEADLINE} s the pod with the demo's labels was never fenced in" \
      "(NetworkPolicy demo-no-live; kindnet's network policies on?)" >&2
    exit 1 ;;
esac
# An address outside the cluster: proves something only where the control gets out.
OUTSIDE_URL="${OUTSIDE_URL:-http://1.1.1.1/}"
outside="$(await_fenced egress-control egress-probe "$OUTSIDE_URL")"
case "$outside" in
  fenced) echo "to $OUTSIDE_URL: the control connects, the pod with the demo's labels is fenced in" ;;
  target-unreachable)
    echo "to $OUTSIDE_URL: this runner has no egress there (the control could not connect either)," \
      "so the outside check proves nothing here; the in-cluster check above stands" ;;
  leaked)
    echo "NO-LIVE BROKEN: the pod with the demo's labels connected to $OUTSIDE_URL after the policy had applied" >&2
    exit 1 ;;
  *)
    echo "NO-LIVE NOT SHOWN: within ${PROBE_DEADLINE} s the pod with the demo's labels was never fenced in" \
      "towards $OUTSIDE_URL" >&2
    exit 1 ;;
esac

log "7. helm test"
helm test execution-watch --namespace "$NAMESPACE" --logs --timeout 5m

log "kind e2e passed"
