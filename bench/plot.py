"""bench/run's figures → data files for bench/plots.gp and the growth table (Markdown, stdout).

figures.tsv has one line per measured scenario: set, label, req/s, p50, p95, p99 (ms; empty when
not measured). Labels carry details in brackets ("search 「微熱」 (2 characters, 100 matches
visible)"); the scenario is what comes before them, so that sizes can be compared.
"""
import csv
import re
import sys

figures_path, out = sys.argv[1], sys.argv[2]
rows = list(csv.reader(open(figures_path, encoding="utf-8"), delimiter="\t"))


def scenario(label):
    return label.split(" (")[0].removesuffix(", baseline")


def number(text):
    return float(text) if text else None


# Latency percentiles of the main run: everything but the smaller growth sizes.
board_sizes = sorted({int(m.group(1)) for s, *_ in rows if (m := re.match(r"board, (\d+) posts", s))})
main_board = "board, 1000000 posts" if 1000000 in board_sizes else (
    f"board, {board_sizes[-1]} posts" if board_sizes else "")
with open(f"{out}/latency.dat", "w", encoding="utf-8") as f:
    for s, label, _rps, p50, p95, p99 in rows:
        if s.startswith("board, ") and s != main_board:
            continue
        prefix = {"HTTP": "", "fan-out to 10 members": "fan-out: "}.get(s, "")
        if s.startswith("person search"):
            prefix = "persons "
        values = " ".join(v if v else "-" for v in (p50, p95, p99))
        f.write(f'"{prefix}{scenario(label)}" {values}\n')

# p95 by number of posts, per board scenario (baseline included: it shows the machine's floor).
growth = {}
for s, label, _rps, _p50, p95, _p99 in rows:
    m = re.match(r"board, (\d+) posts", s)
    if m and p95:
        growth.setdefault(scenario(label), {})[int(m.group(1))] = number(p95)
with open(f"{out}/growth.dat", "w", encoding="utf-8") as f:
    for name, by_size in growth.items():
        f.write(f'"{name}" "p95"\n')
        for size in sorted(by_size):
            f.write(f"{size} {by_size[size]}\n")
        f.write("\n\n")

if len(board_sizes) > 1:
    head = " | ".join(f"{n:,} posts" for n in board_sizes)
    print("| p95 ms as the data grows | " + head + f" | {board_sizes[-1]:,} vs {board_sizes[0]:,} |")
    print("|---|" + "---:|" * (len(board_sizes) + 1))
    for name, by_size in growth.items():
        cells = " | ".join(f"{by_size[n]:.2f}" if n in by_size else "–" for n in board_sizes)
        first, last = by_size.get(board_sizes[0]), by_size.get(board_sizes[-1])
        factor = f"{last / first:.1f}×" if first and last else "–"
        print(f"| {name} | {cells} | {factor} |")
    print()
