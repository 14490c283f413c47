"""Build reader for the platform this runs on, check the frozen program, make the installer.

    uv run python packaging/build.py                 # build, check, package (into dist/)
    uv run python packaging/build.py --check DIR     # only check a built program folder
                                                     # (e.g. the .app on a mounted .dmg)
    uv run python packaging/build.py --no-checks     # build and package only (the Wine
                                                     # harness checks the installed program)

Steps: the first run's compiled files (python -m reader.core.precompile -> precompiled/);
PyInstaller (packaging/reader.spec) -> dist/Reader (dist/Reader.app on macOS); the
frozen checks (below); launch and analysis times against the source run; the bundle size,
what OCR and speech add to it, against the bars (over either fails the build);
then the installers: Inno Setup on Windows (when ISCC is installed), a .dmg on macOS, a
.tar.gz of the one-folder build and a .deb (packaging/linux/make_deb.py) on Linux. Exits
non-zero when any check fails.

Frozen checks: `--version` prints the version from pyproject.toml; `--smoke-test` prints
"smoke test ok" (on Windows from both executables); `lookup 行` and `annotate --json SEED`
print what the source prints (when those sub-commands exist); on Linux `speak 银行` writes a
WAV of a word's length with the eSpeak NG the build carries; running them writes nothing
inside the program folder; and with its dictionary removed the program refuses to start
with a clear message.
"""

from __future__ import annotations

import argparse
import array
import difflib
import io
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
import wave
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
SPEC = ROOT / "packaging" / "reader.spec"
# The executable that prints: a console twin of the windowed app on Windows, the app itself
# elsewhere (see reader.spec).
CLI_NAME = "reader-cli.exe" if sys.platform == "win32" else "Reader"
CEDICT_NAME = "cedict_1_0_ts_utf-8_mdbg.txt.gz"
TIMEOUT = 600  # seconds for one run of the program (the first one compiles the index)
LAUNCH_RUNS = 5
# Unpacked size bars (bytes), on Linux and Windows: the whole bundle, and the bundle without
# the additions below (what it was before OCR and speech came).
WHOLE_BAR = 250_000_000
BASE_BAR = 200_000_000
# What each addition ships, as paths inside the bundle's resources. numpy is not here: the
# analysis's readings model needs it without OCR.
ADDITIONS: dict[str, tuple[str, ...]] = {
    "OCR": ("onnxruntime", "reader/core/importing/ocr_models", "PIL", "pillow.libs"),
    # the Linux build's own eSpeak NG; Windows reaches SAPI through comtypes (a few kB of
    # Python in the archive) and macOS has `say`
    "speech": ("espeak-ng",),
}


class CheckError(Exception):
    """A frozen check failed; the message says how."""


def project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as stream:
        version: str = tomllib.load(stream)["project"]["version"]
    return version


def windows_version(version: str) -> str:
    """The four numbers a Windows version resource accepts: 0.2.0rc1 -> 0.2.0.0.

    The release numbers are padded or cut to three and a fourth 0 added; pre-release,
    post-release and local parts have no place there (the installer shows the full version).
    """
    from packaging.version import Version

    release = (*Version(version).release, 0, 0)[:3]
    return ".".join(str(number) for number in (*release, 0))


def platform_tag() -> str:
    machine = (
        os.uname().machine if hasattr(os, "uname") else os.environ.get("PROCESSOR_ARCHITECTURE", "")
    )
    names = {"win32": "windows", "darwin": "macos"}
    return f"{names.get(sys.platform, 'linux')}-{machine.lower() or 'x86_64'}"


def program_dir(dist: Path) -> Path:
    """The folder that holds the executables (inside the .app on macOS)."""
    if sys.platform == "darwin":
        return dist / "Reader.app" / "Contents" / "MacOS"
    return dist / "Reader"


def bundle_root(dist: Path) -> Path:
    return dist / "Reader.app" if sys.platform == "darwin" else dist / "Reader"


def resources_dir(programs: Path) -> Path:
    """Where the bundled data sits: `_internal`, or Contents/Resources in a .app."""
    if programs.name == "MacOS":
        return programs.parent / "Resources"
    return programs / "_internal"


def snapshot(path: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(path)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in path.rglob("*")
        if p.is_file() and not p.is_symlink()
    }


