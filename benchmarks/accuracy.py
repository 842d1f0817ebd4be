"""Diagnosis accuracy on the demo catalogue: trains it (or reuses a logdir), analyzes every run
and prints markdown tables; also writes them to benchmarks/results/accuracy.md.

    python benchmarks/accuracy.py                       # train into a temp dir, then score
    python benchmarks/accuracy.py --logdir /tmp/cat     # train what is missing there, score
    python benchmarks/accuracy.py --logdir /tmp/cat --no-train   # score what is there
    python benchmarks/accuracy.py --catalogue holdout --logdir /tmp/plateau-holdout
                        # the first held-out set (demo/holdout.py) -> results/accuracy_holdout.md
    python benchmarks/accuracy.py --catalogue holdout2 --logdir /tmp/plateau-holdout2
                        # the second held-out set (demo/holdout2.py)
                        #   -> results/accuracy_holdout2.md

Scoring. Each run is analyzed with the same code the CLI and the plugin use
(`tb_plateau.read.reader.open_logdir` / `read_run`, `tb_plateau.analysis.analyze`). For a broken
run, the interval scored is the first one that ends at or after the labelled stall start (the
last one when none does). Its causes, in the report's order, give top-1 (the first cause is one
of the run's expected causes; "strict" when it is the first, root cause) and top-3 (one of the
first three is). A healthy run passes when
its report has no interval. Detection delay is that interval's start_step minus the labelled
stall start (step 1 when the label says "from the start"); negative means flagged earlier.
"""

