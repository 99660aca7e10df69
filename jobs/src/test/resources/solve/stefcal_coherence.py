"""A plain numpy reference for G ap per integration on the parallel hands: reads DATA and FLAG of an MS with
python-casacore, solves V_ij = g_i conj(g_j) M_ij per integration and parallel hand by StefCal (Salvini and Wijnholds
2014: g_i = sum_j S_ij g_j / sum_j P_ij |g_j|^2 with S_ij = sum_chan V_ij conj(M_ij), P_ij = sum_chan |M_ij|^2 over
unflagged channels, unweighted, the odd and even iterates averaged; an antenna with fewer than 4 baselines to the
antennas kept is left out, repeatedly, as CASA's default minblperant, and its baselines are not counted), with M = 1 on every parallel hand (an
unpolarized 1 Jy point at the phase centre), divides DATA by g_i conj(g_j), and prints the coherence of the
channel-averaged parallel hands over all unflagged cross-correlations, |sum V| / sum |V|, of DATA and of the corrected
data, as 'data COHERENCE' and 'corrected COHERENCE'. No SNR cut: every solution is applied.

usage: stefcal_coherence.py MS
"""
import sys

import numpy as np
from casacore import tables as pt

PARALLEL = {5, 8, 9, 12}  # RR, LL, XX, YY
MIN_BL_PER_ANT = 4


def usable(p):
    """Antennas with at least MIN_BL_PER_ANT baselines with data among the usable ones."""
    ok = p.sum(1) > 0
    while True:
        count = ((p > 0) & ok[None, :]).sum(1)
        drop = ok & (count < MIN_BL_PER_ANT)
        if not drop.any():
            return ok
        ok &= ~drop


def stefcal(s, p, iterations=200, tol=1e-10):
    """Gains of one cell from S (n x n, Hermitian, zero where no data) and P (n x n, real)."""
    g = np.ones(s.shape[0], complex)
    for it in range(iterations):
        num = s @ g
        den = p @ (np.abs(g) ** 2)
        new = np.where(den > 0, num / np.where(den > 0, den, 1), 0)
        if it % 2 == 1:
            new = (new + g) / 2
        if np.max(np.abs(new - g)) < tol:
            return new
        g = new
    return g


def coherence(avg):
    return abs(np.sum(avg)) / np.sum(np.abs(avg))


def main():
    ms = pt.table(sys.argv[1], ack=False)
    corr = pt.table(sys.argv[1] + '/POLARIZATION', ack=False).getcell('CORR_TYPE', 0)
    hands = [k for k, c in enumerate(corr) if c in PARALLEL]
    a1, a2 = ms.getcol('ANTENNA1'), ms.getcol('ANTENNA2')
    time = ms.getcol('TIME')
    cross = (a1 != a2) & ~ms.getcol('FLAG_ROW')
    a1, a2, time = a1[cross], a2[cross], time[cross]
    data = ms.getcol('DATA')[cross][:, :, hands]
    good = ~ms.getcol('FLAG')[cross][:, :, hands]
    nant = max(a1.max(), a2.max()) + 1
    corrected = np.zeros_like(data)
    for t in np.unique(time):
        rows = np.nonzero(time == t)[0]
        for h in range(len(hands)):
            v = np.where(good[rows, :, h], data[rows, :, h], 0)
            s = np.zeros((nant, nant), complex)
            p = np.zeros((nant, nant))
            np.add.at(s, (a1[rows], a2[rows]), v.sum(1))
            np.add.at(p, (a1[rows], a2[rows]), good[rows, :, h].sum(1))
            s = s + s.conj().T
            p = p + p.T
            ok = usable(p)
            keep = np.outer(ok, ok)
            g = stefcal(np.where(keep, s, 0), np.where(keep, p, 0))
            gg = g[a1[rows]] * np.conj(g[a2[rows]])
            ok = np.abs(gg) > 0
            corrected[rows[ok], :, h] = data[rows[ok], :, h] / gg[ok, None]
            good[rows[~ok], :, h] = False
    n = good.sum(1)
    keep = n > 0
    for name, vis in (('data', data), ('corrected', corrected)):
        avg = np.where(good, vis, 0).sum(1)[keep] / n[keep]
        print(name, repr(coherence(avg)))


if __name__ == '__main__':
    main()
