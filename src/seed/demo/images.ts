// Product photos drawn, not downloaded: a small SVG per product (a bottle, a bag, a cup, a cloth…) in the product's
// colours with its short name, rendered to an 800×800 PNG by sharp. Deterministic for a given product.
import sharp from 'sharp';
import type { Shape } from './products.ts';

export const IMAGE_SIZE = 800;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function shapeSvg(shape: Shape, c: string, variant: number): string {
  switch (shape) {
    case 'bottle':
      return `<rect x="355" y="90" width="90" height="150" rx="14" fill="${c}"/><path d="M330 300 Q330 240 400 235 Q470 240 470 300 L470 640 Q470 665 445 665 L355 665 Q330 665 330 640 Z" fill="${c}"/><rect x="340" y="390" width="120" height="150" rx="6" fill="#f8f1e4"/><rect x="362" y="70" width="76" height="30" rx="6" fill="#3a2a1a"/>`;
    case 'bag':
      return `<path d="M270 210 L530 210 L560 660 L240 660 Z" fill="${c}"/><rect x="270" y="180" width="260" height="40" fill="${c}" opacity="0.8"/><rect x="300" y="360" width="200" height="160" rx="10" fill="#f5ecd9"/>`;
    case 'cup':
      return `<ellipse cx="400" cy="620" rx="220" ry="40" fill="#00000022"/><path d="M260 330 L540 330 L510 600 Q505 630 475 630 L325 630 Q295 630 290 600 Z" fill="${c}"/><path d="M540 380 Q620 390 600 470 Q590 520 520 530" stroke="${c}" stroke-width="26" fill="none"/><path d="M340 250 Q360 210 340 170 M400 250 Q420 210 400 170 M460 250 Q480 210 460 170" stroke="#ffffffaa" stroke-width="10" fill="none"/>`;
    case 'cloth':
    case 'shirt': {
      const motifs = Array.from({ length: 25 }, (_, k) => {
        const x = 230 + (k % 5) * 85, y = 220 + Math.floor(k / 5) * 85;
        return variant % 2 ? `<circle cx="${x}" cy="${y}" r="26" fill="none" stroke="#f3e3c3" stroke-width="8"/>` : `<path d="M${x - 30} ${y + 30} L${x + 30} ${y - 30}" stroke="#f3e3c3" stroke-width="12"/>`;
      }).join('');
      const body = shape === 'shirt'
        ? `<path d="M280 170 L350 150 Q400 190 450 150 L520 170 L640 290 L570 350 L530 320 L530 660 L270 660 L270 320 L230 350 L160 290 Z" fill="${c}"/>`
        : `<rect x="180" y="180" width="440" height="440" rx="8" fill="${c}"/>`;
      return `${body}<g clip-path="url(#clip)">${motifs}</g>`;
    }
    case 'device':
      return `<rect x="250" y="200" width="300" height="400" rx="60" fill="${c}"/><circle cx="400" cy="400" r="110" fill="#ffffff22" stroke="#ffffff66" stroke-width="10"/><circle cx="400" cy="400" r="40" fill="#ffffff55"/><rect x="370" y="540" width="60" height="14" rx="7" fill="#9fe2bf"/>`;
    case 'jar':
      return `<rect x="300" y="230" width="200" height="50" rx="10" fill="#3a3a3a"/><rect x="280" y="280" width="240" height="340" rx="40" fill="${c}"/><rect x="300" y="380" width="200" height="130" rx="8" fill="#fdf6e3"/>`;
    case 'pan':
      return `<ellipse cx="380" cy="430" rx="210" ry="150" fill="${c}"/><ellipse cx="380" cy="410" rx="170" ry="110" fill="#ffffff18"/><rect x="570" y="400" width="180" height="36" rx="18" fill="#3a2a1a" transform="rotate(-12 570 400)"/>`;
    case 'box':
      return `<path d="M220 300 L400 220 L580 300 L580 560 L400 640 L220 560 Z" fill="${c}"/><path d="M220 300 L400 380 L580 300" stroke="#00000033" stroke-width="8" fill="none"/><path d="M400 380 L400 640" stroke="#00000033" stroke-width="8"/>`;
    case 'vase':
      return `<path d="M350 180 L450 180 L440 260 Q560 330 540 500 Q520 640 400 650 Q280 640 260 500 Q240 330 360 260 Z" fill="${c}"/><path d="M300 450 Q400 420 500 450" stroke="#ffffff55" stroke-width="12" fill="none"/>`;
    case 'tube':
      return `<rect x="330" y="170" width="140" height="60" rx="10" fill="#555"/><path d="M320 230 L480 230 L500 640 L300 640 Z" fill="${c}"/><rect x="330" y="380" width="140" height="120" rx="8" fill="#ffffffaa"/>`;
    case 'tin':
      return `<rect x="270" y="230" width="260" height="50" rx="12" fill="#6b6b6b"/><rect x="280" y="270" width="240" height="360" rx="16" fill="${c}"/><circle cx="400" cy="450" r="70" fill="#f7f1e1"/>`;
  }
}

/** The SVG source of one product photo: `view` 0 is the front, 1 and 2 are closer/alternate compositions. */
export function productSvg(opts: { shape: Shape; colour: string; label: string; brand: string; view: number; hue: number }): string {
  const bg = `hsl(${opts.hue}, 45%, ${opts.view === 1 ? 82 : 90}%)`;
  const scale = opts.view === 2 ? 1.25 : 1;
  const label = esc(opts.label.slice(0, 22));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${IMAGE_SIZE}" height="${IMAGE_SIZE}" viewBox="0 0 800 800">
<defs><clipPath id="clip"><rect x="180" y="180" width="440" height="480"/></clipPath></defs>
<rect width="800" height="800" fill="${bg}"/>
<circle cx="${opts.view === 1 ? 620 : 160}" cy="160" r="120" fill="#ffffff55"/>
<g transform="translate(400 400) scale(${scale}) translate(-400 -400)">${shapeSvg(opts.shape, opts.colour, opts.view)}</g>
<rect x="0" y="690" width="800" height="110" fill="#ffffffcc"/>
<text x="400" y="745" font-family="DejaVu Sans, Arial, sans-serif" font-size="44" font-weight="bold" text-anchor="middle" fill="#222">${label}</text>
<text x="400" y="785" font-family="DejaVu Sans, Arial, sans-serif" font-size="26" text-anchor="middle" fill="#555">${esc(opts.brand)}</text>
</svg>`;
}

/** Renders the SVG to a PNG buffer (fast settings: the storage step makes the web renditions). */
export async function renderProductImage(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg)).png({ compressionLevel: 2 }).toBuffer();
}
