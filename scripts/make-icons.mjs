// Draws Tend's app icons (a white check inside a leaf, on green) as real PNGs with nothing but
// node:zlib, so the icons are reproducible on any machine: `node scripts/make-icons.mjs`.
// Shapes are signed-distance functions sampled 4x4 per pixel for smooth edges.
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const OUT = 'public/icons';
const GREEN_TOP = [0x2f, 0x9e, 0x5b];
const GREEN_BOTTOM = [0x1b, 0x6e, 0x3f];
const LEAF = [0xf4, 0xfb, 0xf6];
const CHECK = [0x1f, 0x7a, 0x47];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Encodes straight RGBA pixels as a PNG (colour type 6, 8 bits, no filter). */
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const roundedSquare = (x, y, half, r) => {
  const qx = Math.abs(x) - half + r;
  const qy = Math.abs(y) - half + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};

// A leaf: the intersection of two circles, tilted 45 degrees.
const leaf = (x, y) => {
  const c = Math.SQRT1_2;
  const u = (x + y) * c;
  const v = (y - x) * c;
  const R = 0.66;
  const off = 0.34;
  return Math.max(Math.hypot(u - off, v) - R, Math.hypot(u + off, v) - R);
};

const segment = (x, y, ax, ay, bx, by) => {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const h = Math.min(Math.max((px * dx + py * dy) / (dx * dx + dy * dy), 0), 1);
  return Math.hypot(px - dx * h, py - dy * h);
};

const check = (x, y) =>
  Math.min(segment(x, y, -0.22, 0.0, -0.06, 0.16), segment(x, y, -0.06, 0.16, 0.24, -0.14)) - 0.06;

const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);

/**
 * Paints one icon. `maskable` fills the whole square (platforms crop it) and keeps the mark in
 * the central 80 % safe zone; the regular icon is a rounded square with transparent corners.
 */
function paint(size, { maskable }) {
  const rgba = Buffer.alloc(size * size * 4);
  const markScale = maskable ? 0.66 : 0.82;
  const S = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const x = ((px + (sx + 0.5) / S) / size) * 2 - 1;
          const y = ((py + (sy + 0.5) / S) / size) * 2 - 1;
          if (!maskable && roundedSquare(x, y, 1, 0.42) > 0) continue;
          let colour = mix(GREEN_TOP, GREEN_BOTTOM, (y + 1) / 2);
          const mx = x / markScale;
          const my = y / markScale;
          if (leaf(mx, my) < 0) colour = check(mx, my) < 0 ? CHECK : LEAF;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const i = (py * size + px) * 4;
      // Straight (not premultiplied) alpha: average colour over the covered samples only.
      rgba[i] = a ? Math.round(r / a) : 0;
      rgba[i + 1] = a ? Math.round(g / a) : 0;
      rgba[i + 2] = a ? Math.round(b / a) : 0;
      rgba[i + 3] = Math.round((a / (S * S)) * 255);
    }
  }
  return encodePng(size, rgba);
}

/** An .ico holding one PNG image (supported by every current browser). */
function icoFromPng(size, png) {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(1, 4);
  header[6] = size >= 256 ? 0 : size;
  header[7] = size >= 256 ? 0 : size;
  header.writeUInt16LE(1, 10);
  header.writeUInt16LE(32, 12);
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18);
  return Buffer.concat([header, png]);
}

mkdirSync(OUT, { recursive: true });
const files = {
  'icon-192.png': paint(192, { maskable: false }),
  'icon-512.png': paint(512, { maskable: false }),
  'maskable-512.png': paint(512, { maskable: true }),
  'apple-touch-icon-180.png': paint(180, { maskable: true }),
};
for (const [name, png] of Object.entries(files)) writeFileSync(join(OUT, name), png);
writeFileSync('public/favicon.ico', icoFromPng(32, paint(32, { maskable: false })));
console.log(`wrote ${Object.keys(files).length} icons to ${OUT} and public/favicon.ico`);
