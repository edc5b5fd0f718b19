#!/bin/sh
# npm test: the type check, the lint, the format check and the unit tests, side by side. The three
# static checks take about ten seconds of one core each and print nothing unless they fail; mocha
# takes the rest of the machine. Run through npm, so node_modules/.bin is on PATH. Fails if any fails.
tsc --noEmit &
typecheck=$!
eslint . &
lint=$!
sh scripts/checkFormat.sh &
format=$!
mocha
unit=$?
wait "$typecheck"
types=$?
wait "$lint"
style=$?
wait "$format"
formatted=$?
[ "$types" -eq 0 ] || echo "npm test: the type check (tsc --noEmit) failed" >&2
[ "$style" -eq 0 ] || echo "npm test: the lint (eslint) failed" >&2
[ "$formatted" -eq 0 ] || echo "npm test: the format check failed; run npm run format" >&2
[ "$types" -eq 0 ] && [ "$style" -eq 0 ] && [ "$formatted" -eq 0 ] && [ "$unit" -eq 0 ]
