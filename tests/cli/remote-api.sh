#!/bin/sh
# The API client's helpers (src/api.h) over real HTTP, for the pagination
# styles and odd responses GitHub does not use: cursor in the query (Neon,
# Cloudflare), cursor in a POST body (Notion), page numbers with and without
# a page count (Cloudflare, Netlify), GraphQL pageInfo (Linear), a cursor
# that never ends, raw bytes, 204, a body that is not JSON, an error inside
# a 200 envelope.  The fixture's paging module answers; tests/unit/remote-driver
# calls the helpers.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
sandbox
. "$CHITTY_SRCDIR/tests/lib/fixture.sh"
fixture_start
driver="$CHITTY_BUILDDIR/tests/unit/remote-driver"
[ -x "$driver" ] || { echo "Bail out! tests/unit/remote-driver is not built (make check builds it)"; exit 1; }
base="$FIXTURE_URL/paging"
all="25: $(seq -s ' ' -f 'i%g' 0 24)"
api() {
	fixture_clear_log
	out=$("$driver" api "$base" "$1" 2>&1)
}

api cursor-query
is "$out" "$all" "cursor in the query (Neon's pagination.cursor): every item"
is "$(fixture_query '[r["query"].get("cursor") for r in reqs]')" "[None, '10', '20', '25']" \
	"the cursor goes back as ?cursor=, until an empty page"
is "$(fixture_query 'set(r["query"]["limit"] for r in reqs)')" "{'10'}" "with the page size"

api cf-cursor
is "$out" "$all" "Cloudflare's result_info.cursor: every item"
is "$(fixture_query 'len(reqs)')" 3 "an empty cursor ends it"

api cursor-body
is "$out" "$all" "cursor in a POST body (Notion's has_more/next_cursor): every item"
is "$(fixture_query '[json.loads(r["body"]) for r in reqs]')" \
	"[{'filter': {'x': 1}, 'page_size': 10}, {'filter': {'x': 1}, 'page_size': 10, 'start_cursor': '10'}, {'filter': {'x': 1}, 'page_size': 10, 'start_cursor': '20'}]" \
	"start_cursor and page_size go in the body, next to the caller's filter"

api pages
is "$out" "$all" "page numbers with result_info.total_pages"
is "$(fixture_query '[r["query"]["page"] for r in reqs]')" "['1', '2', '3']" "pages 1 to total_pages"

api short-pages
is "$out" "$all" "page numbers without a count: a short page ends it"
is "$(fixture_query 'len(reqs)')" 3 "three requests"

api graphql
is "$out" "$all" "GraphQL pageInfo (Linear)"
is "$(fixture_query '[json.loads(r["body"])["variables"].get("after") for r in reqs]')" \
	"[None, 'c10', 'c20']" "endCursor goes back as \$after"

api limit
is "$out" "13: $(seq -s ' ' -f 'i%g' 0 12)" "a limit stops early"
is "$(fixture_query 'len(reqs)')" 2 "without fetching more pages"

api loop
is "$out" "4: i0 i1 i0 i1" "a cursor that repeats ends the list"
is "$(fixture_query 'len(reqs)')" 2 "after one repeat"

api raw
is "$out" "status 200, 11 bytes, json no: 72 61 77 00 62 79 74 65 73 ff 0a" \
	"raw bytes (Cloudflare KV GET) come back whole, NULs included"
api nocontent
is "$out" "status 204, 0 bytes, json no:" "204 No Content is a success"
api notjson
is "$out" "error: Paging: the response is not valid JSON" "a body that should be JSON and is not"
api cf-error
is "$out" "error: Paging: Authentication error (10000)" \
	"a provider's check turns an error envelope inside a 200 into one line"
is "$(fixture_query 'reqs[0]["headers"]["authorization"]')" "Bearer paging-secret-value" \
	"default headers are sent"

done_testing