import argparse
import collections
import os
import pathlib
import statistics
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "accuracy.md"
RESULTS_HOLDOUT = ROOT / "benchmarks" / "results" / "accuracy_holdout.md"
RESULTS_HOLDOUT2 = ROOT / "benchmarks" / "results" / "accuracy_holdout2.md"
RESULTS_HOLDOUT3 = ROOT / "benchmarks" / "results" / "accuracy_holdout3.md"
RESULTS_HOLDOUT4 = ROOT / "benchmarks" / "results" / "accuracy_holdout4.md"
RESULTS_HOLDOUT5 = ROOT / "benchmarks" / "results" / "accuracy_holdout5.md"
RESULTS_HOLDOUT6 = ROOT / "benchmarks" / "results" / "accuracy_holdout6.md"
RESULTS_HOLDOUT7 = ROOT / "benchmarks" / "results" / "accuracy_holdout7.md"
RESULTS_HOLDOUT8 = ROOT / "benchmarks" / "results" / "accuracy_holdout8.md"
RESULTS_HOLDOUT9 = ROOT / "benchmarks" / "results" / "accuracy_holdout9.md"
RESULTS_HOLDOUT10 = ROOT / "benchmarks" / "results" / "accuracy_holdout10.md"
RESULTS_HOLDOUT11 = ROOT / "benchmarks" / "results" / "accuracy_holdout11.md"
RESULTS_HOLDOUT12 = ROOT / "benchmarks" / "results" / "accuracy_holdout12.md"
RESULTS_HOLDOUT13 = ROOT / "benchmarks" / "results" / "accuracy_holdout13.md"
RESULTS_HOLDOUT14 = ROOT / "benchmarks" / "results" / "accuracy_holdout14.md"
RESULTS_HOLDOUT15 = ROOT / "benchmarks" / "results" / "accuracy_holdout15.md"
RESULTS_HOLDOUT16 = ROOT / "benchmarks" / "results" / "accuracy_holdout16.md"
RESULTS_HOLDOUT17 = ROOT / "benchmarks" / "results" / "accuracy_holdout17.md"
RESULTS_HOLDOUT18 = ROOT / "benchmarks" / "results" / "accuracy_holdout18.md"
RESULTS_HOLDOUT19 = ROOT / "benchmarks" / "results" / "accuracy_holdout19.md"
RESULTS_HOLDOUT20 = ROOT / "benchmarks" / "results" / "accuracy_holdout20.md"
RESULTS_HOLDOUT21 = ROOT / "benchmarks" / "results" / "accuracy_holdout21.md"
RESULTS_HOLDOUT22 = ROOT / "benchmarks" / "results" / "accuracy_holdout22.md"
RESULTS_HOLDOUT23 = ROOT / "benchmarks" / "results" / "accuracy_holdout23.md"
RESULTS_HOLDOUT24 = ROOT / "benchmarks" / "results" / "accuracy_holdout24.md"
RESULTS_HOLDOUT25 = ROOT / "benchmarks" / "results" / "accuracy_holdout25.md"
RESULTS_HOLDOUT26 = ROOT / "benchmarks" / "results" / "accuracy_holdout26.md"
RESULTS_HOLDOUT27 = ROOT / "benchmarks" / "results" / "accuracy_holdout27.md"
RESULTS_HOLDOUT28 = ROOT / "benchmarks" / "results" / "accuracy_holdout28.md"
RESULTS_HOLDOUT29 = ROOT / "benchmarks" / "results" / "accuracy_holdout29.md"
RESULTS_HOLDOUT30 = ROOT / "benchmarks" / "results" / "accuracy_holdout30.md"
RESULTS_HOLDOUT31 = ROOT / "benchmarks" / "results" / "accuracy_holdout31.md"
RESULTS_HOLDOUT32 = ROOT / "benchmarks" / "results" / "accuracy_holdout32.md"
RESULTS_HOLDOUT33 = ROOT / "benchmarks" / "results" / "accuracy_holdout33.md"
RESULTS_HOLDOUT34 = ROOT / "benchmarks" / "results" / "accuracy_holdout34.md"
RESULTS_HOLDOUT35 = ROOT / "benchmarks" / "results" / "accuracy_holdout35.md"
RESULTS_HOLDOUT36 = ROOT / "benchmarks" / "results" / "accuracy_holdout36.md"
RESULTS_HOLDOUT37 = ROOT / "benchmarks" / "results" / "accuracy_holdout37.md"
RESULTS_HOLDOUT38 = ROOT / "benchmarks" / "results" / "accuracy_holdout38.md"
RESULTS_HOLDOUT39 = ROOT / "benchmarks" / "results" / "accuracy_holdout39.md"
RESULTS_HOLDOUT40 = ROOT / "benchmarks" / "results" / "accuracy_holdout40.md"
RESULTS_HOLDOUT41 = ROOT / "benchmarks" / "results" / "accuracy_holdout41.md"
RESULTS_HOLDOUT42 = ROOT / "benchmarks" / "results" / "accuracy_holdout42.md"
RESULTS_HOLDOUT43 = ROOT / "benchmarks" / "results" / "accuracy_holdout43.md"
RESULTS_HOLDOUT44 = ROOT / "benchmarks" / "results" / "accuracy_holdout44.md"
RESULTS_HOLDOUT45 = ROOT / "benchmarks" / "results" / "accuracy_holdout45.md"
RESULTS_HOLDOUT46 = ROOT / "benchmarks" / "results" / "accuracy_holdout46.md"
RESULTS_HOLDOUT47 = ROOT / "benchmarks" / "results" / "accuracy_holdout47.md"
RESULTS_HOLDOUT48 = ROOT / "benchmarks" / "results" / "accuracy_holdout48.md"
RESULTS_HOLDOUT49 = ROOT / "benchmarks" / "results" / "accuracy_holdout49.md"
RESULTS_HOLDOUT50 = ROOT / "benchmarks" / "results" / "accuracy_holdout50.md"
RESULTS_HOLDOUT51 = ROOT / "benchmarks" / "results" / "accuracy_holdout51.md"
RESULTS_HOLDOUT52 = ROOT / "benchmarks" / "results" / "accuracy_holdout52.md"
RESULTS_HOLDOUT53 = ROOT / "benchmarks" / "results" / "accuracy_holdout53.md"
RESULTS_HOLDOUT54 = ROOT / "benchmarks" / "results" / "accuracy_holdout54.md"
RESULTS_HOLDOUT55 = ROOT / "benchmarks" / "results" / "accuracy_holdout55.md"
RESULTS_HOLDOUT56 = ROOT / "benchmarks" / "results" / "accuracy_holdout56.md"
RESULTS_HOLDOUT57 = ROOT / "benchmarks" / "results" / "accuracy_holdout57.md"
RESULTS_HOLDOUT58 = ROOT / "benchmarks" / "results" / "accuracy_holdout58.md"
RESULTS_HOLDOUT59 = ROOT / "benchmarks" / "results" / "accuracy_holdout59.md"
RESULTS_HOLDOUT60 = ROOT / "benchmarks" / "results" / "accuracy_holdout60.md"
RESULTS_HOLDOUT61 = ROOT / "benchmarks" / "results" / "accuracy_holdout61.md"
RESULTS_HOLDOUT62 = ROOT / "benchmarks" / "results" / "accuracy_holdout62.md"
RESULTS_HOLDOUT63 = ROOT / "benchmarks" / "results" / "accuracy_holdout63.md"
RESULTS_HOLDOUT64 = ROOT / "benchmarks" / "results" / "accuracy_holdout64.md"
RESULTS_HOLDOUT65 = ROOT / "benchmarks" / "results" / "accuracy_holdout65.md"
RESULTS_HOLDOUT66 = ROOT / "benchmarks" / "results" / "accuracy_holdout66.md"
RESULTS_HOLDOUT67 = ROOT / "benchmarks" / "results" / "accuracy_holdout67.md"
RESULTS_HOLDOUT68 = ROOT / "benchmarks" / "results" / "accuracy_holdout68.md"
RESULTS_HOLDOUT69 = ROOT / "benchmarks" / "results" / "accuracy_holdout69.md"
RESULTS_HOLDOUT70 = ROOT / "benchmarks" / "results" / "accuracy_holdout70.md"
RESULTS_HOLDOUT71 = ROOT / "benchmarks" / "results" / "accuracy_holdout71.md"
RESULTS_HOLDOUT72 = ROOT / "benchmarks" / "results" / "accuracy_holdout72.md"
RESULTS_HOLDOUT73 = ROOT / "benchmarks" / "results" / "accuracy_holdout73.md"
RESULTS_HOLDOUT74 = ROOT / "benchmarks" / "results" / "accuracy_holdout74.md"
RESULTS_HOLDOUT75 = ROOT / "benchmarks" / "results" / "accuracy_holdout75.md"
RESULTS_HOLDOUT76 = ROOT / "benchmarks" / "results" / "accuracy_holdout76.md"
RESULTS_HOLDOUT77 = ROOT / "benchmarks" / "results" / "accuracy_holdout77.md"
RESULTS_HOLDOUT78 = ROOT / "benchmarks" / "results" / "accuracy_holdout78.md"
RESULTS_HOLDOUT79 = ROOT / "benchmarks" / "results" / "accuracy_holdout79.md"
RESULTS_HOLDOUT80 = ROOT / "benchmarks" / "results" / "accuracy_holdout80.md"
RESULTS_HOLDOUT81 = ROOT / "benchmarks" / "results" / "accuracy_holdout81.md"
RESULTS_HOLDOUT82 = ROOT / "benchmarks" / "results" / "accuracy_holdout82.md"
RESULTS_HOLDOUT83 = ROOT / "benchmarks" / "results" / "accuracy_holdout83.md"
RESULTS_HOLDOUT84 = ROOT / "benchmarks" / "results" / "accuracy_holdout84.md"
RESULTS_HOLDOUT85 = ROOT / "benchmarks" / "results" / "accuracy_holdout85.md"
RESULTS_HOLDOUT86 = ROOT / "benchmarks" / "results" / "accuracy_holdout86.md"
RESULTS_HOLDOUT87 = ROOT / "benchmarks" / "results" / "accuracy_holdout87.md"
RESULTS_HOLDOUT88 = ROOT / "benchmarks" / "results" / "accuracy_holdout88.md"
RESULTS_HOLDOUT89 = ROOT / "benchmarks" / "results" / "accuracy_holdout89.md"
RESULTS_HOLDOUT90 = ROOT / "benchmarks" / "results" / "accuracy_holdout90.md"
RESULTS_HOLDOUT91 = ROOT / "benchmarks" / "results" / "accuracy_holdout91.md"
RESULTS_HOLDOUT92 = ROOT / "benchmarks" / "results" / "accuracy_holdout92.md"
RESULTS_HOLDOUT93 = ROOT / "benchmarks" / "results" / "accuracy_holdout93.md"
RESULTS_HOLDOUT94 = ROOT / "benchmarks" / "results" / "accuracy_holdout94.md"
RESULTS_HOLDOUT95 = ROOT / "benchmarks" / "results" / "accuracy_holdout95.md"
RESULTS_HOLDOUT96 = ROOT / "benchmarks" / "results" / "accuracy_holdout96.md"
RESULTS_HOLDOUT97 = ROOT / "benchmarks" / "results" / "accuracy_holdout97.md"
RESULTS_HOLDOUT98 = ROOT / "benchmarks" / "results" / "accuracy_holdout98.md"
RESULTS_HOLDOUT99 = ROOT / "benchmarks" / "results" / "accuracy_holdout99.md"
RESULTS_HOLDOUT100 = ROOT / "benchmarks" / "results" / "accuracy_holdout100.md"
RESULTS_HOLDOUT101 = ROOT / "benchmarks" / "results" / "accuracy_holdout101.md"
RESULTS_HOLDOUT102 = ROOT / "benchmarks" / "results" / "accuracy_holdout102.md"
RESULTS_HOLDOUT103 = ROOT / "benchmarks" / "results" / "accuracy_holdout103.md"
RESULTS_HOLDOUT104 = ROOT / "benchmarks" / "results" / "accuracy_holdout104.md"
RESULTS_HOLDOUT105 = ROOT / "benchmarks" / "results" / "accuracy_holdout105.md"
RESULTS_HOLDOUT106 = ROOT / "benchmarks" / "results" / "accuracy_holdout106.md"
RESULTS_HOLDOUT107 = ROOT / "benchmarks" / "results" / "accuracy_holdout107.md"
RESULTS_HOLDOUT108 = ROOT / "benchmarks" / "results" / "accuracy_holdout108.md"
RESULTS_HOLDOUT109 = ROOT / "benchmarks" / "results" / "accuracy_holdout109.md"
RESULTS_HOLDOUT110 = ROOT / "benchmarks" / "results" / "accuracy_holdout110.md"
RESULTS_HOLDOUT111 = ROOT / "benchmarks" / "results" / "accuracy_holdout111.md"
RESULTS_HOLDOUT112 = ROOT / "benchmarks" / "results" / "accuracy_holdout112.md"
RESULTS_HOLDOUT113 = ROOT / "benchmarks" / "results" / "accuracy_holdout113.md"
RESULTS_HOLDOUT114 = ROOT / "benchmarks" / "results" / "accuracy_holdout114.md"
RESULTS_HOLDOUT115 = ROOT / "benchmarks" / "results" / "accuracy_holdout115.md"
RESULTS_HOLDOUT116 = ROOT / "benchmarks" / "results" / "accuracy_holdout116.md"
RESULTS_HOLDOUT117 = ROOT / "benchmarks" / "results" / "accuracy_holdout117.md"
RESULTS_HOLDOUT118 = ROOT / "benchmarks" / "results" / "accuracy_holdout118.md"
RESULTS_HOLDOUT119 = ROOT / "benchmarks" / "results" / "accuracy_holdout119.md"
RESULTS_HOLDOUT120 = ROOT / "benchmarks" / "results" / "accuracy_holdout120.md"
RESULTS_HOLDOUT121 = ROOT / "benchmarks" / "results" / "accuracy_holdout121.md"
RESULTS_HOLDOUT122 = ROOT / "benchmarks" / "results" / "accuracy_holdout122.md"
RESULTS_HOLDOUT123 = ROOT / "benchmarks" / "results" / "accuracy_holdout123.md"
RESULTS_HOLDOUT124 = ROOT / "benchmarks" / "results" / "accuracy_holdout124.md"
RESULTS_HOLDOUT125 = ROOT / "benchmarks" / "results" / "accuracy_holdout125.md"
RESULTS_HOLDOUT126 = ROOT / "benchmarks" / "results" / "accuracy_holdout126.md"
RESULTS_HOLDOUT127 = ROOT / "benchmarks" / "results" / "accuracy_holdout127.md"
RESULTS_HOLDOUT128 = ROOT / "benchmarks" / "results" / "accuracy_holdout128.md"
RESULTS_HOLDOUT129 = ROOT / "benchmarks" / "results" / "accuracy_holdout129.md"
RESULTS_HOLDOUT130 = ROOT / "benchmarks" / "results" / "accuracy_holdout130.md"
RESULTS_HOLDOUT131 = ROOT / "benchmarks" / "results" / "accuracy_holdout131.md"
RESULTS_HOLDOUT132 = ROOT / "benchmarks" / "results" / "accuracy_holdout132.md"
RESULTS_HOLDOUT133 = ROOT / "benchmarks" / "results" / "accuracy_holdout133.md"
RESULTS_HOLDOUT134 = ROOT / "benchmarks" / "results" / "accuracy_holdout134.md"
RESULTS_HOLDOUT135 = ROOT / "benchmarks" / "results" / "accuracy_holdout135.md"
RESULTS_HOLDOUT136 = ROOT / "benchmarks" / "results" / "accuracy_holdout136.md"
RESULTS_HOLDOUT137 = ROOT / "benchmarks" / "results" / "accuracy_holdout137.md"
RESULTS_HOLDOUT138 = ROOT / "benchmarks" / "results" / "accuracy_holdout138.md"
RESULTS_HOLDOUT139 = ROOT / "benchmarks" / "results" / "accuracy_holdout139.md"
RESULTS_HOLDOUT140 = ROOT / "benchmarks" / "results" / "accuracy_holdout140.md"
RESULTS_HOLDOUT141 = ROOT / "benchmarks" / "results" / "accuracy_holdout141.md"
RESULTS_HOLDOUT142 = ROOT / "benchmarks" / "results" / "accuracy_holdout142.md"
RESULTS_HOLDOUT143 = ROOT / "benchmarks" / "results" / "accuracy_holdout143.md"
RESULTS_HOLDOUT144 = ROOT / "benchmarks" / "results" / "accuracy_holdout144.md"
RESULTS_HOLDOUT145 = ROOT / "benchmarks" / "results" / "accuracy_holdout145.md"
RESULTS_HOLDOUT146 = ROOT / "benchmarks" / "results" / "accuracy_holdout146.md"
RESULTS_HOLDOUT147 = ROOT / "benchmarks" / "results" / "accuracy_holdout147.md"
RESULTS_HOLDOUT148 = ROOT / "benchmarks" / "results" / "accuracy_holdout148.md"
RESULTS_HOLDOUT149 = ROOT / "benchmarks" / "results" / "accuracy_holdout149.md"
RESULTS_HOLDOUT150 = ROOT / "benchmarks" / "results" / "accuracy_holdout150.md"
RESULTS_HOLDOUT151 = ROOT / "benchmarks" / "results" / "accuracy_holdout151.md"
RESULTS_HOLDOUT152 = ROOT / "benchmarks" / "results" / "accuracy_holdout152.md"
RESULTS_HOLDOUT153 = ROOT / "benchmarks" / "results" / "accuracy_holdout153.md"
RESULTS_HOLDOUT154 = ROOT / "benchmarks" / "results" / "accuracy_holdout154.md"
RESULTS_HOLDOUT155 = ROOT / "benchmarks" / "results" / "accuracy_holdout155.md"
RESULTS_HOLDOUT156 = ROOT / "benchmarks" / "results" / "accuracy_holdout156.md"
RESULTS_HOLDOUT157 = ROOT / "benchmarks" / "results" / "accuracy_holdout157.md"
RESULTS_HOLDOUT158 = ROOT / "benchmarks" / "results" / "accuracy_holdout158.md"
RESULTS_HOLDOUT159 = ROOT / "benchmarks" / "results" / "accuracy_holdout159.md"
RESULTS_HOLDOUT160 = ROOT / "benchmarks" / "results" / "accuracy_holdout160.md"
RESULTS_HOLDOUT161 = ROOT / "benchmarks" / "results" / "accuracy_holdout161.md"
RESULTS_HOLDOUT162 = ROOT / "benchmarks" / "results" / "accuracy_holdout162.md"
RESULTS_HOLDOUT163 = ROOT / "benchmarks" / "results" / "accuracy_holdout163.md"
RESULTS_HOLDOUT164 = ROOT / "benchmarks" / "results" / "accuracy_holdout164.md"
RESULTS_HOLDOUT165 = ROOT / "benchmarks" / "results" / "accuracy_holdout165.md"
RESULTS_HOLDOUT166 = ROOT / "benchmarks" / "results" / "accuracy_holdout166.md"
RESULTS_HOLDOUT167 = ROOT / "benchmarks" / "results" / "accuracy_holdout167.md"
RESULTS_HOLDOUT168 = ROOT / "benchmarks" / "results" / "accuracy_holdout168.md"
RESULTS_HOLDOUT169 = ROOT / "benchmarks" / "results" / "accuracy_holdout169.md"
RESULTS_HOLDOUT170 = ROOT / "benchmarks" / "results" / "accuracy_holdout170.md"
RESULTS_HOLDOUT171 = ROOT / "benchmarks" / "results" / "accuracy_holdout171.md"
RESULTS_HOLDOUT172 = ROOT / "benchmarks" / "results" / "accuracy_holdout172.md"
RESULTS_HOLDOUT173 = ROOT / "benchmarks" / "results" / "accuracy_holdout173.md"
RESULTS_HOLDOUT174 = ROOT / "benchmarks" / "results" / "accuracy_holdout174.md"
RESULTS_HOLDOUT175 = ROOT / "benchmarks" / "results" / "accuracy_holdout175.md"
RESULTS_HOLDOUT176 = ROOT / "benchmarks" / "results" / "accuracy_holdout176.md"
RESULTS_HOLDOUT177 = ROOT / "benchmarks" / "results" / "accuracy_holdout177.md"
RESULTS_HOLDOUT178 = ROOT / "benchmarks" / "results" / "accuracy_holdout178.md"
RESULTS_HOLDOUT179 = ROOT / "benchmarks" / "results" / "accuracy_holdout179.md"
RESULTS_HOLDOUT180 = ROOT / "benchmarks" / "results" / "accuracy_holdout180.md"
RESULTS_HOLDOUT181 = ROOT / "benchmarks" / "results" / "accuracy_holdout181.md"
RESULTS_HOLDOUT182 = ROOT / "benchmarks" / "results" / "accuracy_holdout182.md"
RESULTS_HOLDOUT183 = ROOT / "benchmarks" / "results" / "accuracy_holdout183.md"
RESULTS_HOLDOUT184 = ROOT / "benchmarks" / "results" / "accuracy_holdout184.md"
RESULTS_HOLDOUT185 = ROOT / "benchmarks" / "results" / "accuracy_holdout185.md"
RESULTS_HOLDOUT186 = ROOT / "benchmarks" / "results" / "accuracy_holdout186.md"
RESULTS_HOLDOUT187 = ROOT / "benchmarks" / "results" / "accuracy_holdout187.md"
RESULTS_HOLDOUT188 = ROOT / "benchmarks" / "results" / "accuracy_holdout188.md"
RESULTS_HOLDOUT189 = ROOT / "benchmarks" / "results" / "accuracy_holdout189.md"
RESULTS_HOLDOUT190 = ROOT / "benchmarks" / "results" / "accuracy_holdout190.md"
RESULTS_HOLDOUT191 = ROOT / "benchmarks" / "results" / "accuracy_holdout191.md"
RESULTS_HOLDOUT192 = ROOT / "benchmarks" / "results" / "accuracy_holdout192.md"
RESULTS_HOLDOUT193 = ROOT / "benchmarks" / "results" / "accuracy_holdout193.md"
RESULTS_HOLDOUT194 = ROOT / "benchmarks" / "results" / "accuracy_holdout194.md"
RESULTS_HOLDOUT195 = ROOT / "benchmarks" / "results" / "accuracy_holdout195.md"
RESULTS_HOLDOUT196 = ROOT / "benchmarks" / "results" / "accuracy_holdout196.md"
RESULTS_HOLDOUT197 = ROOT / "benchmarks" / "results" / "accuracy_holdout197.md"
RESULTS_HOLDOUT198 = ROOT / "benchmarks" / "results" / "accuracy_holdout198.md"
RESULTS_HOLDOUT199 = ROOT / "benchmarks" / "results" / "accuracy_holdout199.md"
RESULTS_HOLDOUT200 = ROOT / "benchmarks" / "results" / "accuracy_holdout200.md"
RESULTS_HOLDOUT201 = ROOT / "benchmarks" / "results" / "accuracy_holdout201.md"
RESULTS_HOLDOUT202 = ROOT / "benchmarks" / "results" / "accuracy_holdout202.md"
RESULTS_HOLDOUT203 = ROOT / "benchmarks" / "results" / "accuracy_holdout203.md"
RESULTS_HOLDOUT204 = ROOT / "benchmarks" / "results" / "accuracy_holdout204.md"
RESULTS_HOLDOUT205 = ROOT / "benchmarks" / "results" / "accuracy_holdout205.md"
RESULTS_HOLDOUT206 = ROOT / "benchmarks" / "results" / "accuracy_holdout206.md"
RESULTS_HOLDOUT207 = ROOT / "benchmarks" / "results" / "accuracy_holdout207.md"
RESULTS_HOLDOUT208 = ROOT / "benchmarks" / "results" / "accuracy_holdout208.md"
RESULTS_HOLDOUT209 = ROOT / "benchmarks" / "results" / "accuracy_holdout209.md"
RESULTS_HOLDOUT210 = ROOT / "benchmarks" / "results" / "accuracy_holdout210.md"
RESULTS_HOLDOUT211 = ROOT / "benchmarks" / "results" / "accuracy_holdout211.md"
RESULTS_HOLDOUT212 = ROOT / "benchmarks" / "results" / "accuracy_holdout212.md"
RESULTS_HOLDOUT213 = ROOT / "benchmarks" / "results" / "accuracy_holdout213.md"
RESULTS_HOLDOUT214 = ROOT / "benchmarks" / "results" / "accuracy_holdout214.md"
RESULTS_HOLDOUT215 = ROOT / "benchmarks" / "results" / "accuracy_holdout215.md"
RESULTS_HOLDOUT216 = ROOT / "benchmarks" / "results" / "accuracy_holdout216.md"
RESULTS_HOLDOUT217 = ROOT / "benchmarks" / "results" / "accuracy_holdout217.md"
RESULTS_HOLDOUT218 = ROOT / "benchmarks" / "results" / "accuracy_holdout218.md"
RESULTS_HOLDOUT219 = ROOT / "benchmarks" / "results" / "accuracy_holdout219.md"
RESULTS_HOLDOUT220 = ROOT / "benchmarks" / "results" / "accuracy_holdout220.md"
RESULTS_HOLDOUT221 = ROOT / "benchmarks" / "results" / "accuracy_holdout221.md"
RESULTS_HOLDOUT222 = ROOT / "benchmarks" / "results" / "accuracy_holdout222.md"
RESULTS_HOLDOUT223 = ROOT / "benchmarks" / "results" / "accuracy_holdout223.md"
RESULTS_HOLDOUT224 = ROOT / "benchmarks" / "results" / "accuracy_holdout224.md"
RESULTS_HOLDOUT225 = ROOT / "benchmarks" / "results" / "accuracy_holdout225.md"
RESULTS_HOLDOUT226 = ROOT / "benchmarks" / "results" / "accuracy_holdout226.md"
RESULTS_HOLDOUT227 = ROOT / "benchmarks" / "results" / "accuracy_holdout227.md"
RESULTS_HOLDOUT228 = ROOT / "benchmarks" / "results" / "accuracy_holdout228.md"
RESULTS_HOLDOUT229 = ROOT / "benchmarks" / "results" / "accuracy_holdout229.md"
RESULTS_HOLDOUT230 = ROOT / "benchmarks" / "results" / "accuracy_holdout230.md"
RESULTS_HOLDOUT231 = ROOT / "benchmarks" / "results" / "accuracy_holdout231.md"
RESULTS_HOLDOUT232 = ROOT / "benchmarks" / "results" / "accuracy_holdout232.md"
RESULTS_HOLDOUT233 = ROOT / "benchmarks" / "results" / "accuracy_holdout233.md"
RESULTS_HOLDOUT234 = ROOT / "benchmarks" / "results" / "accuracy_holdout234.md"
RESULTS_HOLDOUT235 = ROOT / "benchmarks" / "results" / "accuracy_holdout235.md"
RESULTS_HOLDOUT236 = ROOT / "benchmarks" / "results" / "accuracy_holdout236.md"
RESULTS_HOLDOUT237 = ROOT / "benchmarks" / "results" / "accuracy_holdout237.md"
RESULTS_HOLDOUT238 = ROOT / "benchmarks" / "results" / "accuracy_holdout238.md"
RESULTS_HOLDOUT239 = ROOT / "benchmarks" / "results" / "accuracy_holdout239.md"
RESULTS_HOLDOUT240 = ROOT / "benchmarks" / "results" / "accuracy_holdout240.md"
RESULTS_HOLDOUT241 = ROOT / "benchmarks" / "results" / "accuracy_holdout241.md"
RESULTS_HOLDOUT242 = ROOT / "benchmarks" / "results" / "accuracy_holdout242.md"
RESULTS_HOLDOUT243 = ROOT / "benchmarks" / "results" / "accuracy_holdout243.md"
RESULTS_HOLDOUT244 = ROOT / "benchmarks" / "results" / "accuracy_holdout244.md"
RESULTS_HOLDOUT245 = ROOT / "benchmarks" / "results" / "accuracy_holdout245.md"
RESULTS_HOLDOUT246 = ROOT / "benchmarks" / "results" / "accuracy_holdout246.md"
RESULTS_BY_CATALOGUE = {"main": RESULTS, "holdout": RESULTS_HOLDOUT, "holdout2": RESULTS_HOLDOUT2,
                        "holdout3": RESULTS_HOLDOUT3, "holdout4": RESULTS_HOLDOUT4,
                        "holdout5": RESULTS_HOLDOUT5, "holdout6": RESULTS_HOLDOUT6,
                        "holdout7": RESULTS_HOLDOUT7,
                        "holdout8": RESULTS_HOLDOUT8,
                        "holdout9": RESULTS_HOLDOUT9,
                        "holdout10": RESULTS_HOLDOUT10,
                        "holdout11": RESULTS_HOLDOUT11,
                        "holdout12": RESULTS_HOLDOUT12,
                        "holdout13": RESULTS_HOLDOUT13,
                        "holdout14": RESULTS_HOLDOUT14,
                        "holdout15": RESULTS_HOLDOUT15,
                        "holdout16": RESULTS_HOLDOUT16,
                        "holdout17": RESULTS_HOLDOUT17,
                        "holdout18": RESULTS_HOLDOUT18,
                        "holdout19": RESULTS_HOLDOUT19,
                        "holdout20": RESULTS_HOLDOUT20,
                        "holdout21": RESULTS_HOLDOUT21,
                        "holdout22": RESULTS_HOLDOUT22,
                        "holdout23": RESULTS_HOLDOUT23,
                        "holdout24": RESULTS_HOLDOUT24,
                        "holdout25": RESULTS_HOLDOUT25,
                        "holdout26": RESULTS_HOLDOUT26,
                        "holdout27": RESULTS_HOLDOUT27,
                        "holdout28": RESULTS_HOLDOUT28,
                        "holdout29": RESULTS_HOLDOUT29,
                        "holdout30": RESULTS_HOLDOUT30,
                        "holdout31": RESULTS_HOLDOUT31,
                        "holdout32": RESULTS_HOLDOUT32,
                        "holdout33": RESULTS_HOLDOUT33,
                        "holdout34": RESULTS_HOLDOUT34,
                        "holdout35": RESULTS_HOLDOUT35,
                        "holdout36": RESULTS_HOLDOUT36,
                        "holdout37": RESULTS_HOLDOUT37,
                        "holdout38": RESULTS_HOLDOUT38,
                        "holdout39": RESULTS_HOLDOUT39,
                        "holdout40": RESULTS_HOLDOUT40,
                        "holdout41": RESULTS_HOLDOUT41,
                        "holdout42": RESULTS_HOLDOUT42,
                        "holdout43": RESULTS_HOLDOUT43,
                        "holdout44": RESULTS_HOLDOUT44,
                        "holdout45": RESULTS_HOLDOUT45,
                        "holdout46": RESULTS_HOLDOUT46,
                        "holdout47": RESULTS_HOLDOUT47,
                        "holdout48": RESULTS_HOLDOUT48,
                        "holdout49": RESULTS_HOLDOUT49,
                        "holdout50": RESULTS_HOLDOUT50,
                        "holdout51": RESULTS_HOLDOUT51,
                        "holdout52": RESULTS_HOLDOUT52,
                        "holdout53": RESULTS_HOLDOUT53,
                        "holdout54": RESULTS_HOLDOUT54,
                        "holdout55": RESULTS_HOLDOUT55,
                        "holdout56": RESULTS_HOLDOUT56,
                        "holdout57": RESULTS_HOLDOUT57,
                        "holdout58": RESULTS_HOLDOUT58,
                        "holdout59": RESULTS_HOLDOUT59,
                        "holdout60": RESULTS_HOLDOUT60,
                        "holdout61": RESULTS_HOLDOUT61,
                        "holdout62": RESULTS_HOLDOUT62,
                        "holdout63": RESULTS_HOLDOUT63,
                        "holdout64": RESULTS_HOLDOUT64,
                        "holdout65": RESULTS_HOLDOUT65,
                        "holdout66": RESULTS_HOLDOUT66,
                        "holdout67": RESULTS_HOLDOUT67,
                        "holdout68": RESULTS_HOLDOUT68,
                        "holdout69": RESULTS_HOLDOUT69,
                        "holdout70": RESULTS_HOLDOUT70,
                        "holdout71": RESULTS_HOLDOUT71,
                        "holdout72": RESULTS_HOLDOUT72,
                        "holdout73": RESULTS_HOLDOUT73,
                        "holdout74": RESULTS_HOLDOUT74,
                        "holdout75": RESULTS_HOLDOUT75,
                        "holdout76": RESULTS_HOLDOUT76,
                        "holdout77": RESULTS_HOLDOUT77,
                        "holdout78": RESULTS_HOLDOUT78,
                        "holdout79": RESULTS_HOLDOUT79,
                        "holdout80": RESULTS_HOLDOUT80,
                        "holdout81": RESULTS_HOLDOUT81,
                        "holdout82": RESULTS_HOLDOUT82,
                        "holdout83": RESULTS_HOLDOUT83,
                        "holdout84": RESULTS_HOLDOUT84,
                        "holdout85": RESULTS_HOLDOUT85,
                        "holdout86": RESULTS_HOLDOUT86,
                        "holdout87": RESULTS_HOLDOUT87,
                        "holdout88": RESULTS_HOLDOUT88,
                        "holdout89": RESULTS_HOLDOUT89,
                        "holdout90": RESULTS_HOLDOUT90,
                        "holdout91": RESULTS_HOLDOUT91,
                        "holdout92": RESULTS_HOLDOUT92,
                        "holdout93": RESULTS_HOLDOUT93,
                        "holdout94": RESULTS_HOLDOUT94,
                        "holdout95": RESULTS_HOLDOUT95,
                        "holdout96": RESULTS_HOLDOUT96,
                        "holdout97": RESULTS_HOLDOUT97,
                        "holdout98": RESULTS_HOLDOUT98,
                        "holdout99": RESULTS_HOLDOUT99,
                        "holdout100": RESULTS_HOLDOUT100,
                        "holdout101": RESULTS_HOLDOUT101,
                        "holdout102": RESULTS_HOLDOUT102,
                        "holdout103": RESULTS_HOLDOUT103,
                        "holdout104": RESULTS_HOLDOUT104,
                        "holdout105": RESULTS_HOLDOUT105,
                        "holdout106": RESULTS_HOLDOUT106,
                        "holdout107": RESULTS_HOLDOUT107,
                        "holdout108": RESULTS_HOLDOUT108,
                        "holdout109": RESULTS_HOLDOUT109,
                        "holdout110": RESULTS_HOLDOUT110,
                        "holdout111": RESULTS_HOLDOUT111,
                        "holdout112": RESULTS_HOLDOUT112,
                        "holdout113": RESULTS_HOLDOUT113,
                        "holdout114": RESULTS_HOLDOUT114,
                        "holdout115": RESULTS_HOLDOUT115,
                        "holdout116": RESULTS_HOLDOUT116,
                        "holdout117": RESULTS_HOLDOUT117,
                        "holdout118": RESULTS_HOLDOUT118,
                        "holdout119": RESULTS_HOLDOUT119,
                        "holdout120": RESULTS_HOLDOUT120,
                        "holdout121": RESULTS_HOLDOUT121,
                        "holdout122": RESULTS_HOLDOUT122,
                        "holdout123": RESULTS_HOLDOUT123,
                        "holdout124": RESULTS_HOLDOUT124,
                        "holdout125": RESULTS_HOLDOUT125,
                        "holdout126": RESULTS_HOLDOUT126,
                        "holdout127": RESULTS_HOLDOUT127,
                        "holdout128": RESULTS_HOLDOUT128,
                        "holdout129": RESULTS_HOLDOUT129,
                        "holdout130": RESULTS_HOLDOUT130,
                        "holdout131": RESULTS_HOLDOUT131,
                        "holdout132": RESULTS_HOLDOUT132,
                        "holdout133": RESULTS_HOLDOUT133,
                        "holdout134": RESULTS_HOLDOUT134,
                        "holdout135": RESULTS_HOLDOUT135,
                        "holdout136": RESULTS_HOLDOUT136,
                        "holdout137": RESULTS_HOLDOUT137,
                        "holdout138": RESULTS_HOLDOUT138,
                        "holdout139": RESULTS_HOLDOUT139,
                        "holdout140": RESULTS_HOLDOUT140,
                        "holdout141": RESULTS_HOLDOUT141,
                        "holdout142": RESULTS_HOLDOUT142,
                        "holdout143": RESULTS_HOLDOUT143,
                        "holdout144": RESULTS_HOLDOUT144,
                        "holdout145": RESULTS_HOLDOUT145,
                        "holdout146": RESULTS_HOLDOUT146,
                        "holdout147": RESULTS_HOLDOUT147,
                        "holdout148": RESULTS_HOLDOUT148,
                        "holdout149": RESULTS_HOLDOUT149,
                        "holdout150": RESULTS_HOLDOUT150,
                        "holdout151": RESULTS_HOLDOUT151,
                        "holdout152": RESULTS_HOLDOUT152,
                        "holdout153": RESULTS_HOLDOUT153,
                        "holdout154": RESULTS_HOLDOUT154,
                        "holdout155": RESULTS_HOLDOUT155,
                        "holdout156": RESULTS_HOLDOUT156,
                        "holdout157": RESULTS_HOLDOUT157,
                        "holdout158": RESULTS_HOLDOUT158,
                        "holdout159": RESULTS_HOLDOUT159,
                        "holdout160": RESULTS_HOLDOUT160,
                        "holdout161": RESULTS_HOLDOUT161,
                        "holdout162": RESULTS_HOLDOUT162,
                        "holdout163": RESULTS_HOLDOUT163,
                        "holdout164": RESULTS_HOLDOUT164,
                        "holdout165": RESULTS_HOLDOUT165,
                        "holdout166": RESULTS_HOLDOUT166,
                        "holdout167": RESULTS_HOLDOUT167,
                        "holdout168": RESULTS_HOLDOUT168,
                        "holdout169": RESULTS_HOLDOUT169,
                        "holdout170": RESULTS_HOLDOUT170,
                        "holdout171": RESULTS_HOLDOUT171,
                        "holdout172": RESULTS_HOLDOUT172,
                        "holdout173": RESULTS_HOLDOUT173,
                        "holdout174": RESULTS_HOLDOUT174,
                        "holdout175": RESULTS_HOLDOUT175,
                        "holdout176": RESULTS_HOLDOUT176,
                        "holdout177": RESULTS_HOLDOUT177,
                        "holdout178": RESULTS_HOLDOUT178,
                        "holdout179": RESULTS_HOLDOUT179,
                        "holdout180": RESULTS_HOLDOUT180,
                        "holdout181": RESULTS_HOLDOUT181,
                        "holdout182": RESULTS_HOLDOUT182,
                        "holdout183": RESULTS_HOLDOUT183,
                        "holdout184": RESULTS_HOLDOUT184,
                        "holdout185": RESULTS_HOLDOUT185,
                        "holdout186": RESULTS_HOLDOUT186,
                        "holdout187": RESULTS_HOLDOUT187,
                        "holdout188": RESULTS_HOLDOUT188,
                        "holdout189": RESULTS_HOLDOUT189,
                        "holdout190": RESULTS_HOLDOUT190,
                        "holdout191": RESULTS_HOLDOUT191,
                        "holdout192": RESULTS_HOLDOUT192,
                        "holdout193": RESULTS_HOLDOUT193,
                        "holdout194": RESULTS_HOLDOUT194,
                        "holdout195": RESULTS_HOLDOUT195,
                        "holdout196": RESULTS_HOLDOUT196,
                        "holdout197": RESULTS_HOLDOUT197,
                        "holdout198": RESULTS_HOLDOUT198,
                        "holdout199": RESULTS_HOLDOUT199,
                        "holdout200": RESULTS_HOLDOUT200,
                        "holdout201": RESULTS_HOLDOUT201,
                        "holdout202": RESULTS_HOLDOUT202,
                        "holdout203": RESULTS_HOLDOUT203,
                        "holdout204": RESULTS_HOLDOUT204,
                        "holdout205": RESULTS_HOLDOUT205,
                        "holdout206": RESULTS_HOLDOUT206,
                        "holdout207": RESULTS_HOLDOUT207,
                        "holdout208": RESULTS_HOLDOUT208,
                        "holdout209": RESULTS_HOLDOUT209,
                        "holdout210": RESULTS_HOLDOUT210,
                        "holdout211": RESULTS_HOLDOUT211,
                        "holdout212": RESULTS_HOLDOUT212,
                        "holdout213": RESULTS_HOLDOUT213,
                        "holdout214": RESULTS_HOLDOUT214,
                        "holdout215": RESULTS_HOLDOUT215,
                        "holdout216": RESULTS_HOLDOUT216,
                        "holdout217": RESULTS_HOLDOUT217,
                        "holdout218": RESULTS_HOLDOUT218,
                        "holdout219": RESULTS_HOLDOUT219,
                        "holdout220": RESULTS_HOLDOUT220,
                        "holdout221": RESULTS_HOLDOUT221,
                        "holdout222": RESULTS_HOLDOUT222,
                        "holdout223": RESULTS_HOLDOUT223,
                        "holdout224": RESULTS_HOLDOUT224,
                        "holdout225": RESULTS_HOLDOUT225,
                        "holdout226": RESULTS_HOLDOUT226,
                        "holdout227": RESULTS_HOLDOUT227,
                        "holdout228": RESULTS_HOLDOUT228,
                        "holdout229": RESULTS_HOLDOUT229,
                        "holdout230": RESULTS_HOLDOUT230,
                        "holdout231": RESULTS_HOLDOUT231,
                        "holdout232": RESULTS_HOLDOUT232,
                        "holdout233": RESULTS_HOLDOUT233,
                        "holdout234": RESULTS_HOLDOUT234,
                        "holdout235": RESULTS_HOLDOUT235,
                        "holdout236": RESULTS_HOLDOUT236,
                        "holdout237": RESULTS_HOLDOUT237,
                        "holdout238": RESULTS_HOLDOUT238,
                        "holdout239": RESULTS_HOLDOUT239,
                        "holdout240": RESULTS_HOLDOUT240,
                        "holdout241": RESULTS_HOLDOUT241,
                        "holdout242": RESULTS_HOLDOUT242,
                        "holdout243": RESULTS_HOLDOUT243,
                        "holdout244": RESULTS_HOLDOUT244,
                        "holdout245": RESULTS_HOLDOUT245,
                        "holdout246": RESULTS_HOLDOUT246}

