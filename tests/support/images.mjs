// Test images made in code, so that each test says exactly what is inside: a small JPEG with a
// chosen EXIF orientation and GPS position, valid PNGs, and a PNG whose header claims a size no
// server should try to decode.
import { deflateSync, crc32 } from 'node:zlib';

// 64×48 baseline JPEG without metadata (made once with libvips).
const BASE_JPEG = Buffer.from('/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAwAEADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwD5rgrQgrPgrQgr7SZxyNCDtWjB2rOg7Vowdq5ZmEjQg7VoQVnwdq0IK5JmEjQgrRg7VnQVowdq5JmEjw2CtCCs+CtCCvoJnqyNCDtWjB2rOg7Vowdq5ZmEjQg7VoQVnwdq0IK5JmEjQgrRg7VnQVowdq5JmEjw2CtCCs+CtCCvoJnqyNCDtWjB2rOg7Vowdq5ZmEjQg7VoQVnwdq0IK5JmEjQgrRg7VnQVowdq5JmEj//Z', 'base64');

// The GPS latitude written into photos: 36° 5' 12.34" N, as the rationals EXIF stores.
export const GPS_LATITUDE_BYTES = Buffer.from([0, 0, 0, 36, 0, 0, 0, 1, 0, 0, 0, 5, 0, 0, 0, 1, 0, 0, 4, 0xd2, 0, 0, 0, 100]);

function ifdEntry(tag, type, count, value) {
  const e = Buffer.alloc(12);
  e.writeUInt16BE(tag, 0);
  e.writeUInt16BE(type, 2);
  e.writeUInt32BE(count, 4);
  value.copy(e, 8);
  return e;
}

// A phone photo: the base JPEG with an APP1 EXIF segment holding an orientation and a GPS IFD.
export function photoWithGps({ orientation = 1 } = {}) {
  const short = (v) => Buffer.from([v >> 8, v & 255, 0, 0]);
  const long = (v) => { const b = Buffer.alloc(4); b.writeUInt32BE(v); return b; };
  const gpsOffset = 8 + 2 + 2 * 12 + 4;
  const dataOffset = gpsOffset + 2 + 2 * 12 + 4;
  const tiff = Buffer.concat([
    Buffer.from('MM\x00\x2a\x00\x00\x00\x08', 'latin1'),
    Buffer.from([0, 2]),
    ifdEntry(0x0112, 3, 1, short(orientation)),
    ifdEntry(0x8825, 4, 1, long(gpsOffset)),
    long(0),
    Buffer.from([0, 2]),
    ifdEntry(0x0001, 2, 2, Buffer.from('N\x00\x00\x00', 'latin1')),
    ifdEntry(0x0002, 5, 3, long(dataOffset)),
    long(0),
    GPS_LATITUDE_BYTES,
  ]);
  const body = Buffer.concat([Buffer.from('Exif\x00\x00', 'latin1'), tiff]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 255]), body]);
  return Buffer.concat([BASE_JPEG.subarray(0, 2), app1, BASE_JPEG.subarray(2)]);
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([len, typed, crc]);
}

function ihdr(width, height) {
  const h = Buffer.alloc(13);
  h.writeUInt32BE(width, 0);
  h.writeUInt32BE(height, 4);
  h[8] = 8; // bit depth
  h[9] = 2; // RGB
  return h;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// A valid RGB PNG filled with one colour.
export function png(width, height, [r, g, b] = [200, 60, 60]) {
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set([r, g, b], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr(width, height)), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// A decompression bomb: the header claims width × height pixels (50,000 × 50,000 would need
// 7.5 GB decoded); the data is the start of a stream of zeros that would inflate to all of it.
export function pngBomb(width = 50000, height = 50000) {
  const rows = deflateSync(Buffer.alloc(1 + width * 3 * 4));
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr(width, height)), chunk('IDAT', rows), chunk('IEND', Buffer.alloc(0))]);
}
