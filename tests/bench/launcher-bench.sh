#!/bin/sh
# The launcher's speed (issue 6): time from exec to the first complete
# frame with 500 extension files and 100k catalog items (target <= 30 ms)
# and keystroke-to-frame latency at 100k items (target <= 8 ms median).
#
#   tests/bench/launcher-bench.sh [CHITTY_BIN] [FILES] [COMMANDS_PER_FILE] [RUNS]
#
# Defaults: _build/default/chitty, 500 files of 200 commands, 7 runs.  The
# launcher writes its timestamps to $CHITTY_TRACE (ui/trace.h); the driver
# (launcher.py) runs it in a pseudo-terminal and prints the figures, with
# the machine's load, since a busy machine slows every number.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../../_build/default/chitty}
exec python3 "$here/launcher.py" "$bin" "${2:-500}" "${3:-200}" "${4:-7}"
