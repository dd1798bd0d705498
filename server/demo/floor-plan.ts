import { deflateSync } from 'node:zlib';
import type { SpaceKind, ZoneCharacter } from '../../shared/types.js';

/**
 * Draws the demo's floor plans: one PNG per floor with its walls, the rooms along the top, the
 * zone with its desks in a grid, a corridor with the stairs and a legend, and returns where each
 * space's marker goes (the middle of its room or desk cell, as fractions of the image). Drawn in
 * code with a small bitmap font, so the demo needs no image tools and stays fast to seed.
 *
 * The image is 1280 px wide and shown at about 640 CSS px, so a desk cell (300 x 104 px) holds a
 * 44 px marker with its code and status without touching the next one.
 */

export interface PlanSpace {
  code: string;
  kind: SpaceKind;
}

export interface DrawnPlan {
  png: Buffer;
  /** Marker places by space code, as fractions of the image's width and height. */
  at: Map<string, { x: number; y: number }>;
}

const W = 1280;
const MARGIN = 20;
const WALL = 8;
const COLUMNS = 4;
const CELL = { w: 300, h: 104 };
const ROOM = { w: 300, h: 180 };

// Palette indexes; the colours are light so the markers' own colours stay readable on top.
const C = { bg: 0, wall: 1, text: 2, corridor: 3, desk: 4, stairs: 5, meeting: 6, call: 7, focus: 8, multi: 9, zone: 10 } as const;
const zoneColours: Record<ZoneCharacter, [number, number, number]> = {
  dynamisch: [255, 236, 214],
  gemengd: [236, 228, 250],
  geconcentreerd: [218, 240, 240],
  rust: [226, 242, 222],
};
const palette = (character: ZoneCharacter): [number, number, number][] => [
  [255, 255, 255],
  [34, 34, 34],
  [34, 34, 34],
  [238, 238, 238],
  [120, 120, 120],
  [200, 200, 200],
  [214, 230, 250],
  [252, 243, 200],
  [226, 246, 214],
  [246, 222, 236],
  zoneColours[character],
];

const roomFill: Partial<Record<SpaceKind, number>> = { meeting: C.meeting, call: C.call, focus: C.focus, multi: C.multi };
const roomWord: Record<SpaceKind, string> = { desk: 'WERKPLEK', meeting: 'VERGADERRUIMTE', call: 'BELCEL', focus: 'FOCUSRUIMTE', multi: 'MULTIFUNCTIONEEL' };

/** 5 x 7 capitals, digits and the few signs the plans use; each row a 5-bit pattern. */
const font: Record<string, string> = {
  A: '01110 10001 10001 11111 10001 10001 10001', B: '11110 10001 10001 11110 10001 10001 11110',
  C: '01110 10001 10000 10000 10000 10001 01110', D: '11110 10001 10001 10001 10001 10001 11110',
  E: '11111 10000 10000 11110 10000 10000 11111', F: '11111 10000 10000 11110 10000 10000 10000',
  G: '01110 10001 10000 10111 10001 10001 01111', H: '10001 10001 10001 11111 10001 10001 10001',
  I: '01110 00100 00100 00100 00100 00100 01110', J: '00111 00010 00010 00010 00010 10010 01100',
  K: '10001 10010 10100 11000 10100 10010 10001', L: '10000 10000 10000 10000 10000 10000 11111',
  M: '10001 11011 10101 10101 10001 10001 10001', N: '10001 11001 10101 10011 10001 10001 10001',
  O: '01110 10001 10001 10001 10001 10001 01110', P: '11110 10001 10001 11110 10000 10000 10000',
  Q: '01110 10001 10001 10001 10101 10010 01101', R: '11110 10001 10001 11110 10100 10010 10001',
  S: '01111 10000 10000 01110 00001 00001 11110', T: '11111 00100 00100 00100 00100 00100 00100',
  U: '10001 10001 10001 10001 10001 10001 01110', V: '10001 10001 10001 10001 10001 01010 00100',
  W: '10001 10001 10001 10101 10101 10101 01010', X: '10001 10001 01010 00100 01010 10001 10001',
  Y: '10001 10001 01010 00100 00100 00100 00100', Z: '11111 00001 00010 00100 01000 10000 11111',
  0: '01110 10001 10011 10101 11001 10001 01110', 1: '00100 01100 00100 00100 00100 00100 01110',
  2: '01110 10001 00001 00010 00100 01000 11111', 3: '11111 00010 00100 00010 00001 10001 01110',
  4: '00010 00110 01010 10010 11111 00010 00010', 5: '11111 10000 11110 00001 00001 10001 01110',
  6: '00110 01000 10000 11110 10001 10001 01110', 7: '11111 00001 00010 00100 01000 01000 01000',
  8: '01110 10001 10001 01110 10001 10001 01110', 9: '01110 10001 10001 01111 00001 00010 01100',
  ' ': '00000 00000 00000 00000 00000 00000 00000', '-': '00000 00000 00000 11111 00000 00000 00000',
  '·': '00000 00000 00000 00100 00000 00000 00000', '/': '00001 00010 00010 00100 01000 01000 10000',
  '(': '00010 00100 01000 01000 01000 00100 00010', ')': '01000 00100 00010 00010 00010 00100 01000',
};
const glyphs = new Map(Object.entries(font).map(([ch, rows]) => [ch, rows.split(' ').map((r) => parseInt(r, 2))]));

