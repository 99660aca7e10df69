#!/usr/bin/python3
"""Reference dump of a casacore table and its subtables by python-casacore, for ConformanceTest.

Usage: /usr/bin/python3 dump_reference.py TABLE OUT.json

The JSON holds one entry per table: TABLE itself ("keywordPath" []) and, recursively, every table a
table keyword of an already dumped table refers to and that exists ("keywordPath" = the keywords
followed from TABLE, e.g. ["SUBTABLE", "INNER"]); a table reached twice is dumped once. Each entry:
  path           the table directory relative to TABLE ("." for TABLE itself)
  rows           row count
  columns        column names in python-casacore's order
  info           table.info: type, subType, readme
  endian         "little" or "big"
  keywordTypes   "casacore" when the field types below are casacore's own type names (from TaQL's
                 SHOW TABLE), "python" when only python's value kinds are known (SHOW failed, e.g.
                 because a referenced subtable is missing)
  keywords       the table keywords as a field list (below)
  subtables      [{keyword, path, exists}] for every table keyword (path relative to this table)
  columnData     per column: name, dataType (casacore name: Bool uChar Short uShort Int uInt Int64 Float
                 Double Complex DComplex String Record), isArray, dataManagerType (of the data manager the
                 column is bound to), desc (the column description: ndim, 0 for scalars; fixed shape in
                 casacore order, [] if none; options; maxLength; comment), keywords (field list),
                 digest and rowDigests (below)

Field lists: [{"name", "type", "value"} ...] in the record's order. "type" is a casacore type name
(Bool uChar Short uShort Int uInt Int64 Float Double Complex DComplex String Table Record), or, when
keywordTypes is "python", a kind: py:bool py:int py:float py:complex py:string (Table and Record stay).
Array fields carry "array": true and "shape" (casacore order, first axis fastest); their "value" is the
flat list of values in casacore (column-major) order. Scalars: Bool as true/false, integers as JSON
integers (uInt unsigned), Float and Double as python repr() strings of the double value ("nan", "inf",
"-inf" included; a Float is the exact float widened to double), Complex and DComplex as [re, im] of such
strings, String as a JSON string. Record: "value" is a field list. Table: "value" is the referenced
table's path relative to the directory of the table holding the keyword, "exists" tells whether it is
there.

Canonical cell bytes (what the digests hash). Per row:
  1 byte   1 when the cell is defined, 0 when not (an undefined cell has no further bytes)
  int32    ndim (0 for a scalar), then ndim int32: the cell shape in casacore order (= the reversed
           numpy shape)
  values   in casacore column-major order (= numpy C order of getcell's result), little-endian:
           Bool and uChar 1 byte (Bool 0/1), Short/uShort 2, Int/uInt 4, Int64 8, Float 4, Double 8,
           Complex re,im as 2 float32, DComplex re,im as 2 float64 (IEEE bits as stored, NaN payloads
           included), String int32 byte length + UTF-8 bytes, Record as the canonical record below.
All integers in the framing are little-endian int32.
Canonical record (the value of a Record cell; python-casacore gives record cells only as python
values, so scalar fields are encoded by kind): int32 field count, then per field: string name (as
above), one ASCII tag byte, payload:
  'b' bool: 1 byte 0/1;  'i' integer: int64;  'f' floating point: float64;  'c' complex: 2 float64;
  's' string: string;  'r' record: canonical record;
  'a' array: one tag byte of the element kind (b, i, f, c, s), int32 ndim, ndim int32 casacore shape,
      values of that kind in casacore order.
digest: SHA-256 (hex) of the concatenated canonical bytes of all rows. rowDigests: per row the first
16 hex characters of the SHA-256 of that row's canonical bytes.
"""
import hashlib
import json
import os
import struct
import sys

import numpy as np
import casacore.tables as ct

TYPE_NAMES = {'boolean': 'Bool', 'bool': 'Bool', 'char': 'Char', 'uchar': 'uChar', 'short': 'Short',
              'ushort': 'uShort', 'int': 'Int', 'uint': 'uInt', 'int64': 'Int64', 'float': 'Float',
              'double': 'Double', 'complex': 'Complex', 'dcomplex': 'DComplex', 'string': 'String',
              'record': 'Record'}
# little-endian numpy dtype of each numeric casacore type in the canonical form
CANONICAL_DTYPE = {'Bool': '|u1', 'Char': '|i1', 'uChar': '|u1', 'Short': '<i2', 'uShort': '<u2', 'Int': '<i4',
                   'uInt': '<u4', 'Int64': '<i8', 'Float': '<f4', 'Double': '<f8', 'Complex': '<c8',
                   'DComplex': '<c16'}
SCALAR_TYPE_WORDS = {'Bool', 'Char', 'uChar', 'Short', 'uShort', 'Int', 'uInt', 'Int64', 'Float', 'Double',
                     'Complex', 'DComplex', 'String', 'Table'}
