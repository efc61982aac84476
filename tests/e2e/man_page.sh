#!/usr/bin/env sh
# The man page renders without a groff warning (an undefined macro, a bad
# escape, a line that does not fit all count: -ww turns every warning on).
#   man_page.sh man/ffigen.1
warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 groff -man -ww -z -Tutf8 "$1" 2>&1)
if [ -n "$warnings" ]; then
    echo "FAIL: groff warns on $1:"
    echo "$warnings"
    exit 1
fi
echo "ok: $1 renders without warnings"