CHECKS: list[str] = []  # the frozen checks begun; all but a failing last one passed


def step(message: str) -> None:
    print(f"==> {message}", flush=True)


def check(message: str) -> None:
    CHECKS.append(message)
    step(f"check: {message}")


def run_program(
    command: Sequence[str | Path], env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=TIMEOUT,
        check=False,
    )


def isolated_env(scratch: Path, name: str) -> dict[str, str]:
    """Own data and cache dirs for one program, the headless Qt platform this OS really
    uses (`windows` on Windows, where `offscreen` has no fonts), UTF-8 output."""
    from reader.ui.headless import headless_platform

    env = dict(os.environ)
    env["READER_DATA_DIR"] = str(scratch / name / "data")
    env["READER_CACHE_DIR"] = str(scratch / name / "cache")
    env["QT_QPA_PLATFORM"] = headless_platform()
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # the source run gets its .pyc files, as usual
    return env


def expect(result: subprocess.CompletedProcess[str], what: str, text: str | None = None) -> None:
    if result.returncode != 0 or (text is not None and text not in result.stdout):
        raise CheckError(
            f"{what}: exit {result.returncode}\n"
            f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
        )


def source_has(command: str) -> bool:
    """Whether the source tree has this sub-command yet."""
    from reader.cli import _subcommands

    return any(command == module.NAME for module in _subcommands())


def check_frozen(programs: Path, version: str, scratch: Path) -> None:
    cli = programs / CLI_NAME
    source = [sys.executable, "-m", "reader"]
    frozen_env = isolated_env(scratch, "frozen")
    source_env = isolated_env(scratch, "source")
    before = snapshot(programs.parent if programs.name == "MacOS" else programs)

    check(f"frozen --version ({cli})")
    result = run_program([cli, "--version"], frozen_env)
    expect(result, "--version", f"reader {version}")

    check(f"frozen --smoke-test ({cli.name})")
    expect(run_program([cli, "--smoke-test"], frozen_env), "--smoke-test", "smoke test ok")
    if sys.platform == "win32":
        check("frozen --smoke-test (windowed Reader.exe)")
        # A windowed program may have no stdout: its exit code is the verdict.
        expect(run_program([programs / "Reader.exe", "--smoke-test"], frozen_env), "Reader.exe")

    if source_has("lookup"):
        check("frozen `lookup 行` == source `lookup 行`")
        frozen = run_program([cli, "lookup", "行"], frozen_env)
        expect(frozen, "frozen lookup 行")
        from_source = run_program([*source, "lookup", "行"], source_env)
        expect(from_source, "source lookup 行")
        if frozen.stdout != from_source.stdout:
            raise CheckError(
                f"lookup 行 differs\n--- frozen\n{frozen.stdout}\n--- source\n{from_source.stdout}"
            )
        print(frozen.stdout.strip().splitlines()[0] if frozen.stdout.strip() else "(empty)")
    else:
        step("`reader lookup` does not exist yet: lookup comparison skipped")

    if source_has("annotate"):
        # The whole analysis (jieba, pypinyin, the readings model on numpy, CC-CEDICT) on the
        # seed article: the frozen program must give the very same tokens.
        check("frozen `annotate --json SEED` == source")
        seed = sorted((resources_dir(programs) / "seeds").glob("*.txt"))[0]
        frozen = run_program([cli, "annotate", "--json", seed], frozen_env)
        expect(frozen, "frozen annotate")
        from_source = run_program([*source, "annotate", "--json", seed], source_env)
        expect(from_source, "source annotate")
        if frozen.stdout != from_source.stdout or not frozen.stdout:
            diff = difflib.unified_diff(
                from_source.stdout.splitlines(), frozen.stdout.splitlines(), "source", "frozen"
            )
            shown = "\n".join(list(diff)[:20])
            raise CheckError(f"annotate --json of the seed article differs:\n{shown}")

    if sys.platform.startswith("linux") and source_has("speak"):
        check_speech(cli, frozen_env, source, source_env, scratch)

    check("frozen `annotate --json` of a photo of text (OCR, offline) == source")
    sample = ROOT / "packaging" / "samples" / "ocr_sample.png"
    frozen = run_program([cli, "annotate", "--json", sample], frozen_env)
    expect(frozen, "frozen annotate of an image", "图书馆")
    from_source = run_program([*source, "annotate", "--json", sample], source_env)
    if frozen.stdout != from_source.stdout:
        raise CheckError("annotate of the OCR sample differs between frozen and source")

    check("the bundle ships OpenCC's faster dictionaries (the frozen app cannot make them)")
    import opencc

    dictionaries = resources_dir(programs) / "precompiled" / f"opencc-{opencc.__version__}.zip"
    if not dictionaries.is_file():
        raise CheckError(f"{dictionaries} is missing: the first switch to traditional stalls")

    check("the runs above wrote nothing inside the program folder")
    after = snapshot(programs.parent if programs.name == "MacOS" else programs)
    if after != before:
        changed = sorted(set(after.items()) ^ set(before.items()))
        raise CheckError(f"the program wrote inside its own folder: {changed[:10]}")


