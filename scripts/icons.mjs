// `npm run icons`: rasterizes assets/icon.svg into every size the installers need and writes them beside it:
// assets/icons/<n>x<n>.png (Linux), assets/icon.png (1024), assets/icon.ico (Windows), assets/icon.icns (macOS).
// Run it after editing the SVG and commit the outputs (packaging machines need no rasterizer).
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const assets = new URL('../assets/', import.meta.url).pathname;
const svg = readFileSync(join(assets, 'icon.svg'), 'utf8');

/** Renders the SVG at `size` pixels square. */
function render(size) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng();
}

const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
mkdirSync(join(assets, 'icons'), { recursive: true });
for (const size of sizes) writeFileSync(join(assets, 'icons', `${size}x${size}.png`), render(size));
const master = render(1024);
writeFileSync(join(assets, 'icon.png'), master);

// png2icons scales the master down itself; BICUBIC2 keeps the 16 px line crisp enough.
const ico = png2icons.createICO(master, png2icons.BICUBIC2, 0, true, true);
const icns = png2icons.createICNS(master, png2icons.BICUBIC2, 0);
if (!ico || !icns) {
  console.error('icons: png2icons could not convert the master PNG');
  process.exit(1);
}
writeFileSync(join(assets, 'icon.ico'), ico);
writeFileSync(join(assets, 'icon.icns'), icns);
console.log(`icons: wrote ${sizes.length} PNG sizes, icon.png, icon.ico (${ico.length} bytes), icon.icns (${icns.length} bytes)`);
