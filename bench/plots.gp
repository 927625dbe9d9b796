# bench/run's plots from bench/plot.py's data files. Call with -e "data='DIR'; out='DIR'".
set terminal pngcairo size 1600,820 font "Noto Sans CJK JP,11"
set datafile missing '-'
set grid ytics
set key top left

set output out.'/latency.png'
set title "Latency percentiles of every scenario (ms, log scale; one bench/run)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set logscale y
set yrange [0.1:*]
set ylabel "ms"
set xtics rotate by 35 right nomirror
set bmargin 14
plot data.'/latency.dat' using 2:xtic(1) title 'p50' linecolor rgb '#4c9a8a', \
     '' using 3 title 'p95' linecolor rgb '#e0a040', \
     '' using 4 title 'p99' linecolor rgb '#c0504d'

reset
set terminal pngcairo size 1200,720 font "Noto Sans CJK JP,11"
set output out.'/growth.png'
set title "p95 latency as the data grows (16 clients, log–log)"
set grid
set logscale xy
set xlabel "posts in the region"
set ylabel "p95 ms"
set format x "%.0s%c"
set key outside right
plot for [i=0:*] data.'/growth.dat' index i using 1:2 with linespoints linewidth 2 pointsize 1.2 title columnheader(1)
