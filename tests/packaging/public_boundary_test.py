#!/usr/bin/env python3
"""The public boundary of eddy (docs/architecture.md, "The public boundary"), checked on a build:

1. every header in include/eddy/ compiles on its own with include/ as its only include directory,
   and names no third-party library (ANTLR, absl, fmt, SQLite, simdjson, ...);
2. the shell and the end-to-end benchmark compile with include/ as the only directory of eddy's
   (compile_commands.json), so an internal #include "runtime/..." fails there: compiled with the
   shell's own command line, it does, while every public header compiles;
3. libeddy.so exports nothing internal: every eddy:: name in an exported symbol is declared in
   include/eddy/, and no third-party symbol is exported;
4. libeddy.so exports every function include/eddy/ declares and the library defines (one left
   hidden means a missing EDDY_EXPORT: it links inside eddy's build, not in a user's program);
5. the shell links libeddy.so and holds no internal code of its own.

Usage: public_boundary_test.py --source DIR --build DIR --library libeddy.so --shell eddy --cxx CXX
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

THIRD_PARTY = re.compile(r"\b(antlr4|absl|fmt|simdjson|sqlite3|XXH|CLI|editline|nlohmann)\b")
LINKER_SYMBOLS = {"_init", "_fini", "_edata", "_end", "__bss_start"}

failures = []


def fail(message):
    failures.append(message)


def run(command, **kwargs):
    return subprocess.run(command, capture_output=True, text=True, **kwargs)


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def public_headers(source):
    directory = os.path.join(source, "include", "eddy")
    return sorted(os.path.join(directory, f) for f in os.listdir(directory) if f.endswith(".h"))


def declarations(header_text):
    """Names declared in a public header: (types and functions at namespace level, out-of-line
    functions as qualified names). Out-of-line: declared with ';', not '= 0', '= default' or
    '= delete'; inline bodies, friends, aliases and data members are left out."""
    names, functions = set(), set()
    scopes = []  # ("namespace", "eddy") / ("class", "Chunk") / ("body", "")
    text = strip_comments(header_text)
    text = re.sub(r"^\s*#.*$", " ", text, flags=re.M)
    text = re.sub(r"=\s*\{\s*\}", "= EMPTY", text)  # a default argument `= {}` opens no scope
    statement = ""
    for char in text:
        if char not in ";{}":
            statement += char
            continue
        stmt = re.sub(r"^\s*((public|private|protected)\s*:\s*)+", "", statement.strip())
        statement = ""
        inside_body = any(kind == "body" for kind, _ in scopes)
        if char == "}":
            if scopes:
                scopes.pop()
            continue
        if char == "{":
            match_ns = re.match(r"^namespace\s+([\w:]+)$", stmt)
            match_class = re.match(
                r"^(template\s*<[^>]*>\s*)?(class|struct)\s+(EDDY_EXPORT\s+)?(\w+)", stmt)
            if not inside_body and match_ns:
                scopes.append(("namespace", match_ns.group(1)))
            elif not inside_body and match_class and "(" not in stmt.split(":")[0]:
                name = match_class.group(4)
                if all(kind == "namespace" for kind, _ in scopes):
                    names.add(name)
                scopes.append(("class", name))
            else:
                if not inside_body and all(kind == "namespace" for kind, _ in scopes):
                    match_enum = re.match(r"^enum\s+(class\s+)?(\w+)", stmt)
                    if match_enum:
                        names.add(match_enum.group(2))
                scopes.append(("body", ""))
            continue
        # char == ";": a declaration
        if inside_body or not stmt or "(" not in stmt:
            if not inside_body and all(kind == "namespace" for kind, _ in scopes):
                match_using = re.match(r"^using\s+(\w+)\s*=", stmt)
                if match_using:
                    names.add(match_using.group(1))
            continue
        if re.match(r"^(friend|using|typedef|template)\b", stmt):
            continue
        if re.search(r"=\s*(0|default|delete)\s*$", stmt):
            continue
        head = stmt[: stmt.index("(")]
        match_name = re.search(r"(~?\w+)\s*$", head)
        if not match_name or "operator" in head:
            continue
        name = match_name.group(1)
        if "=" in head:  # a data member initialized with a call
            continue
        path = [n for kind, n in scopes if kind in ("namespace", "class")]
        functions.add("::".join(path + [name]))
        if all(kind == "namespace" for kind, _ in scopes):
            names.add(name)
    return names, functions


def entity(symbol):
    """What a demangled symbol names, without ABI tags, parameters and the prefix of a vtable
    or typeinfo: `eddy::Query::Query(std::unique_ptr<eddy::QueryRuntime>)` is eddy::Query::Query
    (a member of a public class, whatever its parameters), `std::vector<eddy::Batch>::~vector()`
    is std::vector<eddy::Batch>::~vector (an instance for an internal type)."""
    symbol = symbol.replace("[abi:cxx11]", "")
    symbol = re.sub(r"^(typeinfo name for|typeinfo for|vtable for|VTT for|guard variable for|"
                    r"construction vtable for) ", "", symbol)
    depth = 0
    for i, char in enumerate(symbol):
        if char == "<":
            depth += 1
        elif char == ">":
            depth -= 1
        elif char == "(" and depth == 0 and i > 0:
            return symbol[:i]
    return symbol


def eddy_names(symbol):
    """The first name after each `eddy::` (or `eddy::detail::`: a public header's detail is
    public, api/'s is not) in what a symbol names."""
    return re.findall(r"\beddy::(?:detail::)?(\w+)", entity(symbol))


def check_headers(args, headers):
    for header in headers:
        relative = os.path.relpath(header, os.path.join(args.source, "include"))
        text = strip_comments(open(header).read())
        for include in re.findall(r'#\s*include\s*[<"]([^>"]+)[>"]', text):
            if THIRD_PARTY.search(include):
                fail(f"include/{relative} includes a third-party header: {include}")
        compiled = run([args.cxx, "-std=c++20", "-fsyntax-only", "-Wall", "-Wextra", "-Werror",
                        "-I", os.path.join(args.source, "include"), "-x", "c++", "-"],
                       input=f'#include "{relative}"\n')
        if compiled.returncode != 0:
            fail(f"include/{relative} does not compile on its own with include/ alone:\n"
                 f"{compiled.stderr}")


INCLUDE_FLAGS = ("-isystem", "-iquote", "-idirafter", "-I")


def include_dirs(arguments):
    dirs = []
    for i, arg in enumerate(arguments):
        flag = next((f for f in INCLUDE_FLAGS if arg.startswith(f)), None)
        if flag is None:
            continue
        value = arg[len(flag):] or (arguments[i + 1] if i + 1 < len(arguments) else "")
        dirs.append(os.path.realpath(value))
    return dirs


def syntax_only(arguments, entry_file, source_file):
    """An entry's compile command made to check `source_file` instead of `entry_file`, with no
    object and no dependency file written (it must not touch the build)."""
    out, skip = [], False
    for arg in arguments:
        if skip:
            skip = False
        elif arg in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
        elif arg not in ("-c", "-MD", "-MMD", entry_file):
            out.append(arg)
    return out + ["-fsyntax-only", source_file]


def check_public_clients(args, headers):
    with open(os.path.join(args.build, "compile_commands.json")) as f:
        entries = json.load(f)
    source = os.path.realpath(args.source)
    build = os.path.realpath(args.build)
    public_include = os.path.join(source, "include")
    # The objects of the shell (eddy_shell, eddy) and of the benchmark table (eddy_e2e); another
    # target may compile one of their sources with internal headers (eddy_state_bytes does).
    clients = [e for e in entries
               if re.search(r"/(shell/[^/]+|bench/e2e[^/]*)\.cpp$", e["file"])
               and re.search(r"CMakeFiles/(eddy_shell|eddy|eddy_e2e)\.dir/",
                             e.get("output", "") or e.get("command", ""))]
    if not any("/shell/" in e["file"] for e in clients) or \
            not any("/bench/e2e" in e["file"] for e in clients):
        fail("compile_commands.json has no entries for shell/*.cpp and bench/e2e*.cpp")
        return
    for entry in clients:
        arguments = entry.get("arguments") or shlex.split(entry["command"])
        for directory in include_dirs(arguments):
            inside = directory == source or directory.startswith(source + "/") or \
                directory == build or directory.startswith(build + "/")
            if inside and directory != public_include:
                fail(f"{os.path.relpath(entry['file'], source)} compiles with the internal "
                     f"include directory {directory} (only {public_include} is allowed)")

    shell_entry = next(e for e in clients if e["file"].endswith("/shell/renderer.cpp"))
    arguments = shell_entry.get("arguments") or shlex.split(shell_entry["command"])
    with tempfile.TemporaryDirectory() as tmp:
        internal = os.path.join(tmp, "internal_include.cpp")
        with open(internal, "w") as f:
            f.write('#include "runtime/batch.h"\n')
        public = os.path.join(tmp, "public_includes.cpp")
        with open(public, "w") as f:
            for header in headers:
                f.write(f'#include "eddy/{os.path.basename(header)}"\n')
        compiled = run(syntax_only(arguments, shell_entry["file"], internal), cwd=shell_entry["directory"])
        if compiled.returncode == 0 or "runtime/batch.h" not in compiled.stderr:
            fail("an #include \"runtime/batch.h\" compiles with the shell's command line "
                 f"(exit {compiled.returncode}):\n{compiled.stderr}")
        compiled = run(syntax_only(arguments, shell_entry["file"], public), cwd=shell_entry["directory"])
        if compiled.returncode != 0:
            fail(f"the public headers do not compile with the shell's command line:\n"
                 f"{compiled.stderr}")


def symbols(path, dynamic):
    """(type letter, demangled name) of the symbols `path` defines."""
    command = ["nm", "-C", "--defined-only"] + (["-D"] if dynamic else []) + [path]
    listed = run(command)
    if listed.returncode != 0:
        fail(f"{' '.join(command)} failed: {listed.stderr}")
        return []
    result = []
    for line in listed.stdout.splitlines():
        parts = line.split(None, 2)
        if len(parts) == 3:
            result.append((parts[1], parts[2]))
    return result


def check_library(args, names, functions):
    exported = symbols(args.library, dynamic=True)
    if not exported:
        fail(f"{args.library} exports nothing")
    for _, symbol in exported:
        if symbol in LINKER_SYMBOLS or symbol.startswith("GLIBC"):
            continue
        internal = [n for n in eddy_names(symbol) if n not in names]
        if internal:
            fail(f"libeddy.so exports a symbol of internal {', '.join(internal)}: {symbol}")
        elif "eddy::" not in symbol and THIRD_PARTY.search(symbol):
            fail(f"libeddy.so exports a third-party symbol: {symbol}")

    defined = {}  # qualified function, or vtable / typeinfo of a class -> nm type letters
    for letter, symbol in symbols(args.library, dynamic=False):
        name = entity(symbol)
        vtable = re.match(r"^(typeinfo|vtable) for eddy::(\w+)$", symbol)
        if name in functions or (vtable and vtable.group(2) in names):
            defined.setdefault(symbol if vtable else name, set()).add(letter)
    for function, letters in sorted(defined.items()):
        if not any(letter.isupper() for letter in letters):
            fail(f"{function} is declared in include/eddy/ and defined in libeddy.so but not "
                 "exported: mark its class or declaration EDDY_EXPORT (and see api/libeddy.map)")
    for must in ("eddy::Engine::execute", "eddy::Chunk::from_rows", "eddy::version",
                 "eddy::inspect_checkpoints", "eddy::format_timestamp", "typeinfo for eddy::Clock"):
        if must not in defined:
            fail(f"libeddy.so does not define {must}")


def check_shell(args, names):
    dynamic = run(["readelf", "-d", args.shell]).stdout
    if not re.search(r"\(NEEDED\).*\[libeddy\.so", dynamic):
        fail(f"{args.shell} does not link libeddy.so:\n{dynamic}")
    for _, symbol in symbols(args.shell, dynamic=False):
        internal = [n for n in eddy_names(symbol) if n not in names and n != "shell"]
        if internal:
            fail(f"the shell holds internal code ({', '.join(internal)}): {symbol}")
            break


def main():
    parser = argparse.ArgumentParser()
    for flag in ("--source", "--build", "--library", "--shell", "--cxx"):
        parser.add_argument(flag, required=True)
    args = parser.parse_args()

    headers = public_headers(args.source)
    names, functions = set(), set()
    for header in headers:
        header_names, header_functions = declarations(open(header).read())
        names |= header_names
        functions |= header_functions

    check_headers(args, headers)
    check_public_clients(args, headers)
    check_library(args, names, functions)
    check_shell(args, names)

    for message in failures:
        print("FAIL " + message)
    if failures:
        return 1
    print(f"ok: {len(headers)} public headers, {len(names)} public names, "
          f"{len(functions)} declared functions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