CHUNK_ROWS = 4096


def i32(n):
    return struct.pack('<i', n)


def canonical_string(s):
    b = s.encode('utf-8')
    return i32(len(b)) + b


def shape_header(cshape):
    return b'\x01' + i32(len(cshape)) + b''.join(i32(n) for n in cshape)


# ---------------------------------------------------------------- values of cells

def numeric_bytes(values, dtype_name, where):
    """Little-endian canonical bytes of a numpy array of a numeric casacore type."""
    dt = np.dtype(CANONICAL_DTYPE[dtype_name])
    a = np.asarray(values)
    if dtype_name == 'Bool':
        if a.dtype != np.bool_:
            raise SystemExit('%s: expected booleans, got %s' % (where, a.dtype))
        return np.ascontiguousarray(a).view(np.uint8).tobytes()
    c = np.ascontiguousarray(a.astype(dt, copy=False))
    if a.dtype.kind in 'iu' and not np.array_equal(c.ravel(), a.ravel()):
        raise SystemExit('%s: values do not fit %s' % (where, dtype_name))
    if a.dtype.kind in 'fc' and a.dtype.itemsize != dt.itemsize:
        raise SystemExit('%s: python-casacore returned %s for a %s column' % (where, a.dtype, dtype_name))
    return c.tobytes()


def string_array(value):
    """(numpy shape, flat list in C order) of a python-casacore string array value."""
    if isinstance(value, dict):
        return tuple(value['shape']), list(value['array'])
    if isinstance(value, np.ndarray):
        return value.shape, [str(s) for s in value.ravel()]
    return (len(value),), list(value)


def record_bytes(rec):
    out = [i32(len(rec))]
    for name, v in rec.items():
        out.append(canonical_string(name))
        out.append(record_value_bytes(v))
    return b''.join(out)


def kind_of_numpy(dt):
    return {'b': 'b', 'i': 'i', 'u': 'i', 'f': 'f', 'c': 'c', 'U': 's', 'S': 's', 'O': 's'}[dt.kind]


def kind_values(kind, flat):
    if kind == 'b':
        return np.asarray(flat, dtype=np.bool_).view(np.uint8).tobytes()
    if kind == 'i':
        return np.asarray(flat, dtype='<i8').tobytes()
    if kind == 'f':
        return np.asarray(flat, dtype='<f8').tobytes()
    if kind == 'c':
        return np.asarray(flat, dtype='<c16').tobytes()
    return b''.join(canonical_string(s) for s in flat)


def record_value_bytes(v):
    if isinstance(v, dict) and not (set(v) == {'shape', 'array'} and isinstance(v['array'], list)):
        return b'r' + record_bytes(v)
    if isinstance(v, (bool, np.bool_)):
        return b'b' + bytes([1 if v else 0])
    if isinstance(v, (int, np.integer)):
        return b'i' + struct.pack('<q', int(v))
    if isinstance(v, (float, np.floating)):
        return b'f' + struct.pack('<d', float(v))
    if isinstance(v, (complex, np.complexfloating)):
        return b'c' + struct.pack('<dd', v.real, v.imag)
    if isinstance(v, str):
        return b's' + canonical_string(v)
    if isinstance(v, (dict, list)) or (isinstance(v, np.ndarray) and v.dtype.kind in 'USO'):
        nshape, flat = string_array(v)
        return b'as' + i32(len(nshape)) + b''.join(i32(n) for n in reversed(nshape)) + kind_values('s', flat)
    if isinstance(v, np.ndarray):
        kind = kind_of_numpy(v.dtype)
        return (b'a' + kind.encode() + i32(v.ndim) + b''.join(i32(n) for n in reversed(v.shape))
                + kind_values(kind, v.ravel()))
    raise SystemExit('record value of unsupported type %s: %r' % (type(v), v))


def cell_bytes(value, dtype_name, is_array, where):
    """Canonical bytes of one defined cell as getcell returns it."""
    if dtype_name == 'Record':
        return shape_header(()) + record_bytes(value)
    if dtype_name == 'String':
        if not is_array:
            return shape_header(()) + canonical_string(value)
        nshape, flat = string_array(value)
        return shape_header(tuple(reversed(nshape))) + b''.join(canonical_string(s) for s in flat)
    a = np.asarray(value)
    if not is_array:
        # getcell gives a scalar as a python value (a Float as a double): narrow it, checking it is exact
        c = a.astype(CANONICAL_DTYPE[dtype_name])
        if not np.array_equal(c.astype(a.dtype), a, equal_nan=a.dtype.kind in 'fc'):
            raise SystemExit('%s: value %r does not fit %s' % (where, value, dtype_name))
        return shape_header(()) + c.tobytes()
    return shape_header(tuple(reversed(a.shape))) + numeric_bytes(a, dtype_name, where)


