#!/usr/bin/env bash
# envctl's Swarm testbed: brings up, reuses or repairs a real three-node Docker Swarm on this machine (a manager and
# two workers, each a dockerd in its own network namespace) and a registry every node reaches, for the Swarm tests,
# the bench and the README. Root only. `--json` prints where everything is on stdout; scripts/swarm-down.sh removes it.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
log() { printf 'swarm-up: %s\n' "$*" >&2; }
fail() { log "$*"; exit 1; }
# shellcheck source=apt-install-missing.sh
. "$HERE/apt-install-missing.sh"
# shellcheck source=start-registry.sh
. "$HERE/start-registry.sh"
# shellcheck source=swarm-testbed.sh
. "$HERE/swarm-testbed.sh"
GPU_HOOK_DIR=${ENVCTL_ENGINE_DIR:-/var/lib/envctl-engine}/bin
WAIT=${ENVCTL_SWARM_WAIT:-90}
SOURCE_IMAGE=envctl/busybox:local
JSON=false
[ "${1:-}" = --json ] && JSON=true
began=$SECONDS

[ "$(id -u)" = 0 ] || fail "the Swarm testbed needs root (network namespaces, dockerd); run as root"
mkdir -p "$SWARM_DIR" "$SWARM_RUN"
touch "$SWARM_DIR/$SWARM_MARK" "$SWARM_RUN/$SWARM_MARK"
exec 9>"$SWARM_RUN/lock"
flock 9 # one set-up at a time: several test files may ask at once (daemons started below do not inherit fd 9)

ensure_packages() {
  local missing=()
  command -v ip >/dev/null 2>&1 || missing+=(iproute2)
  command -v iptables >/dev/null 2>&1 || missing+=(iptables) # each node's dockerd sets up its own namespace's rules
  command -v nsenter >/dev/null 2>&1 || missing+=(util-linux)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  apt_install_missing ${missing[@]+"${missing[@]}"}
  if ! command -v docker-registry >/dev/null 2>&1; then apt_install_missing_unstarted docker-registry; fi
}

# Until `what` succeeds, at most `seconds`.
wait_for() {
  local seconds=$1; shift
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.5
  done
}

check_subnet_free() {
  local users
  users=$(ip -o -4 addr show | awk -v net="$SWARM_SUBNET." -v me="$SWARM_HOST_LINK" 'index($4, net) == 1 && $2 != me { print $2 }')
  users+=$(ip -4 route show | awk -v net="$SWARM_SUBNET." -v me="$SWARM_HOST_LINK" 'index($1, net) == 1 && $0 !~ ("dev " me " ") { print " route " $0 }')
  [ -z "$users" ] || fail "the test subnet $SWARM_SUBNET.0/24 is already used on this machine ($users); set ENVCTL_SWARM_SUBNET (e.g. 10.213.9)"
}

ensure_ns() { [ -e "/run/netns/$1" ] || ip netns add "$1"; ip -n "$1" link set lo up; }

# A veth pair `inner` (in namespace `ns`, or the host's when ns is empty) ⇄ `port` on the hub's bridge.
ensure_port() {
  local ns=$1 inner=$2 port=$3
  local where=(); [ -n "$ns" ] && where=(-n "$ns")
  if ! ip "${where[@]}" link show "$inner" >/dev/null 2>&1 || ! ip -n "$SWARM_HUB_NS" link show "$port" >/dev/null 2>&1; then
    # Half a pair (its other end went with a deleted namespace, which the kernel tears down lazily): start again.
    ip "${where[@]}" link del "$inner" 2>/dev/null || true
    ip -n "$SWARM_HUB_NS" link del "$port" 2>/dev/null || true
    if [ -n "$ns" ]; then
      ip link add "$inner" netns "$ns" type veth peer name "$port" netns "$SWARM_HUB_NS"
    else
      ip link add "$inner" type veth peer name "$port" netns "$SWARM_HUB_NS"
    fi
  fi
  ip -n "$SWARM_HUB_NS" link set "$port" master br0 up
  ip "${where[@]}" link set "$inner" up
}