# The targets the catalogue is scored against (from the issue).
TARGET_TOP1 = 0.90
TARGET_TOP3 = 0.98


def _runner():
    """The catalogues' runner of this script's own tree: demo/ beside benchmarks/ in a
    checkout (an editable install maps tb_plateau.demo to the tree it was installed from,
    which may be another worktree or clone), else the installed tb_plateau.demo."""
    if (ROOT / "demo" / "runner.py").is_file():
        if str(ROOT) not in sys.path[:1]:
            sys.path.insert(0, str(ROOT))
        from demo import runner
        return runner
    from tb_plateau.demo import runner
    return runner


def runner_catalogues():
    """The catalogue names demo/runner.py knows ("main", "holdout", "holdout2")."""
    return _runner().CATALOGUES


def analyze_logdir(logdir, labels):
    """{run: report} for the labelled runs found in logdir."""
    from tb_plateau import analysis
    from tb_plateau.read import reader

    source = reader.open_logdir(logdir)
    reports = {}
    for run in labels:
        try:
            data = reader.read_run(source.provider, source.ctx, source.experiment_id, run)
        except reader.UnknownRunError:
            continue
        reports[run] = analysis.analyze(data)
    return reports


def _label_start(label):
    begins = label.get("stall_begins")
    return 1 if begins in (None, "start") else int(begins)


