// The commented starter envctl.yaml `envctl init` writes: one environment to begin with, and the fields people reach
// for next, commented out, each with what it does. It must load as written (a test validates it).

export function starterSpec(project: string): string {
  return `# envctl.yaml, written by \`envctl init\`. Check it with \`envctl validate\`, preview with \`envctl plan\`, run \`envctl apply\`.
# Field names follow Docker Compose; anything left out takes the engine's default (shm 64m, restart no, ipc private).
version: 1
project: ${project}                 # labels everything envctl owns (default: this folder's name)
# defaults:                         # merged under every environment (maps merge, lists replace)
#   restart: unless-stopped
environments:
  box:                              # the container is <project>-box (or container_name:)
    image: ubuntu:24.04
    command: ["sleep", "infinity"]  # keep it running; \`envctl ssh box\` or \`docker exec -it ${project}-box bash\`
    # pull_policy: missing          # missing | always | never | build (with build: ./docker)
    # ports: ["127.0.0.1:8888:8888"]
    # volumes:
    #   - ${project}-home:/root     # a named volume: survives recreate and destroy (unless --volumes)
    #   - ./data:/data:ro           # a folder of this machine, relative to this file
    # environment: { PYTHONUNBUFFERED: "1" }
    # working_dir: /root
    # shm_size: 1g
    # gpus: all                     # all | 2 | [0, 3]
    # restart: unless-stopped
    # ssh:                          # a key-only sshd, for VS Code Remote-SSH (\`envctl ssh-config --write\`)
    #   port: 2222
    #   authorized_keys: [~/.ssh/id_ed25519.pub]
    # on_recreate: refuse           # refuse | snapshot | discard: work in the container's own layer on a recreate
# volumes:                          # named volumes, with driver options or labels
#   ${project}-home: {}
`;
}
