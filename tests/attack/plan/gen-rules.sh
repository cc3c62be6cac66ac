#!/bin/sh
# gen-rules.sh DIR: writes the inputs of the rule-budget attack into DIR:
#   many-rules.xml  a plan of 1,000 catastrophic pattern rules (over the cap)
#   cap-rules.xml   as many rules as a plan may hold, all catastrophic
#   nominees.xml    a dossier of 100 collectives: tests/plans/ok-dossier.xml
#                   with its first nominee (summary "aaa…a!") 100 times
# ^(a+)+$ against 40 a's and a "!" backtracks until the match limit.
dir=$1
here=$(dirname "$0")
dossier=$here/../../plans/ok-dossier.xml
for n in 1000 200; do
	case $n in 1000) f=many-rules.xml ;; *) f=cap-rules.xml ;; esac
	{
		cat "$here/plan-head.xml"
		echo '  <rules>'
		i=0
		while [ $i -lt $n ]; do
			echo "    <rule id=\"aaa-$i\" severity=\"error\"" \
			    "field=\"nominee.summary\" require=\"no\"" \
			    "pattern=\"^(a+)+\$\">“{value}”</rule>"
			i=$((i + 1))
		done
		echo '  </rules>'
		echo '</plan>'
	} >"$dir/$f"
done
{
	sed -n '1,/<\/meeting>/p' "$dossier"
	i=0
	while [ $i -lt 100 ]; do
		sed -n '/<nominee id="TT01"/,/<\/nominee>/p' "$dossier" |
		    sed "s/TT01/TT$i/"
		i=$((i + 1))
	done
	echo '</dossier>'
} >"$dir/nominees.xml"