def score_run(label, report):
    """One row of the per-run table, as a dict."""
    intervals = report.get("intervals") or [] if report else []
    row = {
        "healthy": bool(label.get("healthy")),
        "expected": list(label.get("expected_causes") or []),
        "stall_begins": label.get("stall_begins"),
        "verdict": report.get("verdict") if report else "missing",
        "flagged": bool(intervals),
        "interval": None,
        "causes": [],
        "top1": False,
        "top1_primary": False,
        "top3": False,
        "delay": None,
        "seconds": label.get("seconds"),
    }
    if row["healthy"] or not intervals:
        return row
    start = _label_start(label)
    chosen = next((iv for iv in intervals if iv.get("end_step", 0) >= start), intervals[-1])
    causes = [c["id"] for c in chosen.get("causes") or []]
    row.update(
        interval=chosen,
        causes=causes,
        top1=bool(causes) and causes[0] in row["expected"],
        top1_primary=bool(causes) and causes[0] == row["expected"][0],
        top3=any(c in row["expected"] for c in causes[:3]),
        delay=int(chosen["start_step"]) - start,
    )
    return row


def _pct(n, d):
    return "n/a" if d == 0 else f"{100.0 * n / d:.0f}% ({n}/{d})"


def _mark(ok):
    return "yes" if ok else "**no**"


