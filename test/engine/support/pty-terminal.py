#!/usr/bin/env python3
# A terminal for tests: runs a command on a new pseudo-terminal of ROWS x COLS (its controlling terminal, so its
# process group is the terminal's foreground group) and relays what it prints to stdout. Reads JSON lines on stdin:
#   {"write": "text"}          typed into the terminal
#   {"resize": [rows, cols]}   the window resized: TIOCSWINSZ on the master; the kernel then sends SIGWINCH to the
#                              terminal's foreground process group, as with a real terminal window
# Exits with the command's exit code once the command has exited and its output is read.
# Usage: pty-terminal.py ROWS COLS CMD [ARGS...]
import fcntl, json, os, select, struct, sys, termios


def set_size(fd, rows, cols):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))


def main():
    rows, cols, argv = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
    master, slave = os.openpty()
    set_size(master, rows, cols)  # before the command starts: it reads the size at once
    pid = os.fork()
    if pid == 0:
        os.close(master)
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
        for fd in (0, 1, 2):
            os.dup2(slave, fd)
        if slave > 2:
            os.close(slave)
        os.execvp(argv[0], argv)
    os.close(slave)
    control = sys.stdin.buffer
    pending = b''
    readers = [master, control]
    while True:
        ready, _, _ = select.select(readers, [], [])
        if master in ready:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: every holder of the terminal's other end has gone
                data = b''
            if not data:
                break
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        if control in ready:
            chunk = os.read(control.fileno(), 65536)
            if not chunk:
                readers.remove(control)
                continue
            pending += chunk
            while b'\n' in pending:
                line, pending = pending.split(b'\n', 1)
                if not line.strip():
                    continue
                message = json.loads(line)
                if 'write' in message:
                    os.write(master, message['write'].encode())
                if 'resize' in message:
                    set_size(master, *message['resize'])
    _, status = os.waitpid(pid, 0)
    sys.exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))


main()
