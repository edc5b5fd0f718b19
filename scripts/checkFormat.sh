#!/bin/sh
# The formatter's check, as npm test runs it: lists every file that is not as Prettier would write
# it, and says how to fix them all. Run through npm (or with node_modules/.bin on PATH).
[ "$#" -gt 0 ] || set -- .
prettier --check --log-level warn "$@" || {
    echo "npm test: the files above are not formatted; run npm run format" >&2
    exit 1
}
