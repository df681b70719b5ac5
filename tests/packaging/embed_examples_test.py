#!/usr/bin/env python3
"""eddy as an outside program sees it: installs the build into a prefix under the build directory
(cmake --install), checks what is there and that the installed shell runs, then builds
examples/embed against the prefix (find_package(eddy) through CMAKE_PREFIX_PATH) and runs its
tests (each example's output against its .expected file), and compiles one example with nothing
but `pkg-config --cflags --libs eddy` and runs it too.

Usage: embed_examples_test.py --source DIR --build DIR --generator G --cxx CXX [--launcher L]
       [--build-type T]
"""
import argparse
import os
import shlex
import shutil
import subprocess
import sys

# Compiled through pkg-config alone; run from the repository root like the ctest of examples/embed.
PKG_CONFIG_EXAMPLE = "query_a_csv_file"


class Failure(Exception):
    pass


def run(command, **kwargs):
    """Runs `command`; its output on failure."""
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise Failure(f"{shlex.join(command)} exited with {result.returncode}\n"
                      f"{result.stdout}{result.stderr}")
    return result


def install(args, prefix):
    run(["cmake", "--install", args.build, "--prefix", prefix])
    for path in ("include/eddy/engine.h", "include/eddy/export.h", "lib/libeddy.so",
                 "lib/cmake/eddy/eddyConfig.cmake", "lib/cmake/eddy/eddyConfigVersion.cmake",
                 "lib/cmake/eddy/eddyTargets.cmake", "lib/pkgconfig/eddy.pc", "bin/eddy"):
        if not os.path.exists(os.path.join(prefix, path)):
            raise Failure(f"cmake --install did not install {path}")
    # Only the public headers: one directory, eddy/, of .h files.
    include = os.path.join(prefix, "include")
    extra = [p for p in os.listdir(include) if p != "eddy"]
    extra += [p for p in os.listdir(os.path.join(include, "eddy")) if not p.endswith(".h")]
    if extra:
        raise Failure(f"cmake --install put more than the public headers in include/: {extra}")
    soname = run(["readelf", "-d", os.path.join(prefix, "lib", "libeddy.so")]).stdout
    if "(SONAME)" not in soname or "libeddy.so.0" not in soname:
        raise Failure(f"libeddy.so has no versioned SONAME:\n{soname}")


def check_installed_shell(prefix):
    # It must find the installed libeddy.so through its RPATH, not the build tree's.
    shell = os.path.join(prefix, "bin", "eddy")
    libraries = run(["ldd", shell]).stdout
    expected = os.path.realpath(os.path.join(prefix, "lib"))
    lines = [line for line in libraries.splitlines() if "libeddy.so" in line]
    if not lines or expected not in os.path.realpath(lines[0].split("=>")[-1].split()[0]):
        raise Failure(f"the installed shell does not load {expected}/libeddy.so:\n{libraries}")
    result = run([shell, "--mode", "csv", "-c", "SELECT 1 + 1 AS two"])
    if result.stdout != "two\n2\n":
        raise Failure(f"the installed shell printed {result.stdout!r}, expected 'two\\n2\\n'")


def build_examples(args, prefix, build):
    configure = ["cmake", "-S", os.path.join(args.source, "examples", "embed"), "-B", build,
                 "-G", args.generator, f"-DCMAKE_PREFIX_PATH={prefix}",
                 f"-DCMAKE_CXX_COMPILER={args.cxx}", f"-DCMAKE_BUILD_TYPE={args.build_type}"]
    if args.launcher:
        configure.append(f"-DCMAKE_CXX_COMPILER_LAUNCHER={args.launcher}")
    run(configure)
    with open(os.path.join(build, "CMakeCache.txt")) as f:
        found = [line.split("=", 1)[1].strip() for line in f if line.startswith("eddy_DIR:")]
    expected = os.path.join(prefix, "lib", "cmake", "eddy")
    if not found or os.path.realpath(found[0]) != os.path.realpath(expected):
        raise Failure(f"find_package(eddy) found {found}, expected {expected}")
    run(["cmake", "--build", build, "--parallel", "2"])
    tests = run(["ctest", "--test-dir", build, "--output-on-failure"], cwd=build)
    print(tests.stdout.strip().splitlines()[-3] if tests.stdout.strip() else "")


def build_with_pkg_config(args, prefix, build):
    os.makedirs(build, exist_ok=True)
    env = dict(os.environ, PKG_CONFIG_PATH=os.path.join(prefix, "lib", "pkgconfig"))
    flags = run(["pkg-config", "--cflags", "--libs", "eddy"], env=env).stdout.split()
    source = os.path.join(args.source, "examples", "embed", PKG_CONFIG_EXAMPLE + ".cpp")
    program = os.path.join(build, PKG_CONFIG_EXAMPLE)
    launcher = [args.launcher] if args.launcher else []
    run(launcher + [args.cxx, source, "-o", program] + flags)
    env = dict(os.environ, LD_LIBRARY_PATH=os.path.join(prefix, "lib"))
    output = run([program], cwd=args.source, env=env).stdout
    with open(os.path.join(args.source, "examples", "embed", PKG_CONFIG_EXAMPLE + ".expected")) as f:
        expected = f.read()
    if output != expected:
        raise Failure(f"{PKG_CONFIG_EXAMPLE} built with pkg-config printed:\n{output}\n"
                      f"expected:\n{expected}")


def main():
    parser = argparse.ArgumentParser()
    for flag in ("--source", "--build", "--generator", "--cxx"):
        parser.add_argument(flag, required=True)
    parser.add_argument("--launcher", default="")
    parser.add_argument("--build-type", default="RelWithDebInfo")
    args = parser.parse_args()

    work = os.path.join(args.build, "packaging")
    prefix = os.path.join(work, "prefix")
    shutil.rmtree(prefix, ignore_errors=True)  # nothing left over from an older install
    try:
        install(args, prefix)
        check_installed_shell(prefix)
        build_examples(args, prefix, os.path.join(work, "examples"))
        build_with_pkg_config(args, prefix, os.path.join(work, "pkg-config"))
    except Failure as failure:
        print(f"FAIL {failure}")
        return 1
    print("ok: installed, examples/embed built with find_package(eddy) and with pkg-config, "
          "and run")
    return 0


if __name__ == "__main__":
    sys.exit(main())
