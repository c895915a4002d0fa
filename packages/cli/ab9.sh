#!/bin/bash
# usage: ab9.sh ROUNDS flagsA flagsB ...
R=$1; shift
for r in $(seq $R); do for f in "$@"; do echo "$f|$(node $f warm9.tmp.mjs 3 | grep -o 'setup [0-9]*\|sum40 [0-9]*' | tr '\n' ' ')"; done; done
