# Sourced by registry-up.sh and swarm-up.sh: `start_registry ADDR DIR` starts Debian's docker-registry detached on
# ADDR (host:port) with its config, storage and log in DIR (registry.yml, registry/, registry.log), waits until it
# answers (30s), and records its pid in DIR/registry.pid. Needs `log`.
# shellcheck shell=bash
start_registry() {
  local addr=$1 dir=$2 _
  mkdir -p "$dir/registry"
  cat >"$dir/registry.yml" <<YAML
version: 0.1
log: { level: warn }
storage:
  filesystem: { rootdirectory: $dir/registry }
  delete: { enabled: true }
http: { addr: $addr }
YAML
  log "starting docker-registry on $addr (log: $dir/registry.log)"
  # fd 9 closed: a caller's lock must not live on in the registry.
  nohup setsid docker-registry serve "$dir/registry.yml" >"$dir/registry.log" 2>&1 </dev/null 9>&- &
  echo $! >"$dir/registry.pid"
  for _ in $(seq 1 60); do
    curl -fsS -o /dev/null --max-time 2 "http://$addr/v2/" 2>/dev/null && return 0
    sleep 0.5
  done
  log "the registry did not answer within 30s; last lines of its log:"
  tail -20 "$dir/registry.log" >&2
  return 1
}
