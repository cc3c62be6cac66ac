#!/bin/sh
# gen-batch.sh DIR N: N copies of input/bchqs-dot-1.xml (6 nominees) under
# other dossier ids, DIR/copy-1.xml … DIR/copy-N.xml: every nominee is the
# same one N times in one phase.
dir=$1
n=$2
i=1
while [ $i -le "$n" ]; do
	sed "s/id=\"bchqs-dot-1\"/id=\"copy-$i\"/" input/bchqs-dot-1.xml \
	    >"$dir/copy-$i.xml"
	i=$((i + 1))
done
