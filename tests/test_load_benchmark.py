"""The pure parts of benchmarks/load.py (no server, no browser): parsing, the memory check,
which sessions play, the pass rule and the printed table and last line."""

from __future__ import annotations

import pytest

from benchmarks import load

MEMINFO = """MemTotal:       24576000 kB
MemFree:        20000000 kB
MemAvailable:   22528000 kB
Buffers:          100000 kB
"""


def test_kernel_id_from_command_line():
    cmd = ("/work/main/.venv/bin/python3 -m ipykernel_launcher -f "
           "/tmp/voila__gfuccb7/kernel-4c5a8056-3db5-4a6d-961f-94356033b724.json")
    assert load.kernel_id_of(cmd) == "4c5a8056-3db5-4a6d-961f-94356033b724"
    assert load.kernel_id_of("python -m voila notebooks/") is None


def test_meminfo():
    assert load.meminfo_mb(MEMINFO) == 22000.0
    assert load.meminfo_mb(MEMINFO, "MemTotal") == 24000.0
    with pytest.raises(ValueError, match="no 'Swap'"):
        load.meminfo_mb(MEMINFO, "Swap")


def test_memory_fit():
    sizes = dict(kernel_mb=550, page_mb=250, base_mb=1500)
    assert load.memory_need_mb(20, **sizes) == 17500
    assert load.fits(20, 22000, **sizes)
    assert not load.fits(20, 18000, **sizes)  # 17.5 GB + 1 GB reserve
    assert load.fits(5, 6600, **sizes) and not load.fits(5, 6400, **sizes)


def test_playing_count_and_spread():
    assert [load.playing_count(n, "quarter") for n in (2, 5, 10, 20)] == [1, 1, 2, 5]
    assert load.playing_count(5, "3") == 3 and load.playing_count(2, "3") == 2
    with pytest.raises(ValueError, match="'quarter' or a whole number"):
        load.playing_count(5, "some")
    assert load.spread(20, 5) == [0, 4, 8, 12, 16]
    assert load.spread(5, 1) == [0]
    assert load.spread(5, 5) == [0, 1, 2, 3, 4]
    assert load.spread(5, 0) == []


def row(n=5, fps=(18.0, 12.0), **extra):
    base = dict(n=n, playing=len(fps), kernels=n + 2, pictures=n, dead=0, stalled=0, fps=list(fps),
                epochs_per_s=[500.0] * len(fps), rss_mb=[450.0] * n, spare_rss_mb=600.0, server_rss_mb=100.0,
                pss_total_mb=2048.0, first_s=[2.5] + [10.0] * (n - 1))
    base.update(extra)
    return base


def test_pass_rule_and_largest_n():
    rows = [row(5), row(10, fps=(15.0, 9.9)), row(20, dead=1), dict(n=40, playing=10, skipped="no memory")]
    assert [load.passes(r) for r in rows] == [True, False, False, False]
    assert load.largest_passing(rows) == 5
    assert load.largest_passing(rows[1:]) is None
    assert not load.passes(row(5, pictures=4))
    assert not load.passes(row(5, stalled=1))


def test_table_and_pairs():
    rows = [row(5, cpu={"playing kernels": 1.0, "everything else": 0.5}), dict(n=20, playing=5, skipped="needs ~17 GB")]
    text = load.format_table(rows)
    lines = text.splitlines()
    assert "RSS/kernel mean" in lines[0] and "fps min" in lines[0]
    cells = lines[1].split()
    assert cells[:5] == ["5", "7", "2", "450", "450"]
    assert cells[-1] == "yes" and cells[-3] == "0" and cells[-2] == "0.50"
    assert lines[2].split()[0] == "20" and lines[2].split()[-1] == "no"
    assert "N=20 skipped: needs ~17 GB" in text
    last = load.pairs_line(rows, load.largest_passing(rows))
    pairs = dict(p.split("=") for p in last.split())
    assert pairs["n5_fps_min"] == "12.0" and pairs["n5_first_picture_max_s"] == "10.0"
    assert pairs["n5_other_cpu_cores"] == "0.5" and pairs["n20_skipped"] == "1" and pairs["max_sessions_at_10fps"] == "5"