def wav_figures(path: Path) -> tuple[float, int, bytes]:
    """Seconds, loudest sample and the samples of a 16-bit WAV file."""
    with wave.open(str(path), "rb") as wav:
        frames = wav.readframes(wav.getnframes())
        seconds = wav.getnframes() / wav.getframerate()
    samples = array.array("h", frames)
    return seconds, max((abs(s) for s in samples), default=0), frames


def check_speech(
    cli: Path,
    frozen_env: dict[str, str],
    source: list[str],
    source_env: dict[str, str],
    scratch: Path,
) -> None:
    """Linux: the build speaks a word with the eSpeak NG it carries (no espeak-ng on PATH
    to fall back on), and says what the source run says."""
    check("frozen `speak 银行 -o word.wav` with its own eSpeak NG (none on PATH) == source")
    frozen_wav, source_wav = scratch / "frozen-word.wav", scratch / "source-word.wav"
    alone = dict(frozen_env, PATH=str(scratch))
    expect(run_program([cli, "speak", "银行", "-o", frozen_wav], alone), "frozen speak")
    seconds, loudest, frozen_frames = wav_figures(frozen_wav)
    if not 0.4 < seconds < 3 or loudest < 3000:
        raise CheckError(f"speak 银行: {seconds:.2f} s, loudest sample {loudest}: not a word")
    print(f"speak 银行: {seconds:.2f} s of sound, loudest sample {loudest}")
    if shutil.which("espeak-ng"):
        expect(run_program([*source, "speak", "银行", "-o", source_wav], source_env), "speak")
        if wav_figures(source_wav)[2] != frozen_frames:
            raise CheckError("speak 银行: the frozen program's audio differs from the source's")


def check_missing_data(bundle: Path, scratch: Path) -> None:
    """A copy of the bundle without its dictionary must refuse to start, with a message."""
    check("frozen program with its dictionary removed refuses to start")
    broken = scratch / "broken" / bundle.name
    shutil.copytree(bundle, broken, symlinks=True)
    programs = program_dir(broken.parent)
    (resources_dir(programs) / "dictionaries" / CEDICT_NAME).unlink()
    result = run_program([programs / CLI_NAME, "--smoke-test"], isolated_env(scratch, "broken"))
    if result.returncode == 0 or "dictionary file is missing" not in result.stderr:
        raise CheckError(f"missing data not reported: exit {result.returncode}\n{result.stderr}")


def children_cpu_seconds() -> float:
    """CPU time of the finished child processes (POSIX); 0 where it cannot be read."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(command: Sequence[str | Path], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run (CPU time is steadier on a busy machine)."""
    cpu, started = children_cpu_seconds(), time.perf_counter()
    expect(run_program(command, env), f"timed run of {command[-1]}")
    return time.perf_counter() - started, children_cpu_seconds() - cpu


def compare_speed(
    what: str, frozen_cmd: list[str | Path], args: list[str | Path], scratch: Path
) -> None:
    """Time one workload frozen and from source, side by side; printed, never asserted.

    Both get a warm-up run first (compiled index, jieba's model, .pyc files); the timed runs
    alternate so that a busy machine slows both alike.
    """
    runs: dict[str, tuple[list[str | Path], dict[str, str]]] = {
        "frozen": ([*frozen_cmd, *args], isolated_env(scratch, "frozen")),
        "source": ([sys.executable, "-m", "reader", *args], isolated_env(scratch, "source")),
    }
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
    for command, env in runs.values():
        timed_run(command, env)
    for _ in range(LAUNCH_RUNS):
        for name, (command, env) in runs.items():
            times[name].append(timed_run(command, env))
    for clock, index in (("wall-clock", 0), ("CPU", 1)):
        frozen, source = (statistics.median(t[index] for t in times[name]) for name in runs)
        if source > 0:
            print(
                f"{what}, {clock} median of {LAUNCH_RUNS}: frozen {frozen:.2f} s, "
                f"source {source:.2f} s, ratio {frozen / source:.2f}"
            )


