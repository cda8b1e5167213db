// `npm run icons`: rasterizes the icon SVGs into every size the installers need and writes them beside them:
// assets/icons/<n>x<n>.png (Linux), assets/icon.png (1024), assets/icon.ico (Windows), assets/icon.icns (macOS).
// icon-16.svg is drawn on the 16 px grid, icon-small.svg on the 32 px grid (used for 24 and 32), icon.svg for
// the rest. Run after editing an SVG and commit the outputs (packaging machines need no rasterizer).
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demultiply, encodeDib, encodeIco } from './ico.mjs';

const assets = new URL('../assets/', import.meta.url).pathname;
const sources = Object.fromEntries(['icon.svg', 'icon-small.svg', 'icon-16.svg'].map((f) => [f, readFileSync(join(assets, f), 'utf8')]));

/** The SVG drawn for `size`. */
const sourceFor = (size) => (size <= 16 ? 'icon-16.svg' : size <= 32 ? 'icon-small.svg' : 'icon.svg');

/** Renders the right SVG at `size` pixels square. */
function render(size) {
  const image = new Resvg(sources[sourceFor(size)], { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render();
  if (image.width !== size || image.height !== size) throw new Error(`icons: ${sourceFor(size)} rendered ${image.width}x${image.height}, not square ${size}`);
  return image;
}

const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
mkdirSync(join(assets, 'icons'), { recursive: true });
const rendered = new Map(sizes.map((size) => [size, render(size)]));
for (const [size, image] of rendered) writeFileSync(join(assets, 'icons', `${size}x${size}.png`), image.asPng());
const master = rendered.get(1024).asPng();
writeFileSync(join(assets, 'icon.png'), master);

const ico = encodeIco(
  [16, 24, 32, 48, 64, 128, 256].map((size) => {
    const image = rendered.get(size);
    return { size, data: size === 256 ? image.asPng() : encodeDib(size, demultiply(image.pixels)) };
  }),
);
// macOS icons are large; png2icons scales the master for each ICNS slot.
const icns = png2icons.createICNS(master, png2icons.BICUBIC2, 0);
if (!icns) {
  console.error('icons: png2icons could not build the ICNS');
  process.exit(1);
}
writeFileSync(join(assets, 'icon.ico'), ico);
writeFileSync(join(assets, 'icon.icns'), icns);
console.log(`icons: wrote ${sizes.length} PNG sizes, icon.png, icon.ico (${ico.length} bytes), icon.icns (${icns.length} bytes)`);
