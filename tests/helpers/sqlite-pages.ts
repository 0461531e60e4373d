// Reads a SQLite database file and its write-ahead log page by page, as someone holding a copy
// of them could: every page of the file, and every frame of the log (current, checkpointed or
// left over from before a log reset). B-tree pages are decoded into their records, so that a
// value stored anywhere, in a live row or an old version of one, can be found; every page is
// also kept as raw bytes, for what lies outside the records (free space, free pages).
// File format: https://www.sqlite.org/fileformat2.html

export type SqlValue = null | number | bigint | string | Buffer;

export interface PageImage {
  /** Where it was read: "db page 3", "wal frame 12 (page 3)". */
  where: string;
  bytes: Buffer;
  /** The records of a b-tree page (cells), each as its column values; [] for other pages. */
  records: SqlValue[][];
}

const WAL_HEADER = 32;
const FRAME_HEADER = 24;

/** Page size from a database header (1 means 65536). */
function dbPageSize(db: Buffer): number {
  const size = db.readUInt16BE(16);
  return size === 1 ? 65536 : size;
}

export function pagesOf(db: Buffer, wal: Buffer | null): PageImage[] {
  const images: PageImage[] = [];
  if (db.length >= 100) {
    const size = dbPageSize(db);
    const reserved = db[20];
    for (let n = 0; n * size < db.length; n++) {
      const bytes = db.subarray(n * size, (n + 1) * size);
      images.push({ where: `db page ${n + 1}`, bytes, records: recordsOf(bytes, n === 0, size - reserved) });
    }
  }
  if (wal && wal.length >= WAL_HEADER) {
    const size = wal.readUInt32BE(8);
    const reserved = db.length >= 100 ? db[20] : 0;
    for (let offset = WAL_HEADER, frame = 1; offset + FRAME_HEADER + size <= wal.length; frame++) {
      const page = wal.readUInt32BE(offset);
      const bytes = wal.subarray(offset + FRAME_HEADER, offset + FRAME_HEADER + size);
      images.push({
        where: `wal frame ${frame} (page ${page})`,
        bytes,
        records: recordsOf(bytes, page === 1, size - reserved),
      });
      offset += FRAME_HEADER + size;
    }
  }
  return images;
}

function varint(buf: Buffer, at: number): [value: number, length: number] {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    if (at + i >= buf.length) return [value, i + 1];
    const byte = buf[at + i];
    if (i === 8) return [value * 256 + byte, 9];
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) return [value, i + 1];
  }
  return [value, 9];
}

const LEAF_TABLE = 13;
const LEAF_INDEX = 10;
const INTERIOR_TABLE = 5;
const INTERIOR_INDEX = 2;

/** The records held by a b-tree page; [] when the page is not one (overflow, free, garbage). */
function recordsOf(page: Buffer, first: boolean, usable: number): SqlValue[][] {
  const h = first ? 100 : 0;
  const type = page[h];
  if (![LEAF_TABLE, LEAF_INDEX, INTERIOR_TABLE, INTERIOR_INDEX].includes(type)) return [];
  const cells = page.readUInt16BE(h + 3);
  const headerSize = type === LEAF_TABLE || type === LEAF_INDEX ? 8 : 12;
  const records: SqlValue[][] = [];
  for (let i = 0; i < cells; i++) {
    const pointerAt = h + headerSize + 2 * i;
    if (pointerAt + 2 > page.length) break;
    const cell = page.readUInt16BE(pointerAt);
    if (cell === 0 || cell >= page.length) continue;
    const payload = payloadOf(page, cell, type, usable);
    if (payload) records.push(decodeRecord(payload));
  }
  return records;
}

/** The part of a cell's payload stored on this page (the rest, if any, is on overflow pages). */
function payloadOf(page: Buffer, cell: number, type: number, usable: number): Buffer | null {
  let at = cell;
  if (type === INTERIOR_TABLE) return null; // a child pointer and a rowid: no payload
  if (type === INTERIOR_INDEX) at += 4;
  const [size, sizeLength] = varint(page, at);
  at += sizeLength;
  if (type === LEAF_TABLE) at += varint(page, at)[1]; // the rowid
  const maxLocal = type === LEAF_TABLE ? usable - 35 : Math.floor(((usable - 12) * 64) / 255) - 23;
  let local = size;
  if (size > maxLocal) {
    const minLocal = Math.floor(((usable - 12) * 32) / 255) - 23;
    const k = minLocal + ((size - minLocal) % (usable - 4));
    local = k <= maxLocal ? k : minLocal;
  }
  return page.subarray(at, Math.min(at + local, page.length));
}

/** A record's values; a value cut short (overflow, a damaged page) is kept as far as it goes. */
function decodeRecord(payload: Buffer): SqlValue[] {
  const [headerSize, first] = varint(payload, 0);
  const types: number[] = [];
  for (let at = first; at < headerSize && at < payload.length;) {
    const [type, length] = varint(payload, at);
    types.push(type);
    at += length;
  }
  const values: SqlValue[] = [];
  let at = headerSize;
  for (const type of types) {
    if (at > payload.length) break;
    const [value, length] = decodeValue(payload, at, type);
    values.push(value);
    at += length;
  }
  return values;
}

const INT_BYTES = [0, 1, 2, 3, 4, 6, 8];

function decodeValue(buf: Buffer, at: number, type: number): [SqlValue, number] {
  if (type === 0) return [null, 0];
  if (type === 8) return [0, 0];
  if (type === 9) return [1, 0];
  if (type >= 1 && type <= 6) {
    const n = INT_BYTES[type];
    if (at + n > buf.length) return [null, n];
    return [type === 6 ? buf.readBigInt64BE(at) : buf.readIntBE(at, n), n];
  }
  if (type === 7) return [at + 8 <= buf.length ? buf.readDoubleBE(at) : null, 8];
  if (type >= 12) {
    const n = Math.floor((type - 12) / 2);
    const bytes = buf.subarray(at, Math.min(at + n, buf.length));
    return [type % 2 === 1 ? bytes.toString("utf8") : Buffer.from(bytes), n];
  }
  return [null, 0]; // 10, 11: reserved
}
