# Sourced by swarm-up.sh and swarm-down.sh: the names, paths and addresses of envctl's Swarm testbed, so the two
# scripts agree on exactly what belongs to it.
# shellcheck shell=bash disable=SC2034  # (its variables are for the scripts that source it)
#
#   host  ── envctl-swarm0 (10.213.0.1) ══ veth ══ netns envctl-swarm-hub: bridge br0
#                                                      ├─ veth ══ netns envctl-swarm-manager  eth0 10.213.0.10
#                                                      ├─ veth ══ netns envctl-swarm-worker1  eth0 10.213.0.11
#                                                      └─ veth ══ netns envctl-swarm-worker2  eth0 10.213.0.12
#
# The bridge sits in a namespace of its own, so traffic between nodes never crosses the host's iptables FORWARD
# chain (the shared engine's policy there is DROP) and nothing is added to the host's firewall.
SWARM_DIR=${ENVCTL_SWARM_DIR:-/var/lib/envctl-swarm}   # data-roots, daemon configs, logs, registry storage
SWARM_RUN=${ENVCTL_SWARM_RUN:-/run/envctl-swarm}       # exec-roots, sockets, pidfiles (unix socket paths ≤ 108 bytes)
SWARM_MARK=.envctl-swarm-testbed                       # in both folders: swarm-down removes only a marked folder
SWARM_SUBNET=${ENVCTL_SWARM_SUBNET:-10.213.0}          # a /24 nothing else on this machine uses
SWARM_HOST_IP=$SWARM_SUBNET.1
SWARM_HOST_LINK=envctl-swarm0
SWARM_HUB_NS=envctl-swarm-hub
SWARM_REGISTRY=$SWARM_HOST_IP:5000
SWARM_IMAGE=$SWARM_REGISTRY/envctl/busybox:local
SWARM_POOL=${ENVCTL_SWARM_POOL:-10.214.0.0/16}         # overlay subnets; apart from the test bridge's
SWARM_NODES=(manager worker1 worker2)
SWARM_LABEL=dev.envctl.testbed=swarm                   # engine label and node label on every node

swarm_ns() { printf 'envctl-swarm-%s' "$1"; }
swarm_hostname() { printf 'envctl-swarm-%s' "$1"; }
swarm_ip() {
  case $1 in
    manager) printf '%s.10' "$SWARM_SUBNET" ;;
    worker1) printf '%s.11' "$SWARM_SUBNET" ;;
    worker2) printf '%s.12' "$SWARM_SUBNET" ;;
  esac
}
swarm_config() { printf '%s/%s/daemon.json' "$SWARM_DIR" "$1"; }
swarm_pidfile() { printf '%s/%s.pid' "$SWARM_RUN" "$1"; }
swarm_docker_host() { printf 'unix://%s/%s.sock' "$SWARM_RUN" "$1"; }
swarm_docker() { local node=$1; shift; DOCKER_HOST=$(swarm_docker_host "$node") docker "$@"; }

# The pid in a pidfile, only if that process is still the one we started (its command line names `marker`):
# after a reboot a pidfile may name an unrelated process.
swarm_live_pid() {
  local file=$1 marker=$2 pid
  [ -s "$file" ] || return 1
  pid=$(cat "$file")
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$marker" && printf '%s' "$pid"
}