class Canvas {
  readonly px: Uint8Array;
  constructor(readonly w: number, readonly h: number) {
    this.px = new Uint8Array(w * h);
  }
  rect(x: number, y: number, w: number, h: number, c: number): void {
    const x0 = Math.max(0, Math.round(x)), x1 = Math.min(this.w, Math.round(x + w));
    for (let yy = Math.max(0, Math.round(y)); yy < Math.min(this.h, Math.round(y + h)); yy++) this.px.fill(c, yy * this.w + x0, yy * this.w + x1);
  }
  /** A walled box; `door` leaves a gap in the bottom wall, where the room opens to the corridor. */
  box(x: number, y: number, w: number, h: number, fill: number, wall = WALL, door = 0, wallColour: number = C.wall): void {
    this.rect(x, y, w, h, wallColour);
    this.rect(x + wall, y + wall, w - 2 * wall, h - 2 * wall, fill);
    if (door) this.rect(x + (w - door) / 2, y + h - wall, door, wall, fill);
  }
  text(s: string, x: number, y: number, scale: number, c = C.text): number {
    for (const ch of s.toUpperCase()) {
      const g = glyphs.get(ch) ?? glyphs.get(' ')!;
      g.forEach((row, r) => {
        for (let col = 0; col < 5; col++) if (row & (1 << (4 - col))) this.rect(x + col * scale, y + r * scale, scale, scale, c);
      });
      x += 6 * scale;
    }
    return x;
  }
  static textWidth = (s: string, scale: number) => s.length * 6 * scale - scale;
}

