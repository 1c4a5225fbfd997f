// Draws the app icon (an open book under a sensor "eye") as resources/icons/icon.svg and a 512x512 icon.png.
// The PNG is rasterized here with 4x4 supersampling and encoded with node:zlib, so no image tools are needed.
// Run: node scripts/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const colors = { bg: '#13505b', page: '#f4f1e8', line: '#b9b29f', eye: '#f29e4c' };
const pageLeft = [[96, 176], [248, 212], [248, 396], [96, 360]];
const pageRight = [[264, 212], [416, 176], [416, 360], [264, 396]];
// Text lines on each page: short parallelograms following the page's slant.
const lines = [];
for (const [x0, x1, slant] of [[120, 224, 36 / 152], [288, 392, -36 / 152]]) {
  for (let i = 0; i < 4; i += 1) {
    const y = 232 + i * 36;
    const yAt = (x) => y + (x - (slant > 0 ? 96 : 416)) * slant;
    lines.push([[x0, yAt(x0)], [x1, yAt(x1)], [x1, yAt(x1) + 10], [x0, yAt(x0) + 10]]);
  }
}
const eye = { cx: 256, cy: 120, r: 40 };
const pupil = { cx: 256, cy: 120, r: 14 };

const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}" width="${SIZE}" height="${SIZE}">
  <rect x="32" y="32" width="448" height="448" rx="96" fill="${colors.bg}"/>
  ${[pageLeft, pageRight].map((p) => `<polygon points="${p.map((q) => q.join(',')).join(' ')}" fill="${colors.page}"/>`).join('\n  ')}
  ${lines.map((p) => `<polygon points="${p.map((q) => q.map((n) => n.toFixed(1)).join(',')).join(' ')}" fill="${colors.line}"/>`).join('\n  ')}
  <circle cx="${eye.cx}" cy="${eye.cy}" r="${eye.r}" fill="${colors.eye}"/>
  <circle cx="${pupil.cx}" cy="${pupil.cy}" r="${pupil.r}" fill="${colors.bg}"/>
</svg>
`;

function rgb(hex) {
  return [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
}
function inConvex(poly, x, y) {
  let sign = 0;
  for (let i = 0; i < poly.length; i += 1) {
    const [ax, ay] = poly[i];
    const [bx, by] = poly[(i + 1) % poly.length];
    const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    if (cross !== 0) {
      if (sign === 0) sign = Math.sign(cross);
      else if (Math.sign(cross) !== sign) return false;
    }
  }
  return true;
}
function inRoundRect(x, y, x0, y0, w, h, r) {
  const cx = Math.min(Math.max(x, x0 + r), x0 + w - r);
  const cy = Math.min(Math.max(y, y0 + r), y0 + h - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}
const inCircle = (c, x, y) => (x - c.cx) ** 2 + (y - c.cy) ** 2 <= c.r * c.r;

// The topmost shape at a point, painter's order reversed; null is transparent.
function colorAt(x, y) {
  if (inCircle(pupil, x, y)) return colors.bg;
  if (inCircle(eye, x, y)) return colors.eye;
  if (lines.some((p) => inConvex(p, x, y))) return colors.line;
  if (inConvex(pageLeft, x, y) || inConvex(pageRight, x, y)) return colors.page;
  if (inRoundRect(x, y, 32, 32, 448, 448, 96)) return colors.bg;
  return null;
}

const SS = 4;
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y += 1) {
  const row = y * (SIZE * 4 + 1);
  raw[row] = 0; // filter: none
  for (let x = 0; x < SIZE; x += 1) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < SS; sy += 1) {
      for (let sx = 0; sx < SS; sx += 1) {
        const c = colorAt(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS);
        if (!c) continue;
        const [cr, cg, cb] = rgb(c);
        r += cr; g += cg; b += cb; a += 1;
      }
    }
    const o = row + 1 + x * 4;
    if (a > 0) {
      raw[o] = Math.round(r / a);
      raw[o + 1] = Math.round(g / a);
      raw[o + 2] = Math.round(b / a);
    }
    raw[o + 3] = Math.round((a / (SS * SS)) * 255);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
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
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);

const dir = new URL('../resources/icons/', import.meta.url);
writeFileSync(new URL('icon.svg', dir), svg);
writeFileSync(new URL('icon.png', dir), png);
console.log(`icon.svg ${svg.length} B, icon.png ${png.length} B`);
