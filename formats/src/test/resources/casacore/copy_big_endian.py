#!/usr/bin/python3
"""Copy a casacore table and the subtables inside it into big-endian tables with casacore's value copy
(same columns, storage managers, keywords and values, data files rewritten in big-endian order).

Usage: /usr/bin/python3 copy_big_endian.py SOURCE DEST

Subtables that SOURCE's keywords name and that lie inside SOURCE are converted too (recursively);
others are left as they are. Keywords naming subtables that do not exist are dropped (casacore's deep
copy cannot copy them). Prints the endianness of DEST and of each converted subtable.
"""
import os
import shutil
import sys

import casacore.tables as ct


def table_keywords(t):
    """{keyword: table path} of the table keywords of t."""
    return {k: v[len('Table: '):] for k, v in t.getkeywords().items() if isinstance(v, str) and v.startswith('Table: ')}


def copy_big_endian(source, dest):
    t = ct.table(source, ack=False)
    subtables = list(table_keywords(t).values())
    missing = [k for k, v in table_keywords(t).items() if not os.path.isfile(os.path.join(v, 'table.dat'))]
    if missing:
        # casacore's deep copy needs every subtable: copy from a scratch copy without the dangling keywords
        t.close()
        scratch = dest + '.scratch'
        shutil.copytree(source, scratch, copy_function=shutil.copyfile)
        for root, dirs, _ in os.walk(scratch):
            for d in dirs:
                os.chmod(os.path.join(root, d), 0o755)
        os.chmod(scratch, 0o755)
        t = ct.table(scratch, readonly=False, ack=False)
        for k in missing:
            t.removekeyword(k)
        t.copy(dest, deep=True, valuecopy=True, endian='big').close()
        t.close()
        shutil.rmtree(scratch)
        print(dest, 'without the keywords of missing subtables', missing)
    else:
        t.copy(dest, deep=True, valuecopy=True, endian='big').close()
        t.close()
    print(dest, ct.table(dest, ack=False).endianformat())
    for sub in subtables:
        inside = os.path.relpath(sub, source)
        if inside.startswith('..') or not os.path.isfile(os.path.join(sub, 'table.dat')):
            continue
        target = os.path.join(dest, inside)
        shutil.rmtree(target)
        copy_big_endian(sub, target)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    source, dest = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    if os.path.exists(dest):
        shutil.rmtree(dest)
    copy_big_endian(source, dest)


if __name__ == '__main__':
    main()