/** A palette PNG (colour type 3): a few kilobytes for a plan of flat colours. */
function encodePng(canvas: Canvas, colours: [number, number, number][]): Buffer {
  const raw = Buffer.alloc(canvas.h * (canvas.w + 1));
  for (let y = 0; y < canvas.h; y++) raw.set(canvas.px.subarray(y * canvas.w, (y + 1) * canvas.w), y * (canvas.w + 1) + 1);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(canvas.w, 0);
  ihdr.writeUInt32BE(canvas.h, 4);
  ihdr.set([8, 3, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('PLTE', Buffer.from(colours.flat())),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const byte of b) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** One floor: its title, its zone (name and character) and its spaces in code order. */
export function drawFloorPlan(floor: { title: string; zone: string; character: ZoneCharacter; spaces: PlanSpace[] }): DrawnPlan {
  const rooms = floor.spaces.filter((s) => s.kind !== 'desk');
  const desks = floor.spaces.filter((s) => s.kind === 'desk');
  const inner = W - 2 * MARGIN;
  const roomRows = Math.ceil(rooms.length / COLUMNS);
  const deskRows = Math.ceil(desks.length / COLUMNS);
  const top = { title: MARGIN + WALL + 24, rooms: MARGIN + 100 };
  const corridorY = top.rooms + roomRows * ROOM.h;
  const zoneY = corridorY + 90;
  const zoneH = 70 + deskRows * CELL.h + 20;
  const buildingH = zoneY + zoneH + WALL - MARGIN;
  const legendY = MARGIN + buildingH + 30;
  const kinds = [...new Set(rooms.map((r) => r.kind))];
  const legend: [number, number, string][] = [
    [C.zone, C.wall, `ZONE ${floor.zone} (${floor.character})`],
    ...(desks.length ? [[C.bg, C.desk, 'WERKPLEK'] as [number, number, string]] : []),
    ...kinds.map((k): [number, number, string] => [roomFill[k] ?? C.corridor, C.wall, roomWord[k]]),
    [C.stairs, C.wall, 'TRAP EN LIFT'],
    [C.corridor, C.wall, 'GANG'],
  ];
  const H = legendY + 70 + legend.length * 52 + MARGIN;
  const cv = new Canvas(W, H);
  const at = new Map<string, { x: number; y: number }>();
  const place = (code: string, x: number, y: number) => at.set(code, { x: x / W, y: y / H });

  // The building: outer walls, the title, the corridor with stairs and lift at the far end.
  cv.box(MARGIN, MARGIN, inner, buildingH, C.bg, WALL * 1.5);
  cv.text(floor.title, MARGIN + 30, top.title, 5);
  cv.rect(MARGIN + WALL * 1.5, corridorY, inner - WALL * 3, 90, C.corridor);
  cv.text('GANG', MARGIN + 40, corridorY + 31, 4);
  cv.box(W - MARGIN - 250, corridorY + 5, 230, 80, C.stairs, 4);
  cv.text('TRAP LIFT', W - MARGIN - 250 + (230 - Canvas.textWidth('TRAP LIFT', 3)) / 2, corridorY + 34, 3);

  // Rooms along the top, opening onto the corridor; the marker sits below the room's name.
  const roomW = Math.min(ROOM.w, (inner - WALL * 3) / COLUMNS);
  const roomX0 = MARGIN + (inner - COLUMNS * roomW) / 2;
  rooms.forEach((r, i) => {
    const x = roomX0 + (i % COLUMNS) * roomW;
    const y = top.rooms + Math.floor(i / COLUMNS) * ROOM.h;
    cv.box(x, y, roomW, ROOM.h, roomFill[r.kind] ?? C.corridor, 6, 90);
    const word = roomWord[r.kind];
    cv.text(word, x + (roomW - Canvas.textWidth(word, 3)) / 2, y + 18, 3);
    place(r.code, x + roomW / 2, y + 108);
  });

  // The zone with its desks in a grid; each desk a table outline under its marker.
  cv.rect(MARGIN + WALL * 1.5, zoneY, inner - WALL * 3, zoneH, C.zone);
  cv.text(`ZONE ${floor.zone} (${floor.character})`, MARGIN + 40, zoneY + 22, 4);
  const gridX0 = MARGIN + (inner - COLUMNS * CELL.w) / 2;
  desks.forEach((d, i) => {
    const x = gridX0 + (i % COLUMNS) * CELL.w;
    const y = zoneY + 70 + Math.floor(i / COLUMNS) * CELL.h;
    cv.rect(x + 30, y + 10, CELL.w - 60, CELL.h - 20, C.desk);
    cv.rect(x + 34, y + 14, CELL.w - 68, CELL.h - 28, C.bg);
    place(d.code, x + CELL.w / 2, y + CELL.h / 2);
  });

  // The legend, below the building: a swatch and its meaning per line.
  cv.text('LEGENDA', MARGIN, legendY, 5);
  legend.forEach(([fill, wall, words], i) => {
    const y = legendY + 70 + i * 52;
    cv.box(MARGIN, y, 60, 40, fill, 4, 0, wall);
    cv.text(words, MARGIN + 80, y + 6, 4);
  });
  return { png: encodePng(cv, palette(floor.character)), at };
}
