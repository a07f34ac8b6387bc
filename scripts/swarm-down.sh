#!/usr/bin/env bash
# Removes envctl's Swarm testbed (made by scripts/swarm-up.sh) and nothing else: its three dockerds with their
# containers and data, its registry and storage, its network namespaces, veth pairs and bridge. Root only.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
log() { printf 'swarm-down: %s\n' "$*" >&2; }
# shellcheck source=swarm-testbed.sh
. "$HERE/swarm-testbed.sh"

[ "$(id -u)" = 0 ] || { log "the Swarm testbed is root's; run as root"; exit 1; }
if [ -d "$SWARM_RUN" ]; then
  exec 9>>"$SWARM_RUN/lock"
  flock 9 # not while swarm-up.sh is at work
fi

# Waits for pid to exit (SIGKILL after `grace` seconds).
stop_pid() {
  local pid=$1 grace=$2 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < grace * 4; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.25; done
  kill -KILL "$pid" 2>/dev/null || true
}

# A node's containers go first (the swarm would restart its tasks, so the node leaves it), then its dockerd. When
# the dockerd is already gone, runc (under the node's own state folder) finds the containers it left running.
stop_node() {
  local node=$1 pid id state_dir runtime
  if swarm_docker "$node" version >/dev/null 2>&1; then
    swarm_docker "$node" swarm leave --force >/dev/null 2>&1 || true
    for id in $(swarm_docker "$node" ps -aq); do swarm_docker "$node" rm -f "$id" >/dev/null 2>&1 || true; done
  fi
  pid=$(swarm_live_pid "$(swarm_pidfile "$node")" "$(swarm_config "$node")" || true)
  [ -z "$pid" ] || { log "stopping $node's dockerd ($pid)"; stop_pid "$pid" 20; }
  state_dir=$SWARM_RUN/$node/runtime-runc/envctl-swarm-$node
  runtime=$(command -v runc || true)
  if [ -d "$state_dir" ] && [ -n "$runtime" ]; then
    for id in $("$runtime" --root "$state_dir" list -q 2>/dev/null); do
      "$runtime" --root "$state_dir" kill "$id" KILL 2>/dev/null || true
      "$runtime" --root "$state_dir" delete --force "$id" 2>/dev/null || true
    done
  fi
  # What the daemon started and left behind (its containerd, container shims) names the node's exec-root.
  for pid in $(pgrep -f -- "$SWARM_RUN/$node/containerd/" || true); do
    case $(cat "/proc/$pid/comm" 2>/dev/null) in containerd | containerd-shim*) kill -KILL "$pid" 2>/dev/null || true ;; esac
  done
}

unmount_under() {
  local dir=$1 target
  findmnt -rn -o TARGET | awk -v d="$dir/" 'index($0, d) == 1 || $0 == substr(d, 1, length(d) - 1)' | sort -r |
    while read -r target; do umount "$target" 2>/dev/null || umount -l "$target" 2>/dev/null || true; done
}

for node in "${SWARM_NODES[@]}"; do stop_node "$node"; done

pid=$(swarm_live_pid "$SWARM_DIR/registry.pid" "$SWARM_DIR/registry.yml" || true)
[ -z "$pid" ] || { log "stopping the testbed's registry ($pid)"; stop_pid "$pid" 5; }

for node in "${SWARM_NODES[@]}"; do
  [ ! -e "/run/netns/$(swarm_ns "$node")" ] || { log "removing network namespace $(swarm_ns "$node")"; ip netns del "$(swarm_ns "$node")"; }
done
[ ! -e "/run/netns/$SWARM_HUB_NS" ] || { log "removing network namespace $SWARM_HUB_NS (bridge br0)"; ip netns del "$SWARM_HUB_NS"; }
! ip link show "$SWARM_HOST_LINK" >/dev/null 2>&1 || ip link del "$SWARM_HOST_LINK"

for dir in "$SWARM_RUN" "$SWARM_DIR"; do
  [ -d "$dir" ] || continue
  unmount_under "$dir"
  if [ -e "$dir/$SWARM_MARK" ]; then
    log "removing $dir"
    rm -rf "$dir"
  else
    log "leaving $dir: it has no $SWARM_MARK mark, so swarm-up.sh did not make it"
  fi
done
log "the Swarm testbed is gone"
