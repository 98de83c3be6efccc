"""No two modules of the project import each other, directly or round a
longer loop: a module is read whole before any module that imports it.

Imports inside functions count too, since they only hide a loop until the
function runs. One exception is said here: `access` reads the models whose
`visible_to` querysets ask it (a model's list filter is access's; access's
rules look up memberships and agendas when they run).
"""

import ast
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[1]
ALLOWED_LATE = {"access"}  # packages whose imports inside functions may close a loop


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules():
    packages = {Path(c.path).name for c in apps.get_app_configs() if Path(c.path).parent == ROOT}
    packages |= {"config", "core"}
    return {
        module_name(path): path
        for package in packages
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    }


def imported(node, package):
    """The modules an import statement names, relative ones resolved."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            parent = package.split(".")[: len(package.split(".")) - node.level + 1]
            base = ".".join([*parent, *([node.module] if node.module else [])])
        # `from package import module` imports the module.
        return [base, *(f"{base}.{alias.name}" for alias in node.names)]
    return []


def import_graph(modules):
    graph = {name: set() for name in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(), filename=str(path))
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        in_function = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                in_function |= {id(child) for child in ast.walk(node)}
        for node in ast.walk(tree):
            late = id(node) in in_function
            if late and name.split(".")[0] in ALLOWED_LATE:
                continue
            for target in imported(node, package):
                if target in modules and target != name:
                    graph[name].add(target)
    return graph


def loops(graph):
    """The strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in sorted(graph[module]):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def test_no_module_of_the_project_imports_one_that_imports_it_back():
    assert loops(import_graph(project_modules())) == []


def test_the_check_finds_a_loop_when_there_is_one():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert loops(graph) == [["a", "b", "c"]]
