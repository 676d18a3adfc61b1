"""Generate the front-matter reference (docs/front-matter.md) from schema docstrings.

The field docstrings in `schema.FrontMatter` are the single source; a test fails when
the committed page and this output differ (`make docs` rewrites it).
"""

from __future__ import annotations

import ast
import inspect

from dl500.bank import schema


def field_docs() -> list[tuple[str, str, str]]:
    """Return (field, annotation, docstring) for every FrontMatter field, in order."""
    tree = ast.parse(inspect.getsource(schema.FrontMatter))
    body = tree.body[0].body  # type: ignore[attr-defined]
    out = []
    for node, nxt in zip(body, [*body[1:], None], strict=True):
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            doc = ""
            if isinstance(nxt, ast.Expr) and isinstance(nxt.value, ast.Constant):
                doc = " ".join(str(nxt.value.value).split())
            out.append((node.target.id, ast.unparse(node.annotation), doc))
    return out


def front_matter_reference() -> str:
    """Return the Markdown page documenting every front-matter field."""
    lines = [
        "# Front-matter reference",
        "",
        "Generated from `src/dl500/bank/schema.py` by `make docs`; do not edit by hand.",
        "",
        "| field | type | meaning |",
        "|---|---|---|",
    ]
    lines += [f"| `{name}` | `{ann}` | {doc} |" for name, ann, doc in field_docs()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(front_matter_reference(), end="")