def measure_speed(programs: Path, scratch: Path) -> None:
    cli: list[str | Path] = [programs / CLI_NAME]
    compare_speed("launch to the seed article (--smoke-test)", cli, ["--smoke-test"], scratch)
    if source_has("annotate"):
        seed = sorted((resources_dir(programs) / "seeds").glob("*.txt"))[0]
        compare_speed("analysis of the seed article (annotate)", cli, ["annotate", seed], scratch)


def precompile() -> None:
    """What a first run would compile (dictionary index, analysis tables), made here and
    shipped in `precompiled/` (the spec takes it), so a fresh install shows pinyin at once."""
    step("precompile the dictionary index and the analysis tables")
    subprocess.run([sys.executable, "-m", "reader.core.precompile"], check=True, cwd=ROOT)


def pyinstaller(version: str) -> None:
    step(f"PyInstaller {SPEC.name} (version {version})")
    env = dict(os.environ, READER_VERSION=version)
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--distpath",
        str(DIST),
        "--workpath",
        str(WORK),
        str(SPEC),
    ]
    subprocess.run(command, check=True, env=env, cwd=ROOT)


def find_iscc() -> Path | None:
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return Path(found)
    for base in (
        os.environ.get("PROGRAMFILES(X86)"),
        os.environ.get("PROGRAMFILES"),
        os.environ.get("LOCALAPPDATA", "") + "\\Programs",
    ):
        if base and (Path(base) / "Inno Setup 6" / "ISCC.exe").is_file():
            return Path(base) / "Inno Setup 6" / "ISCC.exe"
    return None


def make_installers(version: str) -> list[Path]:
    name = f"Reader-{version}-{platform_tag()}"
    if sys.platform == "win32":
        iscc = find_iscc()
        if iscc is None:
            step("Inno Setup (ISCC) not found: no installer, the one-folder build is in dist/")
            return []
        step("Inno Setup installer")
        subprocess.run(
            [
                str(iscc),
                f"/DAppVersion={version}",
                f"/DNumericVersion={windows_version(version)}",
                f"/DSourceDir={DIST / 'Reader'}",
                f"/DOutputDir={DIST}",
                f"/DOutputName={name}",
                str(ROOT / "packaging" / "windows" / "reader.iss"),
            ],
            check=True,
        )
        return [DIST / f"{name}.exe"]
    if sys.platform == "darwin":
        step("macOS disk image")
        dmg = DIST / f"{name}.dmg"
        subprocess.run(
            [
                "bash",
                str(ROOT / "packaging" / "macos" / "make_dmg.sh"),
                str(DIST / "Reader.app"),
                str(dmg),
                version,
            ],
            check=True,
        )
        return [dmg]
    step("Linux archive of the one-folder build")
    archive = DIST / f"{name}.tar.gz"
    top = f"Reader-{version}"
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(DIST / "Reader", arcname=top)
        tar.add(ROOT / "packaging" / "linux" / "reader.desktop", arcname=f"{top}/reader.desktop")
        tar.add(ROOT / "packaging" / "icons" / "reader.png", arcname=f"{top}/reader.png")
    installers = [archive]
    if shutil.which("dpkg-deb"):
        step("Debian package")
        deb = DIST / f"{name}.deb"
        script = ROOT / "packaging" / "linux" / "make_deb.py"
        subprocess.run(
            [sys.executable, str(script), str(DIST / "Reader"), str(deb), version], check=True
        )
        installers.append(deb)
    else:
        step("dpkg-deb not found: no .deb")
    return installers


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


SIZE_PARTS = 12  # the largest parts of the bundle that the size report names


