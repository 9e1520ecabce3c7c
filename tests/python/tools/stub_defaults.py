"""Writes core's option defaults into the stubs' keyword-only parameters (``= ...`` becomes
``= 0.95``), so the stubs show what core uses; ``test_contracts.py`` fails when they drift.

    python tests/python/tools/stub_defaults.py   # with the wheel installed
"""

import ast
from pathlib import Path

import edgekit

STUBS = Path(__file__).resolve().parents[3] / "bindings-python" / "python" / "edgekit"


def main() -> None:
    contracts = edgekit._edgekit._option_defaults()
    for stub in sorted(STUBS.glob("*.pyi")):
        module = stub.stem
        text = stub.read_text()
        lines = text.splitlines(keepends=True)
        offsets = [0]
        for line in lines:
            offsets.append(offsets[-1] + len(line))
        edits = []
        for node in ast.parse(text).body:
            if f"{module}.{getattr(node, 'name', '')}" not in contracts:
                continue
            defaults = contracts[f"{module}.{node.name}"]
            if isinstance(node, ast.ClassDef):  # a class's options are its constructor's
                node = next(i for i in node.body if isinstance(i, ast.FunctionDef) and i.name == "__new__")
            if not isinstance(node, ast.FunctionDef):
                continue
            positional = node.args.args[len(node.args.args) - len(node.args.defaults):]
            pairs = list(zip(positional, node.args.defaults)) + list(zip(node.args.kwonlyargs, node.args.kw_defaults))
            for arg, default in pairs:
                if default is None or arg.arg not in defaults:
                    continue
                start = offsets[default.lineno - 1] + default.col_offset
                end = offsets[default.end_lineno - 1] + default.end_col_offset
                value = defaults[arg.arg]
                edits.append((start, end, repr(value)))
        for start, end, new in sorted(edits, reverse=True):
            text = text[:start] + new + text[end:]
        if edits:
            stub.write_text(text)
            print(f"{stub.name}: {len(edits)} defaults")


if __name__ == "__main__":
    main()
