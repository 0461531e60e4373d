// Writes the app's icons into public/ from one drawing (the mark of src/app/icon.svg: a white ring
// and dot on an indigo rounded square), so favicon.ico and the PNGs of the web app manifest agree
// with the SVG. No image library: pixels are computed (4x4 samples each, for smooth edges) and
// stored as PNG with node:zlib; the .ico holds the 32 px PNG. Run: node scripts/app-icons.mjs
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const INDIGO = [0x4f, 0x46, 0xe5];
const WHITE = [0xff, 0xff, 0xff];

/** The colour and coverage of a point of the 32-unit drawing (null outside the square). */
function paint(x, y, maskable) {
  // A maskable icon fills its square (the platform cuts its own shape) and keeps the mark in the
  // middle 80%: the drawing is scaled into it.
  const [u, v] = maskable ? [16 + (x - 16) / 0.8, 16 + (y - 16) / 0.8] : [x, y];
  if (!maskable) {
    const r = 8; // corner radius
    const cx = Math.min(Math.max(x, r), 32 - r);
    const cy = Math.min(Math.max(y, r), 32 - r);
    if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  }
  const d = Math.hypot(u - 16, v - 16);
  return (d >= 5.5 && d <= 8.5) || d <= 2.5 ? WHITE : INDIGO;
}

function pixels(size, maskable) {
  const rgba = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++)
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++)
        for (let sx = 0; sx < n; sx++) {
          const c = paint(((px + (sx + 0.5) / n) * 32) / size, ((py + (sy + 0.5) / n) * 32) / size, maskable);
          if (!c) continue;
          for (let k = 0; k < 3; k++) sum[k] += c[k];
          sum[3]++;
        }
      const i = (py * size + px) * 4;
      for (let k = 0; k < 3; k++) rgba[i + k] = sum[3] ? Math.round(sum[k] / sum[3]) : 0;
      rgba[i + 3] = Math.round((255 * sum[3]) / (n * n));
    }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function png(size, maskable = false) {
  const rgba = pixels(size, maskable);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** An .ico with one PNG image inside (every current browser reads it). */
function ico(size) {
  const image = png(size);
  const head = Buffer.alloc(22);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2); // icon
  head.writeUInt16LE(1, 4); // one image
  head.set([size, size, 0, 0], 6);
  head.writeUInt16LE(1, 10); // planes
  head.writeUInt16LE(32, 12); // bits per pixel
  head.writeUInt32LE(image.length, 14);
  head.writeUInt32LE(22, 18);
  return Buffer.concat([head, image]);
}

writeFileSync("public/favicon.ico", ico(32));
writeFileSync("public/apple-touch-icon.png", png(180, true));
writeFileSync("public/icon-192.png", png(192));
writeFileSync("public/icon-512.png", png(512));
writeFileSync("public/icon-maskable-512.png", png(512, true));