# The held-out sets written side by side and scored once together, since studied: (ordinal,
# the engine they were scored at, their one-time score, what was written beside them).
STUDIED_BESIDE = {
    "holdout18": ("eighteenth", "d414bcb", "10 of 12 broken runs flagged, 1 false alarm in 12 "
                  "healthy runs, top-1 67%, top-3 67%", "its twin"),
    "holdout19": ("nineteenth", "d414bcb", "8 of 12 broken runs flagged, no false alarm, top-1 "
                  "33%, top-3 42%", "its twin"),
    "holdout20": ("twentieth", "b66ac52", "7 of 12 broken runs flagged, 1 false alarm in 12 "
                  "healthy runs, top-1 33%, top-3 33%", "its twin"),
    "holdout21": ("twenty-first", "b66ac52", "10 of 12 broken runs flagged, no false alarm, "
                  "top-1 67%, top-3 67%", "its twin"),
    "holdout22": ("twenty-second", "the engine of e5a0ed9", "8 of 12 broken runs flagged, no "
                  "false alarm, top-1 67%, top-3 67%", "the two written beside it"),
    "holdout23": ("twenty-third", "the engine of e5a0ed9", "8 of 12 broken runs flagged, 1 "
                  "false alarm in 12 healthy runs, top-1 58%, top-3 67%",
                  "the two written beside it"),
    "holdout24": ("twenty-fourth", "the engine of e5a0ed9", "10 of 12 broken runs flagged, no "
                  "false alarm, top-1 58%, top-3 58%", "the two written beside it"),
    "holdout25": ("twenty-fifth", "the engine of 08a07e2", "10 of 12 broken runs flagged, no "
                  "false alarm, top-1 58%, top-3 58%", "the one written beside it"),
    "holdout26": ("twenty-sixth", "the engine of 08a07e2", "9 of 12 broken runs flagged, no "
                  "false alarm, top-1 75%, top-3 75%", "the one written beside it"),
    "holdout27": ("twenty-seventh", "b09fb7c (the engine of bc34e0d)", "11 of 12 broken runs "
                  "flagged, no false alarm, top-1 75%, top-3 83%", "the one written beside it"),
    "holdout28": ("twenty-eighth", "b09fb7c (the engine of bc34e0d)", "9 of 12 broken runs "
                  "flagged, no false alarm, top-1 50%, top-3 50%", "the one written beside it"),
    "holdout29": ("twenty-ninth", "69007a9", "8 of 12 broken runs flagged, no false alarm, "
                  "top-1 67%, top-3 67%", "the one written beside it"),
    "holdout30": ("thirtieth", "69007a9", "10 of 12 broken runs flagged, no false alarm, "
                  "top-1 50%, top-3 67%", "the one written beside it"),
    "holdout31": ("thirty-first", "673d5d2", "11 of 11 broken runs flagged, no false alarm, "
                  "top-1 82%, top-3 82%", "the one written beside it"),
    "holdout32": ("thirty-second", "673d5d2", "10 of 12 broken runs flagged, no false alarm, "
                  "top-1 58%, top-3 67%", "the one written beside it"),
    "holdout33": ("thirty-third", "ea3b316", "12 of 12 broken runs flagged, no false alarm, "
                  "top-1 100%, top-3 100%", "the one written beside it"),
    "holdout34": ("thirty-fourth", "ea3b316", "10 of 12 broken runs flagged, no false alarm, "
                  "top-1 83%, top-3 83%", "the one written beside it"),
    "holdout35": ("thirty-fifth", "f6e0d4b", "12 of 12 broken runs flagged, no false alarm, "
                  "top-1 92%, top-3 92%", "the one written beside it"),
    "holdout36": ("thirty-sixth", "f6e0d4b", "11 of 12 broken runs flagged, 1 false alarm in "
                  "12 healthy runs, top-1 92%, top-3 92%", "the one written beside it"),
    "holdout37": ("thirty-seventh", "bd68021", "12 of 12 broken runs flagged, no false alarm, "
                  "top-1 92%, top-3 100%", "the one written beside it"),
    "holdout38": ("thirty-eighth", "bd68021", "11 of 11 broken runs flagged, no false alarm, "
                  "top-1 91%, top-3 91%", "the one written beside it"),
    "holdout39": ("thirty-ninth", "155622a", "12 of 12 broken runs flagged, 1 false alarm in "
                  "12 healthy runs, top-1 100%, top-3 100%", "the one written beside it"),
    "holdout40": ("fortieth", "155622a", "12 of 12 broken runs flagged, no false alarm, "
                  "top-1 92%, top-3 100%", "the one written beside it"),
    "holdout41": ("forty-first", "f0c0470", "11 of 12 broken runs flagged, no false alarm, "
                  "top-1 83%, top-3 92%", "the one written beside it"),
    "holdout42": ("forty-second", "f0c0470", "11 of 12 broken runs flagged, no false alarm, "
                  "top-1 75%, top-3 75%", "the one written beside it"),
    "holdout43": ("forty-third", "b12203c", "11 of 11 broken runs flagged, no false alarm, "
                  "top-1 82%, top-3 82%", "the one written beside it"),
    "holdout44": ("forty-fourth", "b12203c", "8 of 9 broken runs flagged, no false alarm, "
                  "top-1 56%, top-3 67%", "the one written beside it"),
    "holdout45": ("forty-fifth", "317cb4d", "11 of 11 broken runs flagged, no false alarm, "
                  "top-1 91%, top-3 100%", "the one written beside it"),
    "holdout46": ("forty-sixth", "317cb4d", "12 of 12 broken runs flagged, no false alarm, "
                  "top-1 92%, top-3 100%", "the one written beside it"),
    "holdout47": ("forty-seventh", "64abc21", "12 of 12 broken runs flagged, no false alarm, "
                  "top-1 100%, top-3 100%", "the one written beside it"),
    "holdout48": ("forty-eighth", "64abc21", "12 of 12 broken runs flagged, no false alarm, "
                  "top-1 100%, top-3 100%", "the one written beside it"),
    "holdout49": ("forty-ninth", "f0b5b75", "12 of 12 broken runs flagged, no false alarm, "
                  "top-1 83%, top-3 83%", "the one written beside it"),
    "holdout50": ("fiftieth", "f0b5b75", "12 of 12 broken runs flagged, no false alarm, "
                  "top-1 75%, top-3 75%", "the one written beside it"),
    "holdout51": ("fifty-first", "90908a1", "11 of 12 broken runs flagged, no false alarm, "
                  "top-1 83%, top-3 92%", "the one written beside it"),
    "holdout52": ("fifty-second", "90908a1", "11 of 11 broken runs flagged, no false alarm, "
                  "top-1 100%, top-3 100%", "the one written beside it"),
    "holdout53": ("fifty-third", "cb9614a", "11 of 12 broken runs flagged, no false alarm, "
                  "top-1 83%, top-3 83%", "the one written beside it"),
    "holdout54": ("fifty-fourth", "cb9614a", "11 of 12 broken runs flagged, no false alarm, "
                  "top-1 92%, top-3 92%", "the one written beside it"),
    "holdout55": ("fifty-fifth", "9c73f1a", "12 of 12 broken runs flagged, 1 false alarm in 12 "
                  "healthy runs, top-1 92%, top-3 92%", "the one written beside it"),
    "holdout56": ("fifty-sixth", "9c73f1a", "11 of 11 broken runs flagged, no false alarm, "
                  "top-1 73%, top-3 73%", "the one written beside it"),
    "holdout57": ("fifty-seventh", "d92caa7", "8 of 10 broken runs flagged, no false alarm, "
                  "top-1 80%, top-3 80%", "the one written beside it"),
    "holdout58": ("fifty-eighth", "d92caa7", "11 of 11 broken runs flagged, no false alarm, "
                  "top-1 100%, top-3 100%", "the one written beside it"),
    "holdout59": ("fifty-ninth", "90daef1", "12 of 12 broken runs flagged, no false alarm, "
                  "top-1 100%, top-3 100%", "the one written beside it"),
    "holdout60": ("sixtieth", "90daef1", "11 of 12 broken runs flagged, no false alarm, "
                  "top-1 75%, top-3 83%", "the one written beside it"),
    "holdout61": ("sixty-first", "a794f7e", "12 of 12 broken runs flagged, 1 false alarm in "
                  "12 healthy runs, top-1 83%, top-3 83%", "the one written beside it"),
    "holdout62": ("sixty-second", "a794f7e", "12 of 12 broken runs flagged, no false alarm, "
                  "top-1 83%, top-3 83%", "the one written beside it"),
    "holdout63": ("sixty-third", "2bd3c72", "12 of 12 broken runs flagged, 1 false alarm in "
                  "12 healthy runs, top-1 92%, top-3 100%", "the one written beside it"),
    "holdout64": ("sixty-fourth", "2bd3c72", "12 of 12 broken runs flagged, no false alarm, "
                  "top-1 100%, top-3 100%", "the one written beside it"),
    "holdout65": ("sixty-fifth", "0e993e4", "12 of 12 broken runs flagged, no false alarm, "
                  "top-1 100%, top-3 100%", "the one written beside it"),
    "holdout66": ("sixty-sixth", "0e993e4", "12 of 12 broken runs flagged, no false alarm, "
                  "top-1 100%, top-3 100%", "the one written beside it"),
    # holdout67 and 68 were written without reading any earlier set, 69 and 70 reading them
    # to choose mistakes not in them (their measured_once files say so).
    "holdout67": ("sixty-seventh", "bca5ba5", "10 of 10 broken runs flagged, no false alarm, "
                  "top-1 100%, top-3 100%", "the one written beside it"),
    "holdout68": ("sixty-eighth", "bca5ba5", "12 of 12 broken runs flagged, 1 false alarm in "
                  "12 healthy runs, top-1 83%, top-3 100%", "the one written beside it"),
    "holdout69": ("sixty-ninth", "bca5ba5", "8 of 8 broken runs flagged, no false alarm, "
                  "top-1 88%, top-3 88%", "the one written beside it"),
    "holdout70": ("seventieth", "bca5ba5", "11 of 12 broken runs flagged, no false alarm, "
                  "top-1 83%, top-3 92%", "the one written beside it"),
    "holdout71": ("seventy-first", "fccc236", "12 of 12 broken runs flagged, no false alarm, top-1 83%, top-3 92%", "the one written beside it"),
    "holdout72": ("seventy-second", "fccc236", "9 of 9 broken runs flagged, no false alarm, top-1 100%, top-3 100%", "the one written beside it"),
    "holdout73": ("seventy-third", "fccc236", "12 of 12 broken runs flagged, no false alarm, top-1 100%, top-3 100%", "the one written beside it"),
    "holdout74": ("seventy-fourth", "fccc236", "12 of 12 broken runs flagged, no false alarm, top-1 83%, top-3 83%", "the one written beside it"),
    "holdout75": ("seventy-fifth", "e01f489", "11 of 11 broken runs flagged, 1 false alarm in 12 healthy runs, top-1 91%, top-3 91%", "the one written beside it"),
    "holdout76": ("seventy-sixth", "e01f489", "12 of 12 broken runs flagged, no false alarm, top-1 92%, top-3 100%", "the one written beside it"),
    "holdout77": ("seventy-seventh", "e01f489", "10 of 11 broken runs flagged, no false alarm, top-1 91%, top-3 91%", "the one written beside it"),
    "holdout78": ("seventy-eighth", "e01f489", "12 of 12 broken runs flagged, 1 false alarm in 12 healthy runs, top-1 92%, top-3 92%", "the one written beside it"),
    "holdout79": ("seventy-ninth", "53b154b", "12 of 12 broken runs flagged, no false alarm, top-1 100%, top-3 100%", "the one written beside it"),
    "holdout80": ("eightieth", "53b154b", "12 of 12 broken runs flagged, no false alarm, top-1 100%, top-3 100%", "the one written beside it"),
    "holdout81": ("eighty-first", "53b154b", "12 of 12 broken runs flagged, no false alarm, top-1 92%, top-3 100%", "the one written beside it"),
    "holdout82": ("eighty-second", "53b154b", "12 of 12 broken runs flagged, no false alarm, top-1 100%, top-3 100%", "the one written beside it"),
    "holdout83": ("eighty-third", "11e262b", "11 of 11 broken runs flagged, 1 false alarm in 12 healthy runs, top-1 91%, top-3 91%", "the one written beside it"),
    "holdout84": ("eighty-fourth", "11e262b", "12 of 12 broken runs flagged, 1 false alarm in 12 healthy runs, top-1 92%, top-3 92%", "the one written beside it"),
    "holdout85": ("eighty-fifth", "11e262b", "10 of 10 broken runs flagged, no false alarm, top-1 90%, top-3 100%", "the one written beside it"),
    "holdout86": ("eighty-sixth", "11e262b", "11 of 12 broken runs flagged, no false alarm, top-1 92%, top-3 92%", "the one written beside it"),
    "holdout87": ("eighty-seventh", "2e5f7f6", "12 of 12 broken runs flagged, no false alarm, top-1 92%, top-3 92%", "the one written beside it"),
    "holdout88": ("eighty-eighth", "2e5f7f6", "11 of 11 broken runs flagged, no false alarm, top-1 100%, top-3 100%", "the one written beside it"),
    "holdout89": ("eighty-ninth", "2e5f7f6", "12 of 12 broken runs flagged, no false alarm, top-1 83%, top-3 83%", "the one written beside it"),
    "holdout90": ("ninetieth", "2e5f7f6", "10 of 10 broken runs flagged, no false alarm, top-1 90%, top-3 100%", "the one written beside it"),
    "holdout91": ("ninety-first", "4813b03 (the engine of 2e5f7f6)", "12 of 12 broken runs flagged, 1 false alarm in 12 healthy runs, top-1 92%, top-3 100%", "the one written beside it"),
    "holdout92": ("ninety-second", "4813b03 (the engine of 2e5f7f6)", "11 of 11 broken runs flagged, no false alarm, top-1 100%, top-3 100%", "the one written beside it"),
    "holdout93": ("ninety-third", "4813b03 (the engine of 2e5f7f6)", "12 of 12 broken runs flagged, no false alarm, top-1 100%, top-3 100%", "the one written beside it"),
    "holdout94": ("ninety-fourth", "4813b03 (the engine of 2e5f7f6)", "10 of 11 broken runs flagged, no false alarm, top-1 91%, top-3 91%", "the one written beside it"),
    "holdout95": ("ninety-fifth", "f5095e2", "12 of 12 broken runs flagged, no false alarm, top-1 75%, top-3 83%", "the one written beside it"),
    "holdout96": ("ninety-sixth", "f5095e2", "12 of 12 broken runs flagged, no false alarm, top-1 100%, top-3 100%", "the one written beside it"),
    "holdout97": ("ninety-seventh", "f5095e2", "12 of 12 broken runs flagged, no false alarm, top-1 83%, top-3 83%", "the one written beside it"),
    "holdout98": ("ninety-eighth", "f5095e2", "11 of 11 broken runs flagged, no false alarm, top-1 82%, top-3 82%", "the one written beside it"),
    "holdout99": ("ninety-ninth", "4bcb4ef", "9 of 9 broken runs flagged, no false alarm, top-1 100%, top-3 100%", "the one written beside it"),
    "holdout100": ("hundredth", "4bcb4ef", "12 of 12 broken runs flagged, no false alarm, top-1 92%, top-3 92%", "the one written beside it"),
    "holdout101": ("hundred-and-first", "4bcb4ef", "12 of 12 broken runs flagged, no false alarm, top-1 92%, top-3 92%", "the one written beside it"),
    "holdout102": ("hundred-and-second", "4bcb4ef", "11 of 12 broken runs flagged, no false alarm, top-1 92%, top-3 92%", "the one written beside it"),
    "holdout103": ("hundred-and-third", "8685c63", "11 of 11 broken runs flagged, no false "
                   "alarm, top-1 91%, top-3 91%", "the one written beside it"),
    "holdout104": ("hundred-and-fourth", "8685c63", "11 of 11 broken runs flagged, no false "
                   "alarm, top-1 100%, top-3 100%", "the one written beside it"),
    "holdout105": ("hundred-and-fifth", "8685c63", "10 of 10 broken runs flagged, no false "
                   "alarm, top-1 90%, top-3 90%", "the one written beside it"),
    "holdout106": ("hundred-and-sixth", "8685c63", "11 of 12 broken runs flagged, no false "
                   "alarm, top-1 92%, top-3 92%", "the one written beside it"),
    "holdout107": ("hundred-and-seventh", "d0d1998", "9 of 10 broken runs flagged, no false alarm, "
                   "top-1 90%, top-3 90%", "the one written beside it"),
    "holdout108": ("hundred-and-eighth", "d0d1998", "9 of 9 broken runs flagged, no false alarm, "
                   "top-1 100%, top-3 100%", "the one written beside it"),
    "holdout109": ("hundred-and-ninth", "d0d1998", "8 of 9 broken runs flagged, no false alarm, "
                   "top-1 89%, top-3 89%", "the one written beside it"),
    "holdout110": ("hundred-and-tenth", "d0d1998", "10 of 11 broken runs flagged, no false alarm, "
                   "top-1 91%, top-3 91%", "the one written beside it"),
    "holdout111": ("hundred-and-eleventh", "77c7354 (the engine of d0d1998)", "12 of 12 broken runs flagged, no false alarm, "
                   "top-1 83%, top-3 92%", "the one written beside it"),
    "holdout112": ("hundred-and-twelfth", "77c7354 (the engine of d0d1998)", "12 of 12 broken runs flagged, no false alarm, "
                   "top-1 83%, top-3 92%", "the one written beside it"),
    "holdout113": ("hundred-and-thirteenth", "77c7354 (the engine of d0d1998)", "11 of 11 broken runs flagged, 1 false alarm in "
                   "12 healthy runs, top-1 91%, top-3 100%", "the one written beside it"),
    "holdout114": ("hundred-and-fourteenth", "77c7354 (the engine of d0d1998)", "11 of 11 broken runs flagged, no false alarm, "
                   "top-1 91%, top-3 100%", "the one written beside it"),
    "holdout115": ("hundred-and-fifteenth", "12803da", "12 of 12 broken runs flagged, no false "
                   "alarm, top-1 92%, top-3 100%", "the one written beside it"),
    "holdout116": ("hundred-and-sixteenth", "12803da", "11 of 12 broken runs flagged, no false "
                   "alarm, top-1 83%, top-3 92%", "the one written beside it"),
    "holdout117": ("hundred-and-seventeenth", "12803da", "9 of 10 broken runs flagged, 3 false "
                   "alarms in 12 healthy runs, top-1 90%, top-3 90%", "the one written beside it"),
    "holdout118": ("hundred-and-eighteenth", "12803da", "12 of 12 broken runs flagged, no false "
                   "alarm, top-1 75%, top-3 92%", "the one written beside it"),
    "holdout119": ("hundred-and-nineteenth", "5eb83db", "12 of 12 broken runs flagged, no false "
                   "alarm, top-1 92%, top-3 100%", "the one written beside it"),
    "holdout120": ("hundred-and-twentieth", "5eb83db", "11 of 12 broken runs flagged, no false "
                   "alarm, top-1 83%, top-3 92%", "the one written beside it"),
    "holdout121": ("hundred-and-twenty-first", "5eb83db", "11 of 12 broken runs flagged, no "
                   "false alarm, top-1 92%, top-3 92%", "the one written beside it"),
    "holdout122": ("hundred-and-twenty-second", "5eb83db", "11 of 12 broken runs flagged, no "
                   "false alarm, top-1 67%, top-3 75%", "the one written beside it"),
    "holdout123": ("hundred-and-twenty-third", "eef8853", "12 of 12 broken runs flagged, no "
                   "false alarm, top-1 100%, top-3 100%", "the one written beside it"),
    "holdout124": ("hundred-and-twenty-fourth", "eef8853", "11 of 11 broken runs flagged, no "
                   "false alarm, top-1 91%, top-3 91%", "the one written beside it"),
    "holdout125": ("hundred-and-twenty-fifth", "eef8853", "9 of 9 broken runs flagged, no "
                   "false alarm, top-1 100%, top-3 100%", "the one written beside it"),
    "holdout126": ("hundred-and-twenty-sixth", "eef8853", "12 of 12 broken runs flagged, no "
                   "false alarm, top-1 92%, top-3 92%", "the one written beside it"),
    "holdout127": ("hundred-and-twenty-seventh", "5705efd", "12 of 12 broken runs flagged, no "
                   "false alarm, top-1 100%, top-3 100%", "the one written beside it"),
    "holdout128": ("hundred-and-twenty-eighth", "5705efd", "11 of 12 broken runs flagged, no "
                   "false alarm, top-1 92%, top-3 92%", "the one written beside it"),
    "holdout129": ("hundred-and-twenty-ninth", "5705efd", "10 of 11 broken runs flagged, no "
                   "false alarm, top-1 91%, top-3 91%", "the one written beside it"),
    "holdout130": ("hundred-and-thirtieth", "5705efd", "10 of 12 broken runs flagged, no "
                   "false alarm, top-1 58%, top-3 58%", "the one written beside it"),
    "holdout131": ("hundred-and-thirty-first", "a5bf9b7", "12 of 12 broken runs flagged, 1 "
                   "false alarm, top-1 100%, top-3 100%", "the one written beside it"),
    "holdout132": ("hundred-and-thirty-second", "a5bf9b7", "10 of 12 broken runs flagged, no "
                   "false alarm, top-1 83%, top-3 83%", "the one written beside it"),
    "holdout133": ("hundred-and-thirty-third", "a5bf9b7", "12 of 12 broken runs flagged, no "
                   "false alarm, top-1 83%, top-3 83%", "the one written beside it"),
    "holdout134": ("hundred-and-thirty-fourth", "a5bf9b7", "11 of 12 broken runs flagged, no "
                   "false alarm, top-1 92%, top-3 92%", "the one written beside it"),
    "holdout135": ("hundred-and-thirty-fifth", "9eb6d69", "12 of 12 broken runs flagged, no "
                   "false alarm, top-1 92%, top-3 92%", "the one written beside it"),
    "holdout136": ("hundred-and-thirty-sixth", "9eb6d69", "12 of 12 broken runs flagged, no "
                   "false alarm, top-1 100%, top-3 100%", "the one written beside it"),
    "holdout137": ("hundred-and-thirty-seventh", "9eb6d69", "11 of 12 broken runs flagged, no "
                   "false alarm, top-1 92%, top-3 92%", "the one written beside it"),
    "holdout138": ("hundred-and-thirty-eighth", "9eb6d69", "11 of 11 broken runs flagged, no "
                   "false alarm, top-1 100%, top-3 100%", "the one written beside it"),
    "holdout139": ("hundred-and-thirty-ninth", "ff4aab2", "12 of 12 broken runs flagged, no "
                   "false alarm, top-1 100%, top-3 100%", "the one written beside it"),
    "holdout140": ("hundred-and-fortieth", "ff4aab2", "12 of 12 broken runs flagged, no "
                   "false alarm, top-1 92%, top-3 92%", "the one written beside it"),
    "holdout141": ("hundred-and-forty-first", "ff4aab2", "12 of 12 broken runs flagged, no "
                   "false alarm, top-1 100%, top-3 100%", "the one written beside it"),
    "holdout142": ("hundred-and-forty-second", "ff4aab2", "12 of 12 broken runs flagged, no "
                   "false alarm, top-1 100%, top-3 100%", "the one written beside it"),
    "holdout143": ("hundred-and-forty-third", "c4c9130", "12 of 12 broken runs flagged, no "
                   "false alarm, top-1 100%, top-3 100%", "the one written beside it"),
    "holdout144": ("hundred-and-forty-fourth", "c4c9130", "12 of 12 broken runs flagged, no "
                   "false alarm, top-1 100%, top-3 100%", "the one written beside it"),
    "holdout145": ("hundred-and-forty-fifth", "c4c9130", "12 of 12 broken runs flagged, no "
                   "false alarm, top-1 100%, top-3 100%", "the one written beside it"),
    "holdout146": ("hundred-and-forty-sixth", "c4c9130", "12 of 12 broken runs flagged, no "
                   "false alarm, top-1 100%, top-3 100%", "the one written beside it"),
    "holdout147": ("hundred-and-forty-seventh", "707bc19 (the engine of c4c9130)", "12 of 12 "
                   "broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout148": ("hundred-and-forty-eighth", "707bc19 (the engine of c4c9130)", "12 of 12 "
                   "broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout149": ("hundred-and-forty-ninth", "707bc19 (the engine of c4c9130)", "12 of 12 "
                   "broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout150": ("hundred-and-fiftieth", "707bc19 (the engine of c4c9130)", "10 of 10 "
                   "broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout151": ("hundred-and-fifty-first", "ccae3fb (the engine of c4c9130)", "10 of 11 broken runs flagged, no false alarm, top-1 91%, top-3 91%",
                   "the one written beside it"),
    "holdout152": ("hundred-and-fifty-second", "ccae3fb (the engine of c4c9130)", "12 of 12 broken runs flagged, no false alarm, top-1 92%, top-3 92%",
                   "the one written beside it"),
    "holdout153": ("hundred-and-fifty-third", "ccae3fb (the engine of c4c9130)", "12 of 12 broken runs flagged, no false alarm, top-1 92%, top-3 92%",
                   "the one written beside it"),
    "holdout154": ("hundred-and-fifty-fourth", "ccae3fb (the engine of c4c9130)", "12 of 12 broken runs flagged, no false alarm, top-1 92%, top-3 92%",
                   "the one written beside it"),
    "holdout155": ("hundred-and-fifty-fifth", "f8234bb (the engine of f8234bb)",
                   "12 of 12 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout156": ("hundred-and-fifty-sixth", "f8234bb (the engine of f8234bb)",
                   "12 of 12 broken runs flagged, no false alarm, top-1 92%, top-3 92%",
                   "the one written beside it"),
    "holdout157": ("hundred-and-fifty-seventh", "f8234bb (the engine of f8234bb)",
                   "12 of 12 broken runs flagged, no false alarm, top-1 83%, top-3 83%",
                   "the one written beside it"),
    "holdout158": ("hundred-and-fifty-eighth", "f8234bb (the engine of f8234bb)",
                   "11 of 11 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout159": ("hundred-and-fifty-ninth", "4f360ff (the engine of 4f360ff)",
                   "12 of 12 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout160": ("hundred-and-sixtieth", "4f360ff (the engine of 4f360ff)",
                   "12 of 12 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout161": ("hundred-and-sixty-first", "4f360ff (the engine of 4f360ff)",
                   "10 of 11 broken runs flagged, no false alarm, top-1 91%, top-3 91%",
                   "the one written beside it"),
    "holdout162": ("hundred-and-sixty-second", "4f360ff (the engine of 4f360ff)",
                   "11 of 12 broken runs flagged, no false alarm, top-1 75%, top-3 75%",
                   "the one written beside it"),
    "holdout163": ("hundred-and-sixty-third", "f9358b0 (the engine of f9358b0)",
                   "12 of 12 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout164": ("hundred-and-sixty-fourth", "f9358b0 (the engine of f9358b0)",
                   "11 of 12 broken runs flagged, no false alarm, top-1 92%, top-3 92%",
                   "the one written beside it"),
    "holdout165": ("hundred-and-sixty-fifth", "f9358b0 (the engine of f9358b0)",
                   "12 of 12 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout166": ("hundred-and-sixty-sixth", "f9358b0 (the engine of f9358b0)",
                   "11 of 12 broken runs flagged, no false alarm, top-1 92%, top-3 92%",
                   "the one written beside it"),
    "holdout167": ("hundred-and-sixty-seventh", "97ee818 (the engine of f9358b0)",
                   "12 of 12 broken runs flagged, no false alarm, top-1 92%, top-3 92%",
                   "the one written beside it"),
    "holdout168": ("hundred-and-sixty-eighth", "97ee818 (the engine of f9358b0)",
                   "12 of 12 broken runs flagged, no false alarm, top-1 92%, top-3 92%",
                   "the one written beside it"),
    "holdout169": ("hundred-and-sixty-ninth", "97ee818 (the engine of f9358b0)",
                   "11 of 12 broken runs flagged, no false alarm, top-1 92%, top-3 92%",
                   "the one written beside it"),
    "holdout170": ("hundred-and-seventieth", "97ee818 (the engine of f9358b0)",
                   "11 of 12 broken runs flagged, no false alarm, top-1 92%, top-3 92%",
                   "the one written beside it"),
    "holdout171": ("hundred-and-seventy-first", "ece0b0a (the engine of ece0b0a)",
                   "12 of 12 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout172": ("hundred-and-seventy-second", "ece0b0a (the engine of ece0b0a)",
                   "12 of 12 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout173": ("hundred-and-seventy-third", "ece0b0a (the engine of ece0b0a)",
                   "12 of 12 broken runs flagged, no false alarm, top-1 92%, top-3 92%",
                   "the one written beside it"),
    "holdout174": ("hundred-and-seventy-fourth", "ece0b0a (the engine of ece0b0a)",
                   "10 of 12 broken runs flagged, no false alarm, top-1 83%, top-3 83%",
                   "the one written beside it"),
    "holdout175": ("hundred-and-seventy-fifth", "f14ec9b (the engine of f14ec9b)",
                   "12 of 12 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout176": ("hundred-and-seventy-sixth", "f14ec9b (the engine of f14ec9b)",
                   "12 of 12 broken runs flagged, no false alarm, top-1 92%, top-3 92%",
                   "the one written beside it"),
    "holdout177": ("hundred-and-seventy-seventh", "f14ec9b (the engine of f14ec9b)",
                   "11 of 11 broken runs flagged, no false alarm, top-1 91%, top-3 91%",
                   "the one written beside it"),
    "holdout178": ("hundred-and-seventy-eighth", "f14ec9b (the engine of f14ec9b)",
                   "10 of 11 broken runs flagged, no false alarm, top-1 91%, top-3 91%",
                   "the one written beside it"),
    "holdout179": ("hundred-and-seventy-ninth", "7f829da (the engine of 7f829da)",
                   "11 of 11 broken runs flagged, no false alarm, top-1 91%, top-3 91%",
                   "the one written beside it"),
    "holdout180": ("hundred-and-eightieth", "7f829da (the engine of 7f829da)",
                   "11 of 12 broken runs flagged, no false alarm, top-1 92%, top-3 92%",
                   "the one written beside it"),
    "holdout181": ("hundred-and-eighty-first", "7f829da (the engine of 7f829da)",
                   "11 of 12 broken runs flagged, no false alarm, top-1 83%, top-3 83%",
                   "the one written beside it"),
    "holdout182": ("hundred-and-eighty-second", "7f829da (the engine of 7f829da)",
                   "11 of 11 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout183": ("hundred-and-eighty-third", "ec0fd5f (the engine of 7f829da)",
                   "9 of 9 broken runs flagged, 1 false alarm in 12 healthy runs, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout184": ("hundred-and-eighty-fourth", "ec0fd5f (the engine of 7f829da)",
                   "12 of 12 broken runs flagged, 1 false alarm in 12 healthy runs, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout185": ("hundred-and-eighty-fifth", "ec0fd5f (the engine of 7f829da)",
                   "8 of 8 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout186": ("hundred-and-eighty-sixth", "ec0fd5f (the engine of 7f829da)",
                   "6 of 6 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout187": ("hundred-and-eighty-seventh", "f7dc725 (the engine of f7dc725)",
                   "12 of 12 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout188": ("hundred-and-eighty-eighth", "f7dc725 (the engine of f7dc725)",
                   "11 of 11 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout189": ("hundred-and-eighty-ninth", "f7dc725 (the engine of f7dc725)",
                   "11 of 12 broken runs flagged, no false alarm, top-1 92%, top-3 92%",
                   "the one written beside it"),
    "holdout190": ("hundred-and-ninetieth", "f7dc725 (the engine of f7dc725)",
                   "9 of 9 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout191": ("hundred-and-ninety-first", "becff12 (the engine of becff12)",
                   "11 of 11 broken runs flagged, no false alarm, top-1 91%, top-3 91%",
                   "the one written beside it"),
    "holdout192": ("hundred-and-ninety-second", "becff12 (the engine of becff12)",
                   "10 of 11 broken runs flagged, no false alarm, top-1 91%, top-3 91%",
                   "the one written beside it"),
    "holdout193": ("hundred-and-ninety-third", "becff12 (the engine of becff12)",
                   "7 of 7 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout194": ("hundred-and-ninety-fourth", "becff12 (the engine of becff12)",
                   "12 of 12 broken runs flagged, no false alarm, top-1 75%, top-3 75%",
                   "the one written beside it"),
    "holdout195": ("hundred-and-ninety-fifth", "c6ab791 (the engine of c6ab791)",
                   "10 of 10 broken runs flagged, 1 false alarm in 12 healthy runs, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout196": ("hundred-and-ninety-sixth", "c6ab791 (the engine of c6ab791)",
                   "11 of 11 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout197": ("hundred-and-ninety-seventh", "c6ab791 (the engine of c6ab791)",
                   "6 of 6 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout198": ("hundred-and-ninety-eighth", "c6ab791 (the engine of c6ab791)",
                   "10 of 12 broken runs flagged, no false alarm, top-1 83%, top-3 83%",
                   "the one written beside it"),
    "holdout199": ("hundred-and-ninety-ninth", "ac6a3ce (the engine of c6ab791)",
                   "11 of 12 broken runs flagged, no false alarm, top-1 92%, top-3 92%",
                   "the one written beside it"),
    "holdout200": ("two-hundredth", "ac6a3ce (the engine of c6ab791)",
                   "10 of 11 broken runs flagged, no false alarm, top-1 91%, top-3 91%",
                   "the one written beside it"),
    "holdout201": ("two-hundred-and-first", "ac6a3ce (the engine of c6ab791)",
                   "9 of 9 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout202": ("two-hundred-and-second", "ac6a3ce (the engine of c6ab791)",
                   "6 of 6 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout203": ("two-hundred-and-third", "8c6c3a2 (the engine of 8c6c3a2)",
                   "12 of 12 broken runs flagged, no false alarm, top-1 92%, top-3 92%",
                   "the one written beside it"),
    "holdout204": ("two-hundred-and-fourth", "8c6c3a2 (the engine of 8c6c3a2)",
                   "11 of 11 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout205": ("two-hundred-and-fifth", "8c6c3a2 (the engine of 8c6c3a2)",
                   "10 of 10 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout206": ("two-hundred-and-sixth", "8c6c3a2 (the engine of 8c6c3a2)",
                   "10 of 10 broken runs flagged, no false alarm, top-1 90%, top-3 90%",
                   "the one written beside it"),
    "holdout207": ("two-hundred-and-seventh", "88141ad (the engine of 88141ad)",
                   "11 of 11 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout208": ("two-hundred-and-eighth", "88141ad (the engine of 88141ad)",
                   "8 of 9 broken runs flagged, no false alarm, top-1 89%, top-3 89%",
                   "the one written beside it"),
    "holdout209": ("two-hundred-and-ninth", "88141ad (the engine of 88141ad)",
                   "7 of 8 broken runs flagged, no false alarm, top-1 88%, top-3 88%",
                   "the one written beside it"),
    "holdout210": ("two-hundred-and-tenth", "88141ad (the engine of 88141ad)",
                   "7 of 8 broken runs flagged, no false alarm, top-1 88%, top-3 88%",
                   "the one written beside it"),
    "holdout211": ("two-hundred-and-eleventh", "f99eef9 (the engine of f99eef9)",
                   "11 of 12 broken runs flagged, no false alarm, top-1 92%, top-3 92%",
                   "the one written beside it"),
    "holdout212": ("two-hundred-and-twelfth", "f99eef9 (the engine of f99eef9)",
                   "12 of 12 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout213": ("two-hundred-and-thirteenth", "f99eef9 (the engine of f99eef9)",
                   "9 of 9 broken runs flagged, no false alarm, top-1 89%, top-3 89%",
                   "the one written beside it"),
    "holdout214": ("two-hundred-and-fourteenth", "f99eef9 (the engine of f99eef9)",
                   "9 of 9 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout215": ("two-hundred-and-fifteenth", "0bc9673 (the engine of 0bc9673)",
                   "11 of 12 broken runs flagged, no false alarm, top-1 92%, top-3 92%",
                   "the one written beside it"),
    "holdout216": ("two-hundred-and-sixteenth", "0bc9673 (the engine of 0bc9673)",
                   "10 of 10 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout217": ("two-hundred-and-seventeenth", "0bc9673 (the engine of 0bc9673)",
                   "9 of 10 broken runs flagged, no false alarm, top-1 90%, top-3 90%",
                   "the one written beside it"),
    "holdout218": ("two-hundred-and-eighteenth", "0bc9673 (the engine of 0bc9673)",
                   "7 of 7 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout219": ("two-hundred-and-nineteenth", "fac2fad (the engine of 0bc9673)",
                   "3 of 3 broken runs flagged, 2 false alarms in 12 healthy runs, top-1 100%, "
                   "top-3 100%", "the one written beside it"),
    "holdout220": ("two-hundred-and-twentieth", "fac2fad (the engine of 0bc9673)",
                   "11 of 11 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout221": ("two-hundred-and-twenty-first", "fac2fad (the engine of 0bc9673)",
                   "5 of 5 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout222": ("two-hundred-and-twenty-second", "fac2fad (the engine of 0bc9673)",
                   "10 of 10 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout223": ("two-hundred-and-twenty-third", "e42922e",
                   "8 of 8 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout224": ("two-hundred-and-twenty-fourth", "e42922e",
                   "7 of 7 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout225": ("two-hundred-and-twenty-fifth", "e42922e",
                   "11 of 11 broken runs flagged, no false alarm, top-1 91%, top-3 91%",
                   "the one written beside it"),
    "holdout226": ("two-hundred-and-twenty-sixth", "e42922e",
                   "7 of 7 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout227": ("two-hundred-and-twenty-seventh", "1f3575f",
                   "11 of 11 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout228": ("two-hundred-and-twenty-eighth", "1f3575f",
                   "9 of 11 broken runs flagged, no false alarm, top-1 82%, top-3 82%",
                   "the one written beside it"),
    "holdout229": ("two-hundred-and-twenty-ninth", "1f3575f",
                   "8 of 9 broken runs flagged, no false alarm, top-1 89%, top-3 89%",
                   "the one written beside it"),
    "holdout230": ("two-hundred-and-thirtieth", "1f3575f",
                   "8 of 8 broken runs flagged, no false alarm, top-1 88%, top-3 88%",
                   "the one written beside it"),
    "holdout231": ("two-hundred-and-thirty-first", "7646766",
                   "4 of 4 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout232": ("two-hundred-and-thirty-second", "7646766",
                   "7 of 8 broken runs flagged, no false alarm, top-1 88%, top-3 88%",
                   "the one written beside it"),
    "holdout233": ("two-hundred-and-thirty-third", "7646766",
                   "7 of 7 broken runs flagged, 1 false alarm in 12 healthy runs, top-1 100%, "
                   "top-3 100%", "the one written beside it"),
    "holdout234": ("two-hundred-and-thirty-fourth", "7646766",
                   "7 of 7 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout235": ("two-hundred-and-thirty-fifth", "92baa4e (the engine of 12a203b)",
                   "6 of 8 broken runs flagged, no false alarm, top-1 75%, top-3 75%",
                   "the one written beside it"),
    "holdout236": ("two-hundred-and-thirty-sixth", "92baa4e (the engine of 12a203b)",
                   "8 of 8 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout237": ("two-hundred-and-thirty-seventh", "92baa4e (the engine of 12a203b)",
                   "7 of 8 broken runs flagged, no false alarm, top-1 88%, top-3 88%",
                   "the one written beside it"),
    "holdout238": ("two-hundred-and-thirty-eighth", "92baa4e (the engine of 12a203b)",
                   "1 of 1 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout239": ("two-hundred-and-thirty-ninth", "de596b2 (the engine of 12a203b)",
                   "8 of 8 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout240": ("two-hundred-and-fortieth", "de596b2 (the engine of 12a203b)",
                   "10 of 10 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout241": ("two-hundred-and-forty-first", "de596b2 (the engine of 12a203b)",
                   "5 of 5 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout242": ("two-hundred-and-forty-second", "de596b2 (the engine of 12a203b)",
                   "9 of 9 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout243": ("two-hundred-and-forty-third", "7d96658",
                   "12 of 12 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout244": ("two-hundred-and-forty-fourth", "7d96658",
                   "12 of 12 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout245": ("two-hundred-and-forty-fifth", "7d96658",
                   "12 of 12 broken runs flagged, no false alarm, top-1 100%, top-3 100%",
                   "the one written beside it"),
    "holdout246": ("two-hundred-and-forty-sixth", "7d96658",
                   "10 of 11 broken runs flagged, no false alarm, top-1 82%, top-3 82%",
                   "the one written beside it"),
}

# Held-out sets committed unread and not yet scored: {catalogue: (ordinal, written without
# reading any earlier set, the commit written from)}. None now: holdout243..246, the last,
# were scored once at 7d96658.
HELD_OUT = {}


def render(rows, logdir, elapsed=None, catalogue="main"):
    broken = {r: x for r, x in rows.items() if not x["healthy"]}
    healthy = {r: x for r, x in rows.items() if x["healthy"]}
    detected = sum(x["flagged"] for x in broken.values())
    top1 = sum(x["top1"] for x in broken.values())
    top3 = sum(x["top3"] for x in broken.values())
    primary = sum(x["top1_primary"] for x in broken.values())
    clean = sum(not x["flagged"] for x in healthy.values())
    delays = [x["delay"] for x in broken.values() if x["delay"] is not None]
    out = []
    if catalogue == "holdout":
        out.append("# Diagnosis accuracy on the first held-out scenarios\n")
        out.append(
            "These scenarios (`demo/holdout.py`) were written after the engine's first tuning "
            "round and measured once before the second (top-1 81%, top-3 95%, see "
            "`accuracy_holdout_before_round2.md`); the second round studied its misses, so this "
            "score is no longer a held-out estimate. The newest honest estimate is "
            "`accuracy_holdout6_measured_once.md`.\n"
        )
    elif catalogue == "holdout2":
        out.append("# Diagnosis accuracy on the second held-out scenarios\n")
        out.append(
            "These scenarios (`demo/holdout2.py`) were written after the engine's second tuning "
            "round and measured once then (top-1 89%, top-3 89%, one false alarm in four healthy "
            "runs). The verdict work studied them (its false alarm led to judging loss "
            "oscillation only for losses whose perfect fit is 0), so this score is no longer a "
            "held-out estimate; `accuracy_holdout6_measured_once.md` is the newest one.\n"
        )
    elif catalogue == "holdout3":
        out.append("# Diagnosis accuracy on the third held-out scenarios\n")
        out.append(
            "These scenarios (`demo/holdout3.py`, 10 of them healthy-but-imperfect) were written "
            "before the verdict change (stalled only with evidence, calibrated causes) and "
            "scored once after it (`accuracy_holdout3_measured_once.md`: top-1 77%, top-3 85%, "
            "0 false alarms): that is the honest estimate. Two of its misses were then studied "
            "and fixed in general form (a wrapper layer taken for 'no hidden layer'; MAPE on "
            "targets that cross zero), so the score below is no longer a held-out estimate.\n"
        )
    elif catalogue == "holdout4":
        out.append("# Diagnosis accuracy on the fourth held-out scenarios\n")
        out.append(
            "These scenarios (`demo/holdout4.py`, 12 of them healthy-but-imperfect) were written "
            "before the engine changes of the verdict work's last round, by a helper who did not "
            "read the engine or run the diagnosis on them, and scored once after those changes "
            "(`accuracy_holdout4_measured_once.md`: 10 of 12 broken runs flagged, top-1 75%, "
            "top-3 75%, 0 of 12 healthy runs flagged): that is its honest estimate. Its three "
            "misses were then studied and fixed in general form (an Embedding's "
            "embeddings_regularizer and a MaxNorm constraint were not read; a one-dimensional "
            "Embedding was not seen as a bottleneck), so the score below is no longer a "
            "held-out estimate.\n"
        )
    elif catalogue == "holdout5":
        out.append("# Diagnosis accuracy on the fifth held-out scenarios\n")
        out.append(
            "These scenarios (`demo/holdout5.py`, 13 of them healthy-but-imperfect) were written "
            "after the engine's last change (6f580c1), by a helper who did not read the engine "
            "or run the diagnosis on them (each was checked only from its own loss curve), and "
            "scored once (`accuracy_holdout5_measured_once.md`: 9 of 11 broken runs flagged, "
            "top-1 73%, top-3 73%, 0 of 13 healthy runs flagged): that is its honest "
            "estimate. Two of its three misses were then studied and fixed in general form (a "
            "Normalization layer never adapted was taken as normalising; a negative KL "
            "divergence was not read as outputs that are not a distribution); the third "
            "(softsign_20_layers, labelled vanishing gradients, whose per-layer gradients stay "
            "within 20x of each other) is still missed. The score below is no longer a "
            "held-out estimate.\n"
        )
    elif catalogue == "holdout6":
        out.append("# Diagnosis accuracy on the sixth held-out scenarios\n")
        out.append(
            "These scenarios (`demo/holdout6.py`, 11 of them healthy-but-imperfect) were written "
            "by a helper who did not read the engine or run the diagnosis on them (each was "
            "checked only from its own loss curve), while the configuration-breadth change "
            "(7bece47) was made without sight of them, and scored once after it "
            "(`accuracy_holdout6_measured_once.md`: 12 of 13 broken runs flagged, 1 false alarm "
            "in 11 healthy runs, top-1 69%, top-3 69%): that is the newest honest estimate. "
            "Its misses were then studied, so the score below is no longer a held-out "
            "estimate: learning-rate bands per optimizer (Adagrad, FTRL, Adadelta), FTRL's "
            "update/weight ratios no longer read as a high rate (its false alarm), a regression "
            "loss (Poisson) on an output that cannot reach the targets, and an initializer "
            "whose mean dwarfs its spread. An order-blind global pooling and FTRL at Keras's "
            "default rate are still missed.\n"
        )
    elif catalogue in HELD_OUT:
        # Sets committed unread and not yet scored: (ordinal, written without reading any
        # earlier set, the commit they were written from).
        ordinal, independent, written_from = HELD_OUT[catalogue]
        written = sum(not s.healthy for s in _runner().registry(catalogue))
        calm = sum(s.healthy for s in _runner().registry(catalogue))
        out.append(f"# Diagnosis accuracy on the {ordinal} held-out scenarios\n")
        out.append(
            f"These scenarios (`demo/{catalogue}.py`, {calm} of them healthy-but-imperfect, "
            f"{written} broken, at most one per cause) were written by a helper who did not "
            "read the engine, the other held-out set written beside it, or run the diagnosis "
            "on them (each was checked only from its own loss curve, every broken one against "
            "a fixed variant; broken runs were asked to stall to the end), "
            + ("without reading any earlier held-out set (its mistakes are those the writer "
               "judged most typical of real users), " if independent else
               "choosing mistakes not already in the earlier held-out sets, ")
            + f"written from {written_from} and committed unread, to be "
            "scored once, at that engine or after a change made without sight of them: a "
            "score taken in a clean worktree of the "
            "scoring commit is the honest estimate "
            f"(`accuracy_{catalogue}_measured_once.md`).\n"
        )
    elif catalogue in STUDIED_BESIDE:
        ordinal, engine, once, company = STUDIED_BESIDE[catalogue]
        several = company not in ("its twin", "the one written beside it")
        out.append(f"# Diagnosis accuracy on the {ordinal} held-out scenarios\n")
        written = sum(not s.healthy for s in _runner().registry(catalogue))
        calm = sum(s.healthy for s in _runner().registry(catalogue))
        out.append(
            f"These scenarios (`demo/{catalogue}.py`, {calm} of them healthy-but-imperfect, "
            f"{written} broken, {'one per cause' if written == 12 else 'at most one per cause'}) "
            "were written by a helper who did not read the engine, the "
            f"other held-out set{'s' if several else ''} written beside it, or run the "
            f"diagnosis on them, and scored once at {engine} "
            f"(`accuracy_{catalogue}_measured_once.md`: {once}): with {company}, the honest "
            "estimate for that engine. Their per-run tables were then read and the misses "
            "fixed in general form where the data allowed, so the score below is no longer a "
            "held-out estimate.\n"
        )
    elif catalogue == "holdout17":
        out.append("# Diagnosis accuracy on the seventeenth held-out scenarios\n")
        out.append(
            "These scenarios (`demo/holdout17.py`, 12 of them healthy-but-imperfect, one broken "
            "run per cause) were written by a helper who did not read the engine, the other "
            "newest held-out sets or run the diagnosis on them, and scored once at f60abdd "
            "(`accuracy_holdout17_measured_once.md`: 8 of 12 broken runs flagged, no false "
            "alarm, top-1 42%, top-3 50%). Its per-run table was then read and its misses "
            "fixed in general form where the data allowed, so the score below is no longer a "
            "held-out estimate.\n"
        )
    elif catalogue == "holdout16":
        out.append("# Diagnosis accuracy on the sixteenth held-out scenarios\n")
        out.append(
            "These scenarios (`demo/holdout16.py`, 12 of them healthy-but-imperfect, one broken "
            "run per cause) were written by a helper who did not read the engine, holdout15 or "
            "run the diagnosis on them (each was checked only from its own loss curve, every "
            "broken one against a fixed variant), after the engine's last change, and scored "
            "once at 0066029 (`accuracy_holdout16_measured_once.md`: 10 of 12 broken runs "
            "flagged, 2 false alarms in 12 healthy runs, top-1 75%, top-3 75%): with "
            "holdout15, the honest estimate for that engine. Its per-run table was then read "
            "and its misses fixed in general form (a learning rate cut six decades; dropout "
            "after the output layer; Dense layers on an unflattened sequence; an Embedding of "
            "3 ids into 2 dimensions taken for a bottleneck; a rare class's rate from a probe "
            "holding one example of it), so the score below is no longer a held-out "
            "estimate.\n"
        )
    elif catalogue == "holdout15":
        out.append("# Diagnosis accuracy on the fifteenth held-out scenarios\n")
        out.append(
            "These scenarios (`demo/holdout15.py`, 12 of them healthy-but-imperfect, one broken "
            "run per cause) were written by a helper who did not read the engine or run the "
            "diagnosis on them (each was checked only from its own loss curve), while the "
            "changes made from holdout14's misses were written, and scored once after them at "
            "9ecf385 (`accuracy_holdout15_measured_once.md`). Its per-run table has not been "
            "read.\n"
        )
    elif catalogue == "holdout14":
        out.append("# Diagnosis accuracy on the fourteenth held-out scenarios\n")
        out.append(
            "These scenarios (`demo/holdout14.py`, 12 of them healthy-but-imperfect, one broken "
            "run per cause) were written by a helper who did not read the engine or run the "
            "diagnosis on them (each was checked only from its own loss curve, every broken one "
            "against a fixed variant), from the engine at 746cae1 on, while the changes after "
            "it were made, and scored once at 01efa70 (`accuracy_holdout14_measured_once.md`: "
            "11 of 12 broken runs flagged, no false alarm in 12 healthy runs, top-1 83%, top-3 "
            "83%): that is the honest estimate for 01efa70. Its per-run table was then read: "
            "the stall with no cause (an LSTM whose constant bias of 8 pins every gate, its "
            "outputs at 0.97 +/- 0.03, under the saturated-fraction cut) was fixed in general "
            "form (the share of the gradient a tanh/sigmoid layer blocks, from its outputs' "
            "mean and spread); the run not flagged (a one-unit layer in front of a 48-point "
            "curve, still creeping down at 28% of the constant-prediction loss) is left: a "
            "loss still falling at a level the data may allow is not called a stall. The "
            "score below is no longer a held-out estimate.\n"
        )
    elif catalogue == "holdout13":
        out.append("# Diagnosis accuracy on the thirteenth held-out scenarios\n")
        out.append(
            "These scenarios (`demo/holdout13.py`, 12 of them healthy-but-imperfect, one broken "
            "run per cause) were written by a helper who did not read the engine or run the "
            "diagnosis on them (each was checked only from its own loss curve, every broken one "
            "against a fixed variant), while the engine changes after e31cc68 were made on a "
            "branch it could not read, and scored once after them at 8c5b0c4 "
            "(`accuracy_holdout13_measured_once.md`: 11 of 12 broken runs flagged, no false "
            "alarm in 12 healthy runs, top-1 58%, top-3 58%): that is the honest estimate for "
            "8c5b0c4. Its per-run table was then read and its five misses were fixed in general "
            "form (inputs vanishingly small; ReLU biases started large; a softmax compared with "
            "rows that do not sum to 1; an unbounded recurrent cell and single-batch loss "
            "spikes; the probe's loss in inference mode far below the training batches'), so "
            "the score below is no longer a held-out estimate.\n"
        )
    elif catalogue == "holdout12":
        out.append("# Diagnosis accuracy on the twelfth held-out scenarios\n")
        out.append(
            "These scenarios (`demo/holdout12.py`, 12 of them healthy-but-imperfect, one broken "
            "run per cause) were written by a helper who did not read the engine or run the "
            "diagnosis on them (each was checked only from its own loss curve, every broken one "
            "against a fixed variant), after the engine's change 4304c1c, and scored once at "
            "d4424c6 (`accuracy_holdout12_measured_once.md`: 12 of 12 broken runs flagged, no "
            "false alarm in 12 healthy runs, top-1 92%, top-3 92%): that is the honest estimate "
            "for 4304c1c. Its per-run table was then read and its one miss (Adamax at 2, named "
            "exploding gradients) was fixed in general form (a first update that rebuilt "
            "ordinary initial weights makes the explosion the rate's), so the score below is no "
            "longer a held-out estimate.\n"
        )
    elif catalogue == "holdout11":
        out.append("# Diagnosis accuracy on the eleventh held-out scenarios\n")
        out.append(
            "These scenarios (`demo/holdout11.py`, 12 of them healthy-but-imperfect, one broken "
            "run per cause) were written by a helper who did not read the engine or run the "
            "diagnosis on them (each was checked only from its own loss curve, every broken one "
            "against a fixed variant), while 99edf49..27c1eca were made without sight of them, "
            "and scored once after them (`accuracy_holdout11_measured_once.md`: 12 of 12 broken "
            "runs flagged, no false alarm in 12 healthy runs, top-1 75%, top-3 92%): that is "
            "the honest estimate for 27c1eca. Its per-run table was then read and its three "
            "misses were fixed in general form (initialisers judged over depth; a global "
            "pooling fed by per-position layers; Adam's first update in the NaN-without-blow-up "
            "test), so the score below is no longer a held-out estimate.\n"
        )
    elif catalogue == "holdout10":
        out.append("# Diagnosis accuracy on the tenth held-out scenarios\n")
        out.append(
            "These scenarios (`demo/holdout10.py`, 12 of them healthy-but-imperfect, one broken "
            "run per cause) were written by a helper who did not read the engine or run the "
            "diagnosis on them (each was checked only from its own loss curve, every broken one "
            "against a fixed variant), while the constant-output probe (99edf49) was made "
            "without sight of them, and scored once after it (`accuracy_holdout10_measured_once"
            ".md`: 12 of 12 broken runs flagged, 1 false alarm in 12 healthy runs, top-1 92%, "
            "top-3 92%): that is the honest estimate. Its per-run table was then read and its "
            "two misses were fixed in general form (a cross-entropy on log-probabilities; a "
            "schedule-free optimizer's first update read as an oversized step), so the score "
            "below is no longer a held-out estimate.\n"
        )
    elif catalogue == "holdout9":
        out.append("# Diagnosis accuracy on the ninth held-out scenarios\n")
        out.append(
            "These scenarios (`demo/holdout9.py`, 12 of them healthy-but-imperfect, one broken "
            "run per cause) were written by a helper who did not read the engine or run the "
            "diagnosis on them (each was checked only from its own loss curve; 8 of the broken "
            "runs were not checked against a fixed variant), after the engine's last change, "
            "and scored once (`accuracy_holdout9_measured_once.md`: 12 of 12 broken runs "
            "flagged, 2 false alarms in 12 healthy runs, top-1 67%, top-3 75%): that is the "
            "honest estimate for this version. Its per-run table was then read and two general "
            "changes followed (LAMB's update ratios; input noise judged against the inputs' "
            "spread), so the score below is no longer a held-out estimate; its other misses "
            "were not studied.\n"
        )
    elif catalogue == "holdout8":
        out.append("# Diagnosis accuracy on the eighth held-out scenarios\n")
        out.append(
            "These scenarios (`demo/holdout8.py`, 12 of them healthy-but-imperfect, one broken "
            "run per cause) were written by a helper who did not read the engine or run the "
            "diagnosis on them (each was checked only from its own loss curve), while the "
            "engine changes of 81d027a were made without sight of them, and scored once after "
            "them (`accuracy_holdout8_measured_once.md`: 10 of 12 broken runs flagged, 2 false "
            "alarms in 12 healthy runs, top-1 75%, top-3 83%): that is the newest honest "
            "estimate. Its misses were then studied and fixed in general form (ids of a "
            "several-input model feeding Embeddings read as numbers; size evidence for "
            "insufficient capacity on a data set with few examples per parameter; an SGD "
            "step's update/weight ratio at a normal rate as the training batches' gradient), "
            "so the score below is no longer a held-out estimate. A warm start copied into "
            "every unit and a softplus output under a custom survival loss are still missed.\n"
        )
    elif catalogue == "holdout7":
        out.append("# Diagnosis accuracy on the seventh held-out scenarios\n")
        out.append(
            "These scenarios (`demo/holdout7.py`, 12 of them healthy-but-imperfect) were "
            "written by a helper who did not read the engine or run the diagnosis on them "
            "(each was checked only from its own loss curve), while the engine changes "
            "9fed441..1f496a4 were made without sight of them, and scored once after them "
            "(`accuracy_holdout7_measured_once.md`: 10 of 12 broken runs flagged, 0 of 12 "
            "healthy runs flagged, top-1 67%, top-3 67%): that is its honest estimate. Its "
            "misses were then studied and fixed in general form (a hinge loss on an output "
            "that is never negative; a Hashing layer with far fewer bins than ids; a random "
            "augmentation when nothing was learned), so the score below is no longer a "
            "held-out estimate. An EMA overwriting the weights every step is still missed (its "
            "loss is still falling at the end).\n"
        )
    else:
        out.append("# Diagnosis accuracy on the demo catalogue\n")
    out.append(
        f"Measured by `benchmarks/accuracy.py` on {len(rows)} runs ({len(broken)} broken, "
        f"{len(healthy)} healthy) of the `{catalogue}` catalogue"
        + (f", {elapsed:.0f} s" if elapsed is not None else "")
        + ". Top-1/top-3: the first / first three causes of the interval covering the "
        "labelled stall include one of the run's expected causes.\n"
    )
    out.append("## Summary\n")
    out.append("| measure | value | target | met |")
    out.append("| --- | --- | --- | --- |")
    out.append(f"| broken runs flagged (any interval) | {_pct(detected, len(broken))} | 100% | "
               f"{_mark(detected == len(broken))} |")
    out.append(f"| healthy runs clean (no interval) | {_pct(clean, len(healthy))} | 100% | "
               f"{_mark(clean == len(healthy))} |")
    out.append(f"| false alarms on healthy runs | {len(healthy) - clean} | 0 | "
               f"{_mark(clean == len(healthy))} |")
    out.append(f"| top-1 cause accuracy | {_pct(top1, len(broken))} | >= {TARGET_TOP1:.0%} | "
               f"{_mark(broken and top1 / len(broken) >= TARGET_TOP1)} |")
    out.append(f"| top-1, strict: first cause is the scenario's root cause | "
               f"{_pct(primary, len(broken))} | - | - |")
    out.append(f"| top-3 cause accuracy | {_pct(top3, len(broken))} | >= {TARGET_TOP3:.0%} | "
               f"{_mark(broken and top3 / len(broken) >= TARGET_TOP3)} |")
    if delays:
        out.append(f"| detection delay, median / min / max (steps) | "
                   f"{statistics.median(delays):.0f} / {min(delays)} / {max(delays)} | - | - |")
    out.append("")

    out.append("## Per cause (expected root cause -> what was ranked first)\n")
    out.append("| expected cause | runs | flagged | top-1 | top-3 | ranked first |")
    out.append("| --- | --- | --- | --- | --- | --- |")
    by_cause = collections.defaultdict(list)
    for x in broken.values():
        by_cause[x["expected"][0] if x["expected"] else "?"].append(x)
    for cause in sorted(by_cause):
        xs = by_cause[cause]
        firsts = collections.Counter(x["causes"][0] if x["causes"] else "(none)" for x in xs)
        given = ", ".join(f"{c} x{n}" for c, n in firsts.most_common())
        out.append(f"| {cause} | {len(xs)} | {sum(x['flagged'] for x in xs)} | "
                   f"{sum(x['top1'] for x in xs)} | {sum(x['top3'] for x in xs)} | {given} |")
    out.append("")

    out.append("## Per run\n")
    out.append("| run | expected | stall begins | verdict | interval | top 3 causes | top-1 | "
               "top-3 | delay | train s |")
    out.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for run in sorted(rows, key=lambda r: (rows[r]["healthy"], r)):
        x = rows[run]
        expected = "healthy" if x["healthy"] else ", ".join(x["expected"])
        begins = "-" if x["healthy"] else str(x["stall_begins"])
        iv = x["interval"]
        if x["healthy"]:
            interval = "none" if not x["flagged"] else "**false alarm**"
            ok1 = ok3 = _mark(not x["flagged"])
        else:
            interval = f"{iv['kind']} {iv['start_step']}-{iv['end_step']}" if iv else "**none**"
            ok1, ok3 = _mark(x["top1"]), _mark(x["top3"])
        top = ", ".join(x["causes"][:3]) or "-"
        delay = "-" if x["delay"] is None else str(x["delay"])
        seconds = "-" if x["seconds"] is None else f"{x['seconds']:.1f}"
        out.append(f"| {run} | {expected} | {begins} | {x['verdict']} | {interval} | {top} | "
                   f"{ok1} | {ok3} | {delay} | {seconds} |")
    out.append("")
    return "\n".join(out)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--logdir", help="catalogue logdir to (re)use; default: a temp dir")
    parser.add_argument("--only", metavar="REGEX", help="score only matching runs")
    parser.add_argument("--no-train", action="store_true",
                        help="do not train; score the labelled runs already in --logdir")
    parser.add_argument("--force", action="store_true", help="retrain existing runs")
    parser.add_argument("--catalogue", choices=runner_catalogues(), default="main",
                        help="main: the catalogue the engine was developed on; holdout: "
                        "scenarios written after its first tuning round (since studied); "
                        "holdout2: written after its last tuning round, never used to tune it "
                        "(default: %(default)s)")
    parser.add_argument("--out", help="markdown file to write (default: results/accuracy.md, "
                        "or results/accuracy_<catalogue>.md for a held-out catalogue)")
    args = parser.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

    runner = _runner()
    logdir = args.logdir or tempfile.mkdtemp(prefix="plateau-catalogue-")
    started = time.monotonic()
    if args.no_train:
        labels = runner.read_labels(logdir)
        if args.only:
            import re

            labels = {r: l for r, l in labels.items() if re.search(args.only, r)}
    else:
        labels = runner.train_catalogue(logdir, only=args.only, force=args.force,
                                        catalogue_name=args.catalogue)
    if not labels:
        sys.stderr.write(f"no labelled runs in {logdir}\n")
        return 2
    reports = analyze_logdir(logdir, labels)
    rows = {run: score_run(label, reports.get(run)) for run, label in labels.items()}
    text = render(rows, logdir, time.monotonic() - started, catalogue=args.catalogue)
    print(text)
    out = args.out
    if out is None:
        out = str(RESULTS_BY_CATALOGUE[args.catalogue])
    if out:
        path = pathlib.Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
        sys.stderr.write(f"written to {path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