def fixed_chunk_rows(t, col, start, n, dtype_name, where):
    """Canonical bytes of rows [start, start+n) of a scalar or fixed-shape column, read with one getcol."""
    values = t.getcol(col, start, n)
    if dtype_name == 'String':
        return [shape_header(()) + canonical_string(s) for s in values]
    a = np.asarray(values)
    if a.shape[:1] != (n,):
        raise SystemExit('%s: getcol gave shape %s for %d rows' % (where, a.shape, n))
    header = shape_header(tuple(reversed(a.shape[1:])))
    body = numeric_bytes(a, dtype_name, where)
    per = len(body) // n if n else 0
    return [header + body[i * per:(i + 1) * per] for i in range(n)]


def column_rows(t, col, dtype_name, is_array, is_fixed):
    """Canonical bytes of every row of a column, in row order. Scalar and fixed-shape columns are read
    with getcol (except String arrays and Records); others cell by cell, as getcol on cells of different
    shapes or undefined cells can crash casacore."""
    nrow = t.nrows()
    where = '%s column %s' % (t.name(), col)
    bulk = (not is_array or is_fixed) and not (is_array and dtype_name == 'String') and dtype_name != 'Record'
    for start in range(0, nrow, CHUNK_ROWS):
        n = min(CHUNK_ROWS, nrow - start)
        if bulk:
            yield from fixed_chunk_rows(t, col, start, n, dtype_name, where)
            continue
        for r in range(start, start + n):
            if is_array and not t.iscelldefined(col, r):
                yield b'\x00'
            else:
                yield cell_bytes(t.getcell(col, r), dtype_name, is_array, '%s row %d' % (where, r))


def column_digests(t, col, dtype_name, is_array, is_fixed):
    total = hashlib.sha256()
    rows = []
    for b in column_rows(t, col, dtype_name, is_array, is_fixed):
        total.update(b)
        rows.append(hashlib.sha256(b).hexdigest()[:16])
    return total.hexdigest(), rows


# ---------------------------------------------------------------- keywords

def keyword_types(path):
    """Casacore type names of table and column keyword fields from TaQL's SHOW TABLE, as
    {('table',) or ('column', name): lines}, or None when SHOW fails."""
    try:
        text = ct.taql("show table '%s' tabkey colkey" % path.replace("'", "\\'"))[0]
    except RuntimeError:
        return None
    sections = {}
    current = None
    for line in text.split('\n'):
        if line == '  Table Keywords':
            current = sections.setdefault(('table',), [])
        elif line.startswith('  Column ') and not line.startswith('   '):
            current = sections.setdefault(('column', line[len('  Column '):]), [])
        elif current is not None:
            current.append(line)
    return sections


class TypeLines:
    """Finds the casacore type word of each field in SHOW TABLE's print of a record, following the
    python keyword dict in order: field lines are '<indent><name>: <Type> ...' or '<indent><name>: {'."""

    def __init__(self, lines):
        self.lines = lines
        self.pos = 0

    def find(self, indent, name):
        prefix = indent + name + ': '
        while self.pos < len(self.lines):
            line = self.lines[self.pos]
            self.pos += 1
            if line.startswith(prefix):
                rest = line[len(prefix):]
                if rest == '{':
                    return 'Record', False
                word = rest.split(' ', 1)[0]
                if word in SCALAR_TYPE_WORDS:
                    return word, rest.startswith(word + ' array with shape')
                raise ValueError('unexpected type in SHOW line %r' % line)
        raise ValueError('field %s not found in SHOW output' % name)


def float_repr(x):
    return repr(float(x))


def typed_scalar(tname, v):
    if tname in ('Float', 'Double', 'py:float'):
        return float_repr(v)
    if tname in ('Complex', 'DComplex', 'py:complex'):
        return [float_repr(v.real), float_repr(v.imag)]
    if tname in ('Bool', 'py:bool'):
        return bool(v)
    if tname == 'String' or tname == 'py:string':
        return str(v)
    return int(v)


def python_kind(v):
    if isinstance(v, (bool, np.bool_)):
        return 'py:bool'
    if isinstance(v, (int, np.integer)):
        return 'py:int'
    if isinstance(v, (float, np.floating)):
        return 'py:float'
    if isinstance(v, (complex, np.complexfloating)):
        return 'py:complex'
    if isinstance(v, str):
        return 'py:string'
    raise SystemExit('keyword value of unsupported type %s: %r' % (type(v), v))


def is_array_value(v):
    return isinstance(v, (np.ndarray, list)) or (isinstance(v, dict) and set(v) == {'shape', 'array'}
                                                 and isinstance(v['array'], list))