def size_report(bundle: Path) -> bool:
    """Print the bundle's unpacked size, its largest parts (a package folder, a library, a
    Qt plugin folder: what to look at when the bundle grows) and what each addition adds;
    whether it is within both bars (which hold on Linux and Windows)."""
    resources = resources_dir(program_dir(bundle.parent))
    parts: dict[str, int] = {}
    # bytes under each addition's paths, counted in the same walk
    added: dict[str, dict[str, int]] = {
        name: dict.fromkeys(paths, 0) for name, paths in ADDITIONS.items()
    }
    for path in bundle.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        file_size = path.stat().st_size
        relative = path.relative_to(resources) if resources in path.parents else None
        if relative is None:
            name = str(path.relative_to(bundle))
        elif relative.parts[:2] in (("PySide6", "plugins"), ("PySide6", "Qt")):
            name = "/".join(relative.parts[: 4 if len(relative.parts) > 4 else 3])
        else:
            name = "/".join(relative.parts[: 2 if relative.parts[0] == "PySide6" else 1])
        parts[name] = parts.get(name, 0) + file_size
        for sizes in added.values():
            for shipped in sizes:
                if relative is not None and relative.is_relative_to(shipped):
                    sizes[shipped] += file_size
    size = sum(parts.values())
    print(f"unpacked bundle {bundle} on {platform_tag()}: {megabytes(size)}")
    for name, part in sorted(parts.items(), key=lambda item: -item[1])[:SIZE_PARTS]:
        print(f"  {megabytes(part):>9}  {name}")
    base = size
    for addition, sizes in added.items():
        total = sum(sizes.values())
        base -= total
        shown = ", ".join(f"{path} {megabytes(n)}" for path, n in sizes.items() if n)
        print(f"{addition} adds {megabytes(total)}" + (f" ({shown})" if shown else ""))
    print(f"without OCR and speech: {megabytes(base)}")
    if sys.platform == "darwin":
        return True  # the bars are Linux's and Windows's
    within = True
    for what, measured, bar in (
        ("bundle", size, WHOLE_BAR),
        ("bundle without OCR and speech", base, BASE_BAR),
    ):
        verdict = "within" if measured < bar else "OVER"
        print(f"size: {what} {megabytes(measured)}: {verdict} its {megabytes(bar)} bar")
        within = within and measured < bar
    return within


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        metavar="DIR",
        type=Path,
        help="only run the frozen checks on the program folder DIR "
        "(the folder holding the executables; Reader.app/Contents/MacOS on macOS)",
    )
    parser.add_argument("--no-installer", action="store_true", help="stop after the checks")
    parser.add_argument(
        "--no-checks",
        action="store_true",
        help="build and package without the frozen checks and timings "
        "(packaging/windows/verify_under_wine.sh checks the installed program instead)",
    )
    args = parser.parse_args(argv)
    if isinstance(sys.stdout, io.TextIOWrapper):  # a Windows console may not encode 行
        sys.stdout.reconfigure(errors="backslashreplace")
    version = project_version()
    try:
        with tempfile.TemporaryDirectory(prefix="reader-build-") as scratch_name:
            scratch = Path(scratch_name)
            if args.check:
                check_frozen(args.check.resolve(), version, scratch)
                print(f"frozen: {len(CHECKS)} passed, 0 failed")
                return 0
            started = time.perf_counter()
            precompile()
            pyinstaller(version)
            build_seconds = time.perf_counter() - started
            programs = program_dir(DIST)
            if not args.no_checks:
                check_frozen(programs, version, scratch)
                check_missing_data(bundle_root(DIST), scratch)
                measure_speed(programs, scratch)
        installers = [] if args.no_installer else make_installers(version)
    except CheckError as failure:
        print(f"FROZEN CHECK FAILED: {failure}", file=sys.stderr)
        print(f"frozen: {len(CHECKS) - 1} passed, 1 failed")
        return 1
    print(f"build time (PyInstaller): {build_seconds:.0f} s")
    within = size_report(bundle_root(DIST))
    for installer in installers:
        print(f"installer {installer.name}: {megabytes(installer.stat().st_size)}")
    if args.no_checks:
        print("frozen checks skipped (--no-checks)")
    else:
        print(f"frozen: {len(CHECKS)} passed, 0 failed")
    if not within:
        print("SIZE CHECK FAILED: the bundle is over a bar (see above)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
