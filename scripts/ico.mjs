// A Windows .ico writer: 32-bit BMP (DIB) entries below 256 px, which every consumer reads (NSIS, old shells),
// and a PNG entry at 256 px. Lets each size come from its own hand-fitted rendering.

/** Encodes one square RGBA (straight alpha) image as an ICO DIB entry: BITMAPINFOHEADER, BGRA rows bottom-up, AND mask. */
export function encodeDib(size, rgba) {
  if (rgba.length !== size * size * 4) throw new Error(`ico: ${size}px image needs ${size * size * 4} bytes, got ${rgba.length}`);
  const maskRow = Math.ceil(size / 32) * 4;
  const out = Buffer.alloc(40 + size * size * 4 + maskRow * size);
  out.writeUInt32LE(40, 0);
  out.writeInt32LE(size, 4);
  out.writeInt32LE(size * 2, 8); // colour rows + mask rows
  out.writeUInt16LE(1, 12);
  out.writeUInt16LE(32, 14);
  out.writeUInt32LE(size * size * 4 + maskRow * size, 20);
  for (let y = 0; y < size; y += 1) {
    const row = 40 + (size - 1 - y) * size * 4;
    for (let x = 0; x < size; x += 1) {
      const s = (y * size + x) * 4;
      out[row + x * 4] = rgba[s + 2];
      out[row + x * 4 + 1] = rgba[s + 1];
      out[row + x * 4 + 2] = rgba[s];
      out[row + x * 4 + 3] = rgba[s + 3];
    }
  }
  // The AND mask stays all zero: the alpha channel decides transparency for 32-bit entries.
  return out;
}

/** Builds an .ico from entries `{ size, data }` where data is a DIB (encodeDib) or a PNG file. */
export function encodeIco(entries) {
  const header = Buffer.alloc(6 + 16 * entries.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(entries.length, 4);
  let offset = header.length;
  entries.forEach(({ size, data }, i) => {
    if (size < 1 || size > 256) throw new Error(`ico: bad size ${size}`);
    const at = 6 + i * 16;
    header.writeUInt8(size === 256 ? 0 : size, at);
    header.writeUInt8(size === 256 ? 0 : size, at + 1);
    header.writeUInt16LE(1, at + 4);
    header.writeUInt16LE(32, at + 6);
    header.writeUInt32LE(data.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...entries.map((e) => e.data)]);
}

/** Turns premultiplied RGBA (what resvg renders) into straight alpha (what ICO DIBs hold), in a new buffer. */
export function demultiply(rgba) {
  const out = Buffer.from(rgba);
  for (let i = 0; i < out.length; i += 4) {
    const a = out[i + 3];
    if (a === 0 || a === 255) continue;
    for (let c = 0; c < 3; c += 1) out[i + c] = Math.min(255, Math.round((out[i + c] * 255) / a));
  }
  return out;
}
