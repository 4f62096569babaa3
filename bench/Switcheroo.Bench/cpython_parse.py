"""CPython side of Switcheroo's parse benchmark (driven by Switcheroo.Bench, see docs/performance.md).

Modes:
  corpus                      print this interpreter and one "ok|error<TAB>path" line per .py file of
                              its standard library (site-/dist-packages excluded), the verdict being
                              whether compile() accepts the file (the stdlib corpus test does the same)
  serve MODE LIST             load the files named in LIST (one path a line) into memory, then answer
                              commands on stdin, one line each, until EOF:
                                run   -> "time <seconds> <failures> <cpu seconds>" for one pass of MODE over
                                         every file (wall clock, and this process's CPU time)
                                rss   -> "rss <ru_maxrss bytes> <current rss bytes>"
  once MODE LIST              cold figure: load, one pass, print "once <load seconds> <pass seconds> <failures>"

MODE is "ast" (ast.parse(source, path)) or "compile" (compile(source, path, "exec", dont_inherit=True),
i.e. parse + symbol table + bytecode). Sources are passed as bytes, as Switcheroo gets them, so both
sides decode (PEP 263) inside the timed region. One process, one thread; gc stays on, as in any
CPython program, and a gc.collect() precedes every timed pass (the .NET side does GC.Collect()).
Warnings are silenced: some stdlib files draw SyntaxWarning/DeprecationWarning for escapes.
"""
import ast
import gc
import os
import resource
import sys
import sysconfig
import time
import warnings

warnings.simplefilter("ignore")


def corpus():
    print("python\t" + sys.executable)
    print("version\t" + sys.version.replace("\n", " "))
    root = sysconfig.get_paths()["stdlib"]
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in ("site-packages", "dist-packages", "__pycache__"))
        for name in sorted(files):
            if not name.endswith(".py"):
                continue
            path = os.path.join(folder, name)
            with open(path, "rb") as f:
                source = f.read()
            try:
                compile(source, path, "exec", dont_inherit=True)
                verdict = "ok"
            except (SyntaxError, ValueError):
                verdict = "error"
            print(verdict + "\t" + path)


def load(list_path):
    with open(list_path, encoding="utf-8") as f:
        paths = [line.rstrip("\n") for line in f if line.strip()]
    sources = []
    for path in paths:
        with open(path, "rb") as f:
            sources.append((path, f.read()))
    return sources


def one_pass(mode, sources):
    failures = 0
    gc.collect()
    if mode == "ast":
        parse = ast.parse
        cpu, start = time.process_time(), time.perf_counter()
        for path, source in sources:
            try:
                parse(source, path)
            except (SyntaxError, ValueError):
                failures += 1
        return time.perf_counter() - start, failures, time.process_time() - cpu
    if mode == "compile":
        cpu, start = time.process_time(), time.perf_counter()
        for path, source in sources:
            try:
                compile(source, path, "exec", dont_inherit=True)
            except (SyntaxError, ValueError):
                failures += 1
        return time.perf_counter() - start, failures, time.process_time() - cpu
    raise SystemExit("unknown mode " + mode)


def current_rss():
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def serve(mode, list_path):
    sources = load(list_path)
    total = sum(len(source) for _, source in sources)
    print("ready %d %d %d" % (len(sources), total, current_rss()), flush=True)
    for line in sys.stdin:
        command = line.strip()
        if command == "run":
            seconds, failures, cpu = one_pass(mode, sources)
            print("time %.9f %d %.9f" % (seconds, failures, cpu), flush=True)
        elif command == "rss":
            # ru_maxrss is in KiB on Linux.
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
            print("rss %d %d" % (peak, current_rss()), flush=True)
        elif command:
            print("error unknown command " + command, flush=True)


def once(mode, list_path):
    start = time.perf_counter()
    sources = load(list_path)
    loaded = time.perf_counter() - start
    seconds, failures, _ = one_pass(mode, sources)
    print("once %.9f %.9f %d" % (loaded, seconds, failures), flush=True)


def main(argv):
    if argv[:1] == ["corpus"]:
        corpus()
    elif len(argv) == 3 and argv[0] == "serve":
        serve(argv[1], argv[2])
    elif len(argv) == 3 and argv[0] == "once":
        once(argv[1], argv[2])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
