#!/usr/bin/python3
"""Execute a Jupyter notebook top to bottom through the Deno kernel.

The kernelspec lives in the project (.cache/jupyter/kernels/<name>), and every Jupyter
directory points there, so nothing is written to the user's home. The Deno kernel can publish
output after its cell's `idle` status, so after idle the runner keeps reading iopub until it has
been quiet for --grace seconds, and files every message under the cell whose request it answers.

Exit status: 0 all cells ran, 1 a cell failed or timed out, 2 the notebook or kernel could not
be started.
"""

import argparse
import json
import os
import queue
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

KERNEL_NAME = "finetune-kit-deno"
DISPLAY_NAME = "Deno (fine-tuning kit)"
ROOT = Path(__file__).resolve().parent.parent
JUPYTER_DIR = ROOT / ".cache" / "jupyter"
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class CellError(Exception):
    """A cell raised, timed out or the kernel died; the message says which and why."""


def isolate_jupyter_dirs() -> None:
    # Must run before jupyter_client is imported: it reads these at import time.
    for var, sub in (
        ("JUPYTER_DATA_DIR", ""),
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
    ):
        os.environ[var] = str(JUPYTER_DIR / sub)
    os.environ["JUPYTER_PATH"] = str(JUPYTER_DIR)
    os.environ["JUPYTER_PLATFORM_DIRS"] = "1"


def write_kernelspec(deno: str) -> None:
    spec_dir = JUPYTER_DIR / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [deno, "jupyter", "--kernel", "--conn", "{connection_file}"],
        "display_name": DISPLAY_NAME,
        "language": "typescript",
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=2) + "\n")
    (JUPYTER_DIR / "runtime").mkdir(parents=True, exist_ok=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("notebook", type=Path)
    ap.add_argument("--deno", default=shutil.which("deno") or "deno", help="deno executable")
    ap.add_argument("--timeout", type=float, default=600, help="seconds per cell (default 600)")
    ap.add_argument("--grace", type=float, default=0.2,
                    help="seconds of iopub silence after idle before the next cell (default 0.2)")
    ap.add_argument("--output", type=Path, help="save the executed notebook here")
    ap.add_argument("--log-messages", type=Path, help="write every iopub message as JSON lines")
    args = ap.parse_args()

    isolate_jupyter_dirs()
    write_kernelspec(args.deno)
    try:
        import nbformat
        from jupyter_client.manager import start_new_kernel
    except ImportError as e:
        print(f"{sys.executable} lacks {e.name}: on Debian/Ubuntu `apt-get install jupyter-client "
              f"python3-nbformat`, elsewhere `pip install jupyter_client nbformat`; "
              f"KIT_PYTHON picks another Python", file=sys.stderr)
        return 2

    name = str(args.notebook)
    try:
        nb = nbformat.read(args.notebook, as_version=4)
    except Exception as e:  # noqa: BLE001 - any read failure is reported the same way
        print(f"{name}: cannot read notebook: {e}", file=sys.stderr)
        return 2
    # The kernel's stderr (an "unstable" banner, panics) goes to a file, shown only on failure.
    kernel_log = tempfile.TemporaryFile(mode="w+")
    try:
        km, kc = start_new_kernel(kernel_name=KERNEL_NAME, cwd=str(args.notebook.resolve().parent),
                                  startup_timeout=120, stderr=kernel_log)
    except Exception as e:  # noqa: BLE001 - any start failure is reported the same way
        print(f"{name}: cannot start the Deno kernel ({args.deno}): {e}{tail(kernel_log)}",
              file=sys.stderr)
        return 2
    log = args.log_messages.open("w") if args.log_messages else None
    try:
        Runner(nb, km, kc, args, log).run_all()
        status = 0
    except CellError as e:
        died = "" if kc.is_alive() else tail(kernel_log)
        print(f"{name}: {e}{died}", file=sys.stderr)
        status = 1
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        if log:
            log.close()
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, args.output)
    return status