ensure_network() {
  ensure_ns "$SWARM_HUB_NS"
  ip -n "$SWARM_HUB_NS" link show br0 >/dev/null 2>&1 || ip -n "$SWARM_HUB_NS" link add br0 type bridge
  ip -n "$SWARM_HUB_NS" link set br0 up
  ensure_port "" "$SWARM_HOST_LINK" host
  ip addr replace "$SWARM_HOST_IP/24" dev "$SWARM_HOST_LINK"
  local node ns
  for node in "${SWARM_NODES[@]}"; do
    ns=$(swarm_ns "$node")
    ensure_ns "$ns"
    ensure_port "$ns" eth0 "$node"
    ip -n "$ns" addr replace "$(swarm_ip "$node")/24" dev eth0
    ip -n "$ns" route replace default via "$SWARM_HOST_IP" # only the host answers there: its FORWARD policy drops the rest
  done
}

# worker1 looks like a GPU server: two GPUs advertised as Swarm generic resources, and an `nvidia` default runtime
# (the stand-in from scripts/engine-up.sh: runc under that name, its hook on PATH). The others have no GPU.
node_gpus() { [ "$1" = worker1 ] && printf 'GPU-testbed-0 GPU-testbed-1'; return 0; }
node_labels() { printf '%s' "$SWARM_LABEL"; [ "$1" = worker1 ] && printf ' gpu=true'; return 0; }

start_daemon() {
  local node=$1 ns config pidfile exec_root path=$PATH args gpu
  ns=$(swarm_ns "$node"); config=$(swarm_config "$node"); pidfile=$(swarm_pidfile "$node"); exec_root=$SWARM_RUN/$node
  mkdir -p "$SWARM_DIR/$node" "$exec_root"
  args=(--config-file "$config" -H "$(swarm_docker_host "$node")" --pidfile "$pidfile"
    --data-root "$SWARM_DIR/$node/data" --exec-root "$exec_root"
    --containerd-namespace "envctl-swarm-$node" --containerd-plugins-namespace "envctl-swarm-$node-plugins"
    --insecure-registry "$SWARM_REGISTRY" --label "$SWARM_LABEL" --label "dev.envctl.testbed.node=$node")
  for gpu in $(node_gpus "$node"); do args+=(--node-generic-resource "NVIDIA-GPU=$gpu"); done
  if [ -n "$(node_gpus "$node")" ]; then
    printf '{ "runtimes": { "nvidia": { "path": "runc" } }, "default-runtime": "nvidia" }\n' >"$config"
    [ -d "$GPU_HOOK_DIR" ] && path=$GPU_HOOK_DIR:$PATH
  else
    printf '{}\n' >"$config" # never /etc/docker/daemon.json: that belongs to the shared engine
  fi
  # Leftovers of a daemon that died with its session or a reboot: pidfiles naming nothing (or someone else).
  [ -n "$(swarm_live_pid "$pidfile" "$config" || true)" ] || rm -f "$pidfile"
  [ -n "$(swarm_live_pid "$exec_root/containerd/containerd.pid" "$exec_root/containerd" || true)" ] ||
    rm -f "$exec_root/containerd/containerd.pid"
  log "starting $node's dockerd in network namespace $ns (log: $SWARM_DIR/$node/dockerd.log)"
  # nsenter --net keeps the host's mount namespace (a restarted daemon sees its old mounts); unshare --uts gives
  # each node its own hostname, which becomes its Swarm node name.
  PATH=$path nohup setsid nsenter --net="/run/netns/$ns" unshare --uts \
    sh -c 'hostname "$0" && exec dockerd "$@"' "$(swarm_hostname "$node")" "${args[@]}" \
    >"$SWARM_DIR/$node/dockerd.log" 2>&1 </dev/null 9>&- &
}

daemon_answers() { swarm_docker "$1" version --format '{{.Server.Version}}'; }