def field_list(rec, types, indent, table_dir):
    out = []
    for name, v in rec.items():
        if isinstance(v, str) and v.startswith('Table: '):
            target = v[len('Table: '):]
            if types is not None:
                tname, _ = types.find(indent, name)
                if tname != 'Table':
                    raise SystemExit('%s: keyword %s is %s in SHOW but a table in python' % (table_dir, name, tname))
            out.append({'name': name, 'type': 'Table', 'value': os.path.relpath(target, table_dir),
                        'exists': os.path.isfile(os.path.join(target, 'table.dat'))})
            continue
        if isinstance(v, dict) and not is_array_value(v):
            if types is not None:
                types.find(indent, name)
            out.append({'name': name, 'type': 'Record', 'value': field_list(v, types, indent + '  ', table_dir)})
            continue
        if is_array_value(v):
            if isinstance(v, np.ndarray) and v.dtype.kind not in 'USO':
                nshape, flat = v.shape, list(v.ravel())
                kind = {'b': 'py:bool', 'i': 'py:int', 'u': 'py:int', 'f': 'py:float', 'c': 'py:complex'}[v.dtype.kind]
            else:
                nshape, flat = string_array(v)
                kind = 'py:string'
            tname = kind
            if types is not None:
                tname, is_arr = types.find(indent, name)
                if not is_arr:
                    raise SystemExit('%s: keyword %s is a scalar in SHOW but an array in python' % (table_dir, name))
            out.append({'name': name, 'type': tname, 'array': True, 'shape': list(reversed(nshape)),
                        'value': [typed_scalar(kind, x) for x in flat]})
            continue
        tname = python_kind(v)
        if types is not None:
            tname, is_arr = types.find(indent, name)
            if is_arr:
                raise SystemExit('%s: keyword %s is an array in SHOW but a scalar in python' % (table_dir, name))
        out.append({'name': name, 'type': tname, 'value': typed_scalar(tname, v)})
    return out


def typed_fields(rec, sections, key, table_dir):
    """Field list of a keyword record, with casacore types when SHOW gave them."""
    if sections is None:
        return field_list(rec, None, '    ', table_dir)
    return field_list(rec, TypeLines(sections.get(key, [])), '    ', table_dir)


# ---------------------------------------------------------------- tables

def dump_table(path, root, keyword_path):
    t = ct.table(path, ack=False)
    sections = keyword_types(path)
    dminfo = {}
    for dm in t.getdminfo().values():
        for c in dm['COLUMNS']:
            dminfo[c] = dm['TYPE']
    columns = []
    for col in t.colnames():
        desc = t.getcoldesc(col)
        dtype_name = TYPE_NAMES[desc['valueType']]
        is_array = 'ndim' in desc
        is_fixed = is_array and (desc.get('option', 0) & 4) != 0 and len(desc.get('shape', [])) > 0
        digest, rows = column_digests(t, col, dtype_name, is_array, is_fixed)
        shape = [int(n) for n in desc.get('shape', [])]
        columns.append({'name': col, 'dataType': dtype_name, 'isArray': is_array,
                        'dataManagerType': dminfo.get(col, ''),
                        'desc': {'ndim': int(desc.get('ndim', 0)),
                                 'shape': shape[::-1] if desc.get('_c_order', False) else shape,
                                 'options': int(desc['option']), 'maxLength': int(desc['maxlen']),
                                 'comment': desc['comment']},
                        'keywords': typed_fields(t.getcolkeywords(col), sections, ('column', col), path),
                        'digest': digest, 'rowDigests': rows})
    keywords = typed_fields(t.getkeywords(), sections, ('table',), path)
    subtables = [{'keyword': f['name'], 'path': f['value'], 'exists': f['exists']}
                 for f in keywords if f['type'] == 'Table']
    info = t.info()
    entry = {'path': os.path.relpath(path, root), 'keywordPath': keyword_path, 'rows': t.nrows(),
             'columns': t.colnames(), 'endian': t.endianformat(),
             'info': {'type': info['type'], 'subType': info['subType'], 'readme': info['readme']},
             'keywordTypes': 'python' if sections is None else 'casacore',
             'keywords': keywords, 'subtables': subtables, 'columnData': columns}
    t.close()
    return entry


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    root = os.path.abspath(sys.argv[1])
    tables = []
    seen = set()
    todo = [(root, [])]
    while todo:
        path, kpath = todo.pop(0)
        real = os.path.realpath(path)
        if real in seen:
            continue
        seen.add(real)
        entry = dump_table(path, root, kpath)
        tables.append(entry)
        for s in entry['subtables']:
            if s['exists']:
                todo.append((os.path.normpath(os.path.join(path, s['path'])), kpath + [s['keyword']]))
    with open(sys.argv[2], 'w') as f:
        json.dump({'format': 1, 'table': root, 'tables': tables}, f, allow_nan=False)


if __name__ == '__main__':
    main()
