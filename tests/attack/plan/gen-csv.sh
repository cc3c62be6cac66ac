#!/bin/sh
# gen-csv.sh FILE K: a list of the 5 rows of input/danh-sach-mau.csv K
# times over (5K rows, no "Mã" column), so import makes every id: TT01…
# for collectives and CN01… for individuals.
{
	head -1 input/danh-sach-mau.csv
	i=0
	while [ $i -lt "$2" ]; do
		sed 1d input/danh-sach-mau.csv
		i=$((i + 1))
	done
} >"$1"