wait_daemon() {
  wait_for "$WAIT" daemon_answers "$1" || {
    tail -20 "$SWARM_DIR/$1/dockerd.log" >&2
    fail "$1's dockerd did not answer within ${WAIT}s (log above)"
  }
}

gossip_listening() { nsenter --net="/run/netns/$(swarm_ns manager)" ss -Hltn 'sport = :7946' | grep -q .; }

# The manager first: a worker that starts before the manager's gossip listener (port 7946) is up only retries a
# minute later, and until then overlay DNS and routes to its tasks are missing on the other nodes.
ensure_daemons() {
  daemon_answers manager >/dev/null 2>&1 || { start_daemon manager; wait_daemon manager; }
  if [ "$(swarm_docker manager info --format '{{.Swarm.LocalNodeState}}')" != inactive ]; then
    wait_for 30 gossip_listening || log "the manager's gossip port 7946 is not listening yet"
  fi
  local node started=()
  for node in "${SWARM_NODES[@]:1}"; do
    daemon_answers "$node" >/dev/null 2>&1 || { start_daemon "$node"; started+=("$node"); }
  done
  for node in ${started[@]+"${started[@]}"}; do wait_daemon "$node"; done
}

registry_answers() { curl -fsS -o /dev/null --max-time 2 "http://$SWARM_REGISTRY/v2/" 2>/dev/null; }

# A registry of the testbed's own on the test bridge's address (the one on 127.0.0.1:5000 from registry-up.sh is
# for the single-engine tests and is out of the nodes' reach).
ensure_registry() { registry_answers || start_registry "$SWARM_REGISTRY" "$SWARM_DIR" || fail "the testbed's registry did not start"; }

swarm_state() { swarm_docker "$1" info --format '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}'; }
manager_ready() { [ "$(swarm_state manager)" = "active true" ]; }

ensure_manager() {
  # A manager restarted on its old state needs a moment to load it.
  manager_ready || [ "$(swarm_state manager)" = "inactive false" ] || wait_for 30 manager_ready || true
  manager_ready && return 0
  if [ "$(swarm_state manager)" != "inactive false" ]; then
    log "the manager's swarm state is broken ($(swarm_state manager)); starting a new swarm"
    swarm_docker manager swarm leave --force >/dev/null
  fi
  log "creating the swarm on the manager ($(swarm_ip manager))"
  # 3s heartbeats: a killed node is seen as down in about 10s (default 5s heartbeats, ~15s) for the reschedule tests.
  swarm_docker manager swarm init --advertise-addr "$(swarm_ip manager)" --listen-addr "$(swarm_ip manager):2377" \
    --default-addr-pool "$SWARM_POOL" --dispatcher-heartbeat 3s >/dev/null
}

node_id() { swarm_docker "$1" info --format '{{.Swarm.NodeID}}'; }
# Ready in the manager's eyes, under the node id the node itself holds.
node_ready() {
  local id; id=$(node_id "$1")
  [ -n "$id" ] && [ "$(swarm_docker manager node inspect --format '{{.Status.State}}' "$id" 2>/dev/null)" = ready ]
}

ensure_worker() {
  local node=$1 state
  state=$(swarm_state "$node")
  if [ "$state" != "inactive false" ]; then
    # A node the manager knows may need a moment after a restart; one it does not know (a new swarm) never gets there.
    if swarm_docker manager node inspect "$(node_id "$node")" >/dev/null 2>&1; then
      node_ready "$node" || wait_for 30 node_ready "$node" || true
      node_ready "$node" && return 0
    fi
    log "$node is not a ready member of the manager's swarm ($state); it joins again"
    swarm_docker "$node" swarm leave --force >/dev/null
  fi
  log "$node joins the swarm"
  swarm_docker "$node" swarm join --token "$(swarm_docker manager swarm join-token -q worker)" \
    --advertise-addr "$(swarm_ip "$node")" --listen-addr "$(swarm_ip "$node"):2377" "$(swarm_ip manager):2377" >/dev/null
}

