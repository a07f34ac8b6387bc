#!/usr/bin/env bash
# Installs what the benchmark compares envctl with (Debian packages): docker-compose 1.29, Ansible with
# community.docker + python3-docker, and hyperfine for start-up timing. Reports, never fails, on a missing package.
set -uo pipefail

want=()
command -v docker-compose >/dev/null 2>&1 || want+=(docker-compose)
command -v ansible-playbook >/dev/null 2>&1 || want+=(ansible)
python3 -c 'import docker' >/dev/null 2>&1 || want+=(python3-docker)
command -v hyperfine >/dev/null 2>&1 || want+=(hyperfine)

if [ ${#want[@]} -eq 0 ]; then
  echo "bench setup: docker-compose, ansible, python3-docker and hyperfine are installed"
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "bench setup: missing ${want[*]}; install them with apt-get as root (the bench skips what is missing)" >&2
  exit 0
fi
echo "bench setup: installing ${want[*]} with apt-get"
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y --no-install-recommends "${want[@]}" >/tmp/envctl-bench-apt.log 2>&1; then
  apt-get update >>/tmp/envctl-bench-apt.log 2>&1 || true
  # One by one, so a package that is unavailable does not keep the others out.
  for p in "${want[@]}"; do
    apt-get install -y --no-install-recommends "$p" >>/tmp/envctl-bench-apt.log 2>&1 || echo "bench setup: could not install $p (see /tmp/envctl-bench-apt.log)" >&2
  done
fi
for tool in docker-compose ansible-playbook hyperfine; do
  command -v "$tool" >/dev/null 2>&1 && echo "bench setup: $tool ok" || echo "bench setup: $tool not installed" >&2
done
