#!/bin/sh
# The static half of npm test: the type check and the lint, run side by side (each takes about
# ten seconds and mostly one core). Run through npm, so node_modules/.bin is on PATH.
tsc --noEmit &
typecheck=$!
eslint .
lint=$?
wait "$typecheck"
types=$?
[ "$types" -eq 0 ] && [ "$lint" -eq 0 ]
