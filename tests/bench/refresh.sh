#!/bin/sh
# How long `chitty refresh` takes for several remotes on a slow server: the
# remotes refresh in parallel, so the time is about one remote's, not the sum.
# Also: a 20-page issue list on one keep-alive connection.
#
#   CHITTY_BIN=_build/default/chitty CHITTY_SRCDIR=. sh tests/bench/refresh.sh [REMOTES] [DELAY_MS]
#
# Prints its figures; it asserts nothing (tests/cli/remote-refresh.sh does).
: "${CHITTY_BIN:=_build/default/chitty}"
: "${CHITTY_SRCDIR:=.}"
export CHITTY_BIN CHITTY_SRCDIR
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
sandbox
. "$CHITTY_SRCDIR/tests/lib/fixture.sh"
fixture_start

n=${1:-6}
delay=${2:-1000}
i=1
while [ "$i" -le "$n" ]; do
	add_github "r$i" "slow=$delay,r$i"
	i=$((i + 1))
done
start=$(now_ms)
"$CHITTY_BIN" refresh >/dev/null
took=$(($(now_ms) - start))
echo "refresh: $n remotes answering in $delay ms each: $took ms (one after another: $((n * delay)) ms)"

add_github paged maxpage=2
fixture_clear_log
start=$(now_ms)
"$CHITTY_BIN" gh issues list --remote paged --state all --limit 40 --json >/dev/null
took=$(($(now_ms) - start))
echo "pagination: $(fixture_query 'len(reqs)') pages in $took ms on $(fixture_query 'len(set(r["client"] for r in reqs))') connection(s)"
