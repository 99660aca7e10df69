"""Prints the injected gains of a make_ms.py truth JSON as plain text for the Java tests:
line 1: ntime nant npol nchan noise_sigma refant
line 2: frequencies (Hz); line 3: times (MJD s)
then one line per (time, antenna, pol): nchan pairs 're im' of the gain."""
import json, sys
t = json.load(open(sys.argv[1]))
re, im = t['gains_re'], t['gains_im']
nt, na, npol, nc = len(re), len(re[0]), len(re[0][0]), len(re[0][0][0])
print(nt, na, npol, nc, repr(t['noise_sigma']), t['refant'])
print(' '.join(repr(f) for f in t['freqs_hz']))
print(' '.join(repr(x) for x in t['times_mjd_s']))
for ti in range(nt):
    for a in range(na):
        for p in range(npol):
            print(' '.join('%r %r' % (re[ti][a][p][c], im[ti][a][p][c]) for c in range(nc)))