# Entries a node left behind when it joined again under a new id (the manager may not even have seen it go down).
remove_stale_nodes() {
  local current=" " node id
  for node in "${SWARM_NODES[@]}"; do current+="$(node_id "$node") "; done
  for id in $(swarm_docker manager node ls -q); do
    [[ "$current" == *" $id "* ]] || swarm_docker manager node rm --force "$id" >/dev/null
  done
}

ensure_node_labels() {
  local node id have label
  for node in "${SWARM_NODES[@]}"; do
    id=$(node_id "$node")
    have=$(swarm_docker manager node inspect --format '{{range $k, $v := .Spec.Labels}}{{$k}}={{$v}} {{end}}' "$id")
    local add=()
    for label in $(node_labels "$node"); do [[ " $have" == *" $label "* ]] || add+=(--label-add "$label"); done
    [ ${#add[@]} -eq 0 ] || swarm_docker manager node update "${add[@]}" "$id" >/dev/null
  done
}

# Ready in the manager's eyes, and every node gossips with every other (the ingress network lists each node as a
# peer): overlay DNS and routes need the gossip.
all_ready() {
  local node
  for node in "${SWARM_NODES[@]}"; do
    node_ready "$node" || return 1
    [ "$(swarm_docker "$node" network inspect ingress --verbose --format '{{len .Peers}}')" = ${#SWARM_NODES[@]} ] || return 1
  done
}

# The test image, from the default engine (scripts/engine-up.sh made it) into the registry, pushed by the manager
# (the default engine does not treat the test bridge's registry as insecure, and its config is not ours to edit).
ensure_image() {
  local repo=${SWARM_IMAGE#"$SWARM_REGISTRY"/}
  curl -fsS -o /dev/null --max-time 5 -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://$SWARM_REGISTRY/v2/${repo%:*}/manifests/${repo##*:}" 2>/dev/null && return 0
  docker image inspect "$SOURCE_IMAGE" >/dev/null 2>&1 || fail "the default engine has no $SOURCE_IMAGE (run: bash scripts/engine-up.sh)"
  log "pushing $SOURCE_IMAGE to $SWARM_IMAGE"
  docker save "$SOURCE_IMAGE" | swarm_docker manager load >/dev/null
  swarm_docker manager tag "$SOURCE_IMAGE" "$SWARM_IMAGE"
  swarm_docker manager push "$SWARM_IMAGE" >/dev/null
}

print_where() {
  local node
  log "ready in $((SECONDS - began))s; the registry is http://$SWARM_REGISTRY (image $SWARM_IMAGE)"
  for node in "${SWARM_NODES[@]}"; do
    log "  $node: DOCKER_HOST=$(swarm_docker_host "$node")  address $(swarm_ip "$node")  netns $(swarm_ns "$node")  $(node_labels "$node")"
  done
  $JSON || return 0
  printf '{"registry":"%s","image":"%s","hostAddress":"%s","nodes":[' "$SWARM_REGISTRY" "$SWARM_IMAGE" "$SWARM_HOST_IP"
  local sep=""
  for node in "${SWARM_NODES[@]}"; do
    printf '%s{"name":"%s","hostname":"%s","dockerHost":"%s","address":"%s","netns":"%s","pidfile":"%s"}' "$sep" "$node" \
      "$(swarm_hostname "$node")" "$(swarm_docker_host "$node")" "$(swarm_ip "$node")" "$(swarm_ns "$node")" "$(swarm_pidfile "$node")"
    sep=,
  done
  printf ']}\n'
}

ensure_packages
check_subnet_free
ensure_network
ensure_daemons
ensure_registry
ensure_manager
for worker in "${SWARM_NODES[@]:1}"; do ensure_worker "$worker"; done
wait_for "$WAIT" all_ready || fail "not every node became ready within ${WAIT}s: $(swarm_docker manager node ls 2>&1)"
remove_stale_nodes
ensure_node_labels
ensure_image
print_where