class Runner:
    def __init__(self, nb, km, kc, args, log):
        self.nb, self.km, self.kc, self.args, self.log = nb, km, kc, args, log
        self.cells = {}  # msg_id -> cell, so late messages land in the cell that caused them
        self.displays = {}  # display_id -> outputs showing it, for update_display_data

    def run_all(self) -> None:
        code_cells = [cell for cell in self.nb.cells if cell.cell_type == "code"]
        for cell in code_cells:
            cell.outputs = []
            cell.execution_count = None
        code_no = 0
        for index, cell in enumerate(self.nb.cells, start=1):
            if cell.cell_type != "code":
                continue
            code_no += 1
            if not cell.source.strip():
                continue
            where = f"cell {index} (code cell {code_no})"
            self.run_cell(cell, where)
        self.drain(self.args.grace)

    def run_cell(self, cell, where: str) -> None:
        msg_id = self.kc.execute(cell.source, store_history=True, allow_stdin=False)
        self.cells[msg_id] = cell
        deadline = time.monotonic() + self.args.timeout
        error = None
        idle = False
        while not idle:
            msg = self.next_message(deadline, where)
            if msg is None:
                continue
            parent = msg["parent_header"].get("msg_id")
            if msg["msg_type"] == "error" and parent == msg_id:
                error = msg["content"]
            idle = (parent == msg_id and msg["msg_type"] == "status"
                    and msg["content"]["execution_state"] == "idle")
        self.drain(self.args.grace)
        reply = self.kc.get_shell_msg(timeout=max(1.0, deadline - time.monotonic()))
        cell.execution_count = reply["content"].get("execution_count")
        if reply["content"]["status"] == "error" and error is None:
            error = reply["content"]
        if error is not None:
            raise CellError(describe(where, cell.source, error))

    def next_message(self, deadline: float, where: str):
        left = deadline - time.monotonic()
        if left <= 0:
            self.km.interrupt_kernel()
            raise CellError(f"{where} timed out after {self.args.timeout:g} s")
        try:
            msg = self.kc.get_iopub_msg(timeout=min(left, 1.0))
        except queue.Empty:
            if not self.kc.is_alive():
                raise CellError(f"{where}: the kernel died") from None
            return None
        self.record(msg)
        return msg

    def drain(self, quiet: float) -> None:
        """Reads iopub until it has been silent for `quiet` seconds."""
        while True:
            try:
                msg = self.kc.get_iopub_msg(timeout=quiet)
            except queue.Empty:
                return
            self.record(msg)

    def record(self, msg) -> None:
        if self.log:
            self.log.write(json.dumps({
                "msg_type": msg["msg_type"],
                "parent": msg["parent_header"].get("msg_id"),
                "content": msg["content"],
            }, default=str) + "\n")
        cell = self.cells.get(msg["parent_header"].get("msg_id"))
        if cell is None:
            return
        kind, content = msg["msg_type"], msg["content"]
        outputs = cell.outputs
        if kind == "stream":
            if outputs and outputs[-1].get("output_type") == "stream" \
                    and outputs[-1]["name"] == content["name"]:
                outputs[-1]["text"] += content["text"]
            else:
                outputs.append(output("stream", name=content["name"], text=content["text"]))
        elif kind in ("display_data", "execute_result"):
            out = output(kind, data=content.get("data", {}), metadata=content.get("metadata", {}))
            if kind == "execute_result":
                out["execution_count"] = content.get("execution_count")
            outputs.append(out)
            display_id = content.get("transient", {}).get("display_id")
            if display_id:
                self.displays.setdefault(display_id, []).append(out)
        elif kind == "update_display_data":
            display_id = content.get("transient", {}).get("display_id")
            for out in self.displays.get(display_id, []):
                out["data"] = content.get("data", {})
                out["metadata"] = content.get("metadata", {})
        elif kind == "error":
            outputs.append(output("error", ename=content.get("ename", ""),
                                  evalue=content.get("evalue", ""),
                                  traceback=content.get("traceback", [])))
        elif kind == "clear_output":
            outputs.clear()


def output(output_type: str, **fields):
    from nbformat.v4 import new_output
    return new_output(output_type, **fields)


def tail(kernel_log, lines: int = 20) -> str:
    kernel_log.seek(0)
    text = [ln for ln in ANSI.sub("", kernel_log.read()).splitlines() if "is unstable" not in ln]
    return "\n  kernel stderr:\n" + "\n".join("    " + ln for ln in text[-lines:]) if text else ""


def describe(where: str, source: str, error) -> str:
    first = next((line for line in source.splitlines() if line.strip()), "")
    trace = "\n".join(ANSI.sub("", line) for line in error.get("traceback", []))
    head = f"{error.get('ename', 'Error')}: {error.get('evalue', '')}"
    text = f"{where} failed: {head}\n  source: {first.strip()[:120]}"
    if trace and trace.strip() != head.strip():
        text += "\n" + "\n".join("  " + line for line in trace.splitlines())
    return text


if __name__ == "__main__":
    sys.exit(main())
