"""Adds radio-frequency interference at known places to the DATA of a Measurement Set, in place, with
python-casacore, and writes where: one line "antenna1 antenna2 time_mjd_s channel power" per value hit, the
power |rfi|^2 averaged over the polarizations (a channel of a row, all polarizations hit alike).

Amplitudes are in units of S, the median |DATA| of the MS (the calibrator's amplitude), each value with its own
random phase (interference is not phase-locked to the sky):
  * narrow-band lines: channels NCHAN/3 and NCHAN/3 + 1 at all times, 1 S; channel 3 NCHAN/4 in the middle
    third of the times, 1 S; a weak line in channel NCHAN/2 + 7 at all times, 0.2 S
  * broadband bursts: time step NTIME/2 + 3 on every baseline and channel, 1 S; time step 2 in channels
    [NCHAN/8, NCHAN/8 + NCHAN/4) on every baseline, 2 S
  * bad antennas: antenna 5 with broadband spikes in time steps 4 and 9, every channel, 1.5 S; antenna 17 with a
    comb of harmonics, every 16th channel at all times, 1 S
Where regions overlap, their interference adds.

usage: inject_rfi.py MS TRUTH_TXT [--seed N] [--flag-all]
  --flag-all: instead, set every FLAG of the MS (a fully flagged MS, for bad-input tests); no truth lines.
"""
import argparse

import numpy as np
from casacore.tables import table


def regions(nchan, ntime):
    """(antenna or None, time steps, channels, amplitude in S)."""
    every = range(ntime)
    return [
        (None, every, [nchan // 3, nchan // 3 + 1], 1.0),
        (None, range(ntime // 3, 2 * ntime // 3), [3 * nchan // 4], 1.0),
        (None, every, [nchan // 2 + 7], 0.2),
        (None, [ntime // 2 + 3], range(nchan), 1.0),
        (None, [2], range(nchan // 8, nchan // 8 + nchan // 4), 2.0),
        (5, [4, 9], range(nchan), 1.5),
        (17, every, range(0, nchan, 16), 1.0),
    ]


def main():
    p = argparse.ArgumentParser()
    p.add_argument('ms')
    p.add_argument('truth')
    p.add_argument('--seed', type=int, default=19)
    p.add_argument('--flag-all', action='store_true')
    a = p.parse_args()
    rng = np.random.default_rng(a.seed)
    with table(a.ms, readonly=False, ack=False) as t:
        if a.flag_all:
            flags = t.getcol('FLAG')
            t.putcol('FLAG', np.ones_like(flags))
            open(a.truth, 'w').close()
            return
        data = t.getcol('DATA')  # (row, chan, pol)
        a1 = t.getcol('ANTENNA1')
        a2 = t.getcol('ANTENNA2')
        time = t.getcol('TIME')
    nrow, nchan, npol = data.shape
    times = np.unique(time)
    step = np.searchsorted(times, time)
    s = float(np.median(np.abs(data)))
    rfi = np.zeros_like(data)
    for antenna, steps, chans, amp in regions(nchan, len(times)):
        rows = np.isin(step, list(steps))
        if antenna is not None:
            rows &= (a1 == antenna) | (a2 == antenna)
        rows = np.nonzero(rows)[0]
        chans = np.asarray(list(chans))
        phase = rng.uniform(0, 2 * np.pi, size=(len(rows), len(chans), npol))
        rfi[np.ix_(rows, chans, np.arange(npol))] += amp * s * np.exp(1j * phase)
    with table(a.ms, readonly=False, ack=False) as t:
        t.putcol('DATA', data + rfi)
    power = np.mean(np.abs(rfi) ** 2, axis=2)
    with open(a.truth, 'w') as out:
        for r, c in zip(*np.nonzero(power)):
            out.write('%d %d %.6f %d %.9g\n' % (a1[r], a2[r], time[r], c, power[r, c]))


if __name__ == '__main__':
    main()
