"""Reference values from astropy for the vispark astrometry tests (run with Debian's /usr/bin/python3).

usage: astropy_reference.py LON_DEG MJDSEC,RA_DEG,DEC_DEG ...
For each case prints one line, degrees:
  ra_app dec_app last meridian_ra_j2000 meridian_dec_j2000
ra_app/dec_app: the ICRS direction as a geocentric apparent place of date (astropy TETE, true equator and
equinox, with aberration and light deflection); last: local apparent sidereal time at LON_DEG with UT1-UTC = 0
(IAU 2006/2000A); meridian: the J2000 (ICRS) direction of the apparent place (ra = last, dec = DEC_DEG).
"""
import sys
import warnings

from astropy import units as u
from astropy.coordinates import ICRS, TETE, SkyCoord
from astropy.time import Time
from astropy.utils import iers

iers.conf.auto_download = False
warnings.simplefilter('ignore')  # stale IERS tables: UT1-UTC is set to 0 and polar motion does not enter

lon = float(sys.argv[1]) * u.deg
for case in sys.argv[2:]:
    mjdsec, ra, dec = (float(x) for x in case.split(','))
    t = Time(mjdsec / 86400.0, format='mjd', scale='utc')
    t.delta_ut1_utc = 0.0
    app = SkyCoord(ra * u.deg, dec * u.deg, frame=ICRS()).transform_to(TETE(obstime=t))
    last = t.sidereal_time('apparent', longitude=lon, model='IAU2006A')
    mer = SkyCoord(last.to(u.deg), dec * u.deg, frame=TETE(obstime=t)).transform_to(ICRS())
    print('%.12f %.12f %.12f %.12f %.12f' % (app.ra.deg, app.dec.deg, last.to(u.deg).value, mer.ra.deg, mer.dec.deg))
