"""Warm kernels: start each lesson's Python kernel by forking a process that has already imported
ipykernel, IPython, ipywidgets, anywidget and the course's package.

A plain kernel start spends most of its time importing (about 0.6 s of CPU for ipykernel and
IPython, then 0.4 s for the lesson's first cell), and a build starts one kernel per lesson and
language. Here one *template* process imports all of that once; every kernel is a fork of it and
starts with the modules in memory. Each kernel is still a fresh process that runs only its own
notebook: no state passes from one lesson to another, only the imported modules.

jupyter_client keeps managing kernels as it always does: it starts a small *relay* process (the
standard library only, started with ``python -S``) that asks the template for a fork, hands it
its standard streams, working folder and environment, passes on interrupt and terminate signals
and exits with the kernel's exit code. If the relay dies, the template kills its kernel; when the
build is done, the template and anything left of it are stopped.

Used by :func:`misscourse.execute.run_many` on systems with ``fork`` (Linux, macOS); elsewhere,
or with ``MISSCOURSE_WARM_KERNELS=0``, kernels start the ordinary way.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager

# What the template imports: everything a lesson's kernel imports on start and in its first cell.
PRELOAD = (
    "ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "ipykernel.comm",
    "IPython", "IPython.core.completer", "jedi",
    "ipywidgets", "anywidget", "pydantic", "yaml",
    "misscourse", "misscourse.lesson", "misscourse.course", "misscourse.quiz_widget", "misscourse.quizzes",
    "misscourse.grading", "misscourse.diagrams", "misscourse.stoplight_box", "misscourse.glossary",
    "misscourse.progress",
)


def available() -> bool:
    return hasattr(os, "fork") and hasattr(socket, "send_fds") and os.environ.get("MISSCOURSE_WARM_KERNELS", "1") != "0"


# The relay: what jupyter_client starts as "the kernel". Standard library only (python -S).
RELAY = r"""
import json, os, signal, socket, sys, time
path, template, argv = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
for attempt in range(1200):
    try:
        conn.connect(path)
        break
    except (FileNotFoundError, ConnectionRefusedError):
        try:
            os.kill(template, 0)
        except ProcessLookupError:
            sys.exit("warm kernels: the template process has stopped (see the error above)")
        time.sleep(0.05)
else:
    sys.exit("warm kernels: the template process is not answering at " + path)
request = json.dumps({"argv": argv, "cwd": os.getcwd(), "env": dict(os.environ)}).encode() + b"\n"
socket.send_fds(conn, [request], [0, 1, 2])
reader = conn.makefile("rb")
line = reader.readline()
if not line:
    sys.exit("warm kernels: the template process closed before starting a kernel")
pid = json.loads(line)["pid"]
def forward(signum, frame):
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass
for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2):
    signal.signal(s, forward)
line = reader.readline()
if not line:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    sys.exit(1)
code = json.loads(line)["exit"]
if code < 0:
    signal.signal(-code, signal.SIG_DFL)
    os.kill(os.getpid(), -code)
sys.exit(code)
"""


def _kernel_child(request: dict, fds: list[int]) -> None:
    """In the forked child: become the kernel that ``python -m ipykernel_launcher ARGV`` would be."""
    for target, fd in enumerate(fds[:3]):
        os.dup2(fd, target)
    for fd in fds:
        if fd > 2:
            os.close(fd)
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGCHLD):
        signal.signal(s, signal.SIG_DFL)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    import random

    random.seed()  # not the template's sequence
    spec = importlib.util.find_spec("ipykernel_launcher")
    sys.argv = [spec.origin if spec and spec.origin else "ipykernel_launcher", *request["argv"]]
    from ipykernel import kernelapp

    kernelapp.launch_new_instance(argv=request["argv"])


def _run_child(request: dict, fds: list[int]) -> int:
    """Run the kernel, then end as an interpreter does (exit handlers, streams flushed); its exit code."""
    import atexit
    import traceback

    code = 0
    try:
        _kernel_child(request, fds)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:
        traceback.print_exc()
        code = 1
    try:
        atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
            if stream is not None:
                stream.flush()
    except BaseException:
        pass
    return code


def _serve(path: str) -> None:
    """The template process: preload, then fork a kernel for every relay that connects."""
    import select

    if sys.path and sys.path[0] in ("", os.getcwd()):
        del sys.path[0]  # as ipykernel_launcher does; IPython adds the kernel's folder back
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path + ".tmp")
    listener.listen(64)
    for name in PRELOAD:
        try:
            __import__(name)
        except Exception:  # a broken module fails in the lesson's own import, with the lesson named
            pass
    import gc

    gc.collect()
    gc.freeze()  # the imported modules stay shared between kernels instead of being copied
    os.rename(path + ".tmp", path)  # relays connect once everything is imported
    kernels: dict[socket.socket, int] = {}
    while True:
        readable, _, _ = select.select([listener, *kernels], [], [], 0.05)
        for sock in readable:
            if sock is listener:
                conn, _ = listener.accept()
                message, fds, _, _ = socket.recv_fds(conn, 1 << 20, 3)
                while not message.endswith(b"\n"):
                    more = conn.recv(1 << 20)
                    if not more:
                        break
                    message += more
                pid = os.fork()
                if pid == 0:
                    listener.close()
                    for other in kernels:
                        other.close()
                    conn.close()
                    os._exit(_run_child(json.loads(message), fds))
                for fd in fds:
                    os.close(fd)
                conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")
                kernels[conn] = pid
            elif not sock.recv(1):  # the relay is gone: its kernel goes too
                _kill(kernels.pop(sock))
                sock.close()
        while kernels:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            for conn, child in list(kernels.items()):
                if child == pid:
                    code = os.waitstatus_to_exitcode(status)
                    try:
                        conn.sendall(json.dumps({"exit": code}).encode() + b"\n")
                    except OSError:
                        pass
                    conn.close()
                    del kernels[conn]


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


class Template:
    """The template process for one run of lessons (a context manager)."""

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="misscourse-warm-")
        self.path = str(Path(self.folder) / "template")
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Template":
        self.process = subprocess.Popen(
            [sys.executable, "-c", "import sys; from misscourse.kernels import _serve; _serve(sys.argv[1])", self.path],
            stdin=subprocess.DEVNULL, start_new_session=True,
            # as jupyter_client starts a kernel: ipykernel reads JPY_PARENT_PID when it is imported
            env={**os.environ, "JPY_PARENT_PID": str(os.getpid())})
        return self

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)  # the template and any kernel still running
            except (ProcessLookupError, PermissionError):
                pass
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)

    def relay_command(self, kernel_cmd: list[str]) -> list[str] | None:
        """The relay's command for an ordinary ipykernel command line, or None for another kernel."""
        if len(kernel_cmd) < 3 or kernel_cmd[1:3] != ["-m", "ipykernel_launcher"]:
            return None
        if Path(kernel_cmd[0]).resolve() != Path(sys.executable).resolve():
            return None
        return [sys.executable, "-S", "-c", RELAY, self.path, str(self.process.pid if self.process else 0),
                *kernel_cmd[3:]]


def manager_class(template: Template) -> type[AsyncKernelManager]:
    """A kernel manager that starts python3 kernels as forks of ``template``."""

    class WarmKernelManager(AsyncKernelManager):
        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
            relay = template.relay_command(kernel_cmd)
            await super()._async_launch_kernel(relay or kernel_cmd, **kw)

    return WarmKernelManager
