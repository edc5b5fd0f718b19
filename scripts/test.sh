#!/bin/sh
# npm test: the type check, the lint and the unit tests, side by side. The two static checks take
# about ten seconds of one core each and print nothing unless they fail; mocha takes the rest of
# the machine. Run through npm, so node_modules/.bin is on PATH. Fails if any of the three fails.
tsc --noEmit &
typecheck=$!
eslint . &
lint=$!
mocha
unit=$?
wait "$typecheck"
types=$?
wait "$lint"
style=$?
[ "$types" -eq 0 ] || echo "npm test: the type check (tsc --noEmit) failed" >&2
[ "$style" -eq 0 ] || echo "npm test: the lint (eslint) failed" >&2
[ "$types" -eq 0 ] && [ "$style" -eq 0 ] && [ "$unit" -eq 0 ]
