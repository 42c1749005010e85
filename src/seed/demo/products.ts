// The demo shop's products: per-category lines with names and descriptions built from per-language templates and
// vocabularies, so every product reads naturally in English, Indonesian, Thai, Filipino and Spanish.
import type { ProductInput } from '../../catalog/product-input.ts';
import { demoPrices, demoTierPrices } from '../pricing.ts';
import { createRandom, ean13, type Random } from '../random.ts';
import {
  BRANDS, COFFEE_ORIGINS, CONNECTIVITY, GRAPES, l5, MATERIALS, PROCESSES, ROASTS, SKIN_TYPES, SPICE_LEVELS, TECHNIQUES,
  WINE_COLOURS, WINE_REGIONS, type L5,
} from './taxonomy.ts';

export const LOCALES = ['en', 'id', 'th', 'fil', 'es'] as const;
export type Shape = 'bottle' | 'bag' | 'cup' | 'cloth' | 'shirt' | 'device' | 'jar' | 'pan' | 'box' | 'vase' | 'tube' | 'tin';

export interface VariantDraft { key: string; options?: Record<string, string>; factor: number; weight: number; dims: [number, number, number] }
export interface Draft {
  top: string;
  sub: string;
  type: string;
  brand: string;
  name: L5;
  /** A short English label drawn on the generated photo. */
  label: string;
  short: L5;
  description: L5;
  keywords: string;
  tags: string[];
  baseCents: number;
  attributes: Record<string, string | number | boolean | string[]>;
  options?: { code: string; names: L5; values: { code: string; labels: L5 }[] }[];
  variants: VariantDraft[];
  tier?: { min: number; discount: number }[];
  shape: Shape;
  colour: string;
}

const labelOf = (list: { code: string; label: L5 }[], code: string) => list.find((o) => o.code === code)!.label;
const map5 = (f: (l: (typeof LOCALES)[number]) => string): L5 => ({ en: f('en'), id: f('id'), th: f('th'), fil: f('fil'), es: f('es') });

const SIZE_OPTION = (codes: string[], labels: Record<string, string>) => ({
  code: 'size', names: l5('Size', 'Ukuran', 'ขนาด', 'Sukat', 'Talla'),
  values: codes.map((c) => ({ code: c, labels: l5(labels[c]!, labels[c]!, labels[c]!, labels[c]!, labels[c]!) })),
});
const COLOUR_VALUES: Record<string, L5> = {
  black: l5('Black', 'Hitam', 'ดำ', 'Itim', 'Negro'), white: l5('White', 'Putih', 'ขาว', 'Puti', 'Blanco'),
  indigo: l5('Indigo', 'Biru nila', 'คราม', 'Indigo', 'Índigo'), terracotta: l5('Terracotta', 'Terakota', 'ดินเผา', 'Terracotta', 'Terracota'),
  sage: l5('Sage green', 'Hijau sage', 'เขียวเสจ', 'Sage green', 'Verde salvia'), sand: l5('Sand', 'Pasir', 'สีทราย', 'Buhangin', 'Arena'),
};
const COLOUR_OPTION = (codes: string[]) => ({
  code: 'colour', names: l5('Colour', 'Warna', 'สี', 'Kulay', 'Color'),
  values: codes.map((c) => ({ code: c, labels: COLOUR_VALUES[c]! })),
});

// ---------- Wine ----------
const CUVEES = [
  l5('Reserve', 'Reserve', 'รีเสิร์ฟ', 'Reserve', 'Reserva'), l5('Estate', 'Estate', 'เอสเตท', 'Estate', 'Finca'),
  l5('Single Vineyard', 'Single Vineyard', 'ซิงเกิลวินยาร์ด', 'Single Vineyard', 'Viñedo Único'), l5('Classic', 'Klasik', 'คลาสสิก', 'Klasiko', 'Clásico'),
  l5('Sunset Cuvée', 'Cuvée Senja', 'คูเว่ซันเซ็ต', 'Cuvée ng Dapithapon', 'Cuvée Atardecer'),
];
const SPARKLING_STYLES = ['Brut', 'Blanc de Blancs', 'Brut Rosé', 'Demi-Sec', 'Extra Brut', 'Brut Nature'];
const WINE_NOTES = [
  l5('ripe plum, black pepper and a touch of clove', 'plum matang, lada hitam dan sentuhan cengkih', 'พลัมสุก พริกไทยดำ และกานพลูเล็กน้อย', 'hinog na plum, itim na paminta at kaunting clove', 'ciruela madura, pimienta negra y un toque de clavo'),
  l5('cherry, cocoa and soft vanilla', 'ceri, kakao dan vanila lembut', 'เชอร์รี่ โกโก้ และวานิลลานุ่มๆ', 'cherry, cocoa at malambot na vanilla', 'cereza, cacao y vainilla suave'),
  l5('green apple, lime zest and white flowers', 'apel hijau, kulit jeruk nipis dan bunga putih', 'แอปเปิ้ลเขียว ผิวมะนาว และดอกไม้สีขาว', 'berdeng mansanas, balat ng dayap at puting bulaklak', 'manzana verde, ralladura de lima y flores blancas'),
  l5('ripe mango, peach and honey', 'mangga matang, persik dan madu', 'มะม่วงสุก พีช และน้ำผึ้ง', 'hinog na mangga, peach at pulot', 'mango maduro, durazno y miel'),
  l5('fine bubbles, brioche and citrus', 'gelembung halus, roti brioche dan jeruk', 'ฟองละเอียด ขนมปังบริยอช และส้ม', 'pinong bula, brioche at citrus', 'burbuja fina, brioche y cítricos'),
];
const WINE_FOOD = [
  l5('grilled meat and satay', 'daging bakar dan sate', 'เนื้อย่างและสะเต๊ะ', 'inihaw na karne at satay', 'carne asada y satay'),
  l5('aged cheese', 'keju tua', 'ชีสบ่ม', 'gulang na keso', 'quesos añejos'),
  l5('seafood and grilled fish', 'makanan laut dan ikan bakar', 'อาหารทะเลและปลาย่าง', 'seafood at inihaw na isda', 'mariscos y pescado a la parrilla'),
  l5('spicy Thai salads', 'salad Thailand yang pedas', 'ยำและส้มตำรสจัด', 'maanghang na Thai salad', 'ensaladas tailandesas picantes'),
];

function wine(i: number, r: Random): Draft {
  const sub = i % 5 < 3 ? 'red-wine' : i % 5 === 3 ? 'white-wine' : 'sparkling-wine';
  const reds = ['shiraz', 'cabernet-sauvignon', 'merlot', 'tempranillo', 'nebbiolo'];
  const whites = ['chenin-blanc', 'sauvignon-blanc', 'chardonnay', 'muscat'];
  const grape = sub === 'red-wine' ? reds[i % reds.length]! : whites[i % whites.length]!;
  const colour = sub === 'red-wine' ? (i % 7 === 0 ? 'rose' : 'red') : sub === 'white-wine' ? 'white' : 'sparkling';
  const brand = BRANDS.wine![i % 3]!;
  const region = ['bali', 'khao-yai', 'valle-de-guadalupe'][i % 3]!;
  const otherRegion = r.chance(0.2) ? r.pick(['mendoza', 'barossa']) : region;
  const vintage = 2016 + ((i * 3) % 8);
  const cuvee = CUVEES[Math.floor(i / 3) % CUVEES.length]!;
  const g = labelOf(GRAPES, grape);
  const col = labelOf(WINE_COLOURS, colour);
  const reg = labelOf(WINE_REGIONS, otherRegion);
  const notes = sub === 'red-wine' ? WINE_NOTES[i % 2]! : sub === 'white-wine' ? WINE_NOTES[2 + (i % 2)]! : WINE_NOTES[4]!;
  const food = WINE_FOOD[i % WINE_FOOD.length]!;
  const alcohol = sub === 'sparkling-wine' ? 11.5 : 12 + (i % 4) * 0.5;
  const sparkling = sub === 'sparkling-wine';
  const thPrefix = colour === 'red' ? 'ไวน์แดง' : colour === 'white' ? 'ไวน์ขาว' : colour === 'rose' ? 'ไวน์โรเซ่' : 'สปาร์คกลิ้งไวน์';
  const name = map5((l) =>
    l === 'th' ? `${thPrefix} ${g.th} ${cuvee.th} ${vintage}` : sparkling ? `${brand.name} ${SPARKLING_STYLES[Math.floor(i / 5) % SPARKLING_STYLES.length]!} ${vintage}` : `${brand.name} ${g[l]} ${cuvee[l]} ${vintage}`);
  const hasSizes = !sparkling && i % 3 === 0;
  return {
    top: 'wine', sub, type: 'wine', brand: brand.slug, name, label: sparkling ? 'Brut' : g.en, shape: 'bottle',
    colour: colour === 'white' || sparkling ? '#d9c36a' : colour === 'rose' ? '#e39aa6' : '#6d1a2c',
    short: map5((l) => ({
      en: `${col.en} wine from ${reg.en}: ${notes.en}.`,
      id: `Anggur ${col.id.toLowerCase()} dari ${reg.id}: ${notes.id}.`,
      th: `${thPrefix}จาก${reg.th} กลิ่น${notes.th}`,
      fil: `${col.fil} na alak mula sa ${reg.fil}: ${notes.fil}.`,
      es: `Vino ${col.es.toLowerCase()} de ${reg.es}: ${notes.es}.`,
    })[l]),
    description: map5((l) => ({
      en: `${brand.name} grows its ${g.en} on volcanic soil and picks by hand in the cool early morning. The ${vintage} vintage shows ${notes.en}, with a clean, dry finish.\n\nServe at ${sparkling ? '6–8' : colour === 'red' ? '16–18' : '8–10'} °C with ${food.en}. Keeps for ${sparkling ? '3' : '6–8'} years in a cool, dark place.`,
      id: `${brand.name} menanam ${g.id} di tanah vulkanik dan memetiknya dengan tangan pada pagi hari yang sejuk. Panen ${vintage} menghadirkan ${notes.id}, dengan akhir yang kering dan bersih.\n\nSajikan pada suhu ${sparkling ? '6–8' : colour === 'red' ? '16–18' : '8–10'} °C bersama ${food.id}. Tahan ${sparkling ? '3' : '6–8'} tahun di tempat sejuk dan gelap.`,
      th: `${brand.name} ปลูกองุ่น${g.th}บนดินภูเขาไฟและเก็บด้วยมือในยามเช้าที่อากาศเย็น วินเทจ ${vintage} ให้กลิ่น${notes.th} จบด้วยรสแห้งสะอาด\n\nเสิร์ฟที่อุณหภูมิ ${sparkling ? '6–8' : colour === 'red' ? '16–18' : '8–10'} °C คู่กับ${food.th} เก็บได้ ${sparkling ? '3' : '6–8'} ปีในที่เย็นและมืด`,
      fil: `Itinatanim ng ${brand.name} ang ${g.fil} sa lupang bulkan at pinipitas ito ng kamay sa malamig na umaga. Ang ani ng ${vintage} ay may ${notes.fil}, at tuyo at malinis ang pagtatapos.\n\nIhain sa ${sparkling ? '6–8' : colour === 'red' ? '16–18' : '8–10'} °C kasama ng ${food.fil}. Tatagal nang ${sparkling ? '3' : '6–8'} taon sa malamig at madilim na lugar.`,
      es: `${brand.name} cultiva su ${g.es} en suelo volcánico y vendimia a mano en la madrugada fresca. La cosecha ${vintage} muestra ${notes.es}, con un final seco y limpio.\n\nSírvelo a ${sparkling ? '6–8' : colour === 'red' ? '16–18' : '8–10'} °C con ${food.es}. Se conserva ${sparkling ? '3' : '6–8'} años en un lugar fresco y oscuro.`,
    })[l]),
    keywords: `wine, vino, anggur, ไวน์, ${g.en}, ${reg.en}, ${vintage}`,
    tags: [colour, grape, otherRegion],
    baseCents: (sparkling ? 2800 : 1500) + ((i * 700) % 3500),
    attributes: { grape, vintage, wine_region: otherRegion, wine_colour: colour, alcohol, volume_ml: 750 },
    ...(hasSizes ? { options: [SIZE_OPTION(['375ml', '750ml'], { '375ml': '375 ml', '750ml': '750 ml' })] } : {}),
    variants: hasSizes
      ? [{ key: '375', options: { size: '375ml' }, factor: 0.55, weight: 700, dims: [70, 70, 250] }, { key: '750', options: { size: '750ml' }, factor: 1, weight: 1300, dims: [80, 80, 310] }]
      : [{ key: '750', factor: 1, weight: 1300, dims: [80, 80, 310] }],
    tier: [{ min: 6, discount: 0.1 }, { min: 12, discount: 0.15 }],
  };
}

// ---------- Coffee ----------
const COFFEE_NOTES = [
  l5('dark chocolate, cedar and brown sugar', 'cokelat hitam, kayu cedar dan gula aren', 'ดาร์กช็อกโกแลต ไม้ซีดาร์ และน้ำตาลทรายแดง', 'dark chocolate, cedar at muscovado', 'chocolate amargo, cedro y piloncillo'),
  l5('jasmine, lemon and black tea', 'melati, lemon dan teh hitam', 'มะลิ เลมอน และชาดำ', 'sampaguita, lemon at itim na tsaa', 'jazmín, limón y té negro'),
  l5('caramel, roasted nuts and a syrupy body', 'karamel, kacang sangrai dan body yang kental', 'คาราเมล ถั่วคั่ว และบอดี้เข้มข้น', 'caramel, inihaw na mani at malapot na body', 'caramelo, nueces tostadas y cuerpo denso'),
  l5('red berries, cacao nibs and a bright finish', 'buah beri merah, biji kakao dan akhir yang segar', 'เบอร์รี่แดง โกโก้นิบส์ และปลายลิ้นสดชื่น', 'pulang berry, cacao nibs at maliwanag na pagtatapos', 'frutos rojos, nibs de cacao y final brillante'),
];
const EQUIPMENT = [
  { key: 'grinder', name: l5('Hand Coffee Grinder', 'Gilingan Kopi Manual', 'เครื่องบดกาแฟมือหมุน', 'Manwal na Gilingan ng Kape', 'Molino de café manual'), material: 'stainless-steel', cents: 3900, capacity: 30, label: 'Grinder' },
  { key: 'dripper', name: l5('Ceramic Pour-over Dripper', 'Dripper Keramik V60', 'ดริปเปอร์เซรามิก', 'Seramik na Dripper', 'Gotero de cerámica para café'), material: 'ceramic', cents: 1800, capacity: 500, label: 'Dripper' },
  { key: 'kettle', name: l5('Gooseneck Kettle', 'Teko Leher Angsa', 'กาดริปคอห่าน', 'Gooseneck na Takure', 'Tetera cuello de cisne'), material: 'stainless-steel', cents: 3200, capacity: 1000, label: 'Kettle' },
  { key: 'press', name: l5('French Press', 'French Press', 'เฟรนช์เพรส', 'French Press', 'Prensa francesa'), material: 'glass', cents: 2400, capacity: 800, label: 'Press' },
  { key: 'filters', name: l5('Paper Filters, 100 pcs', 'Kertas Filter, isi 100', 'กระดาษกรอง 100 แผ่น', 'Papel na Filter, 100 piraso', 'Filtros de papel, 100 piezas'), material: 'bamboo', cents: 600, capacity: 0, label: 'Filters' },
];

function coffee(i: number): Draft {
  const brandFor = (origin: string) => origin === 'doi-chaang' ? BRANDS.coffee![1]! : origin === 'batangas' ? BRANDS.coffee![2]! : BRANDS.coffee![0]!;
  if (i % 6 === 5) {
    const e = EQUIPMENT[Math.floor(i / 6) % EQUIPMENT.length]!;
    const brand = i % 12 === 5 ? BRANDS.kitchen![0]! : BRANDS.kitchen![1]!;
    const mat = labelOf(MATERIALS, e.material);
    return {
      top: 'coffee', sub: 'coffee-equipment', type: 'kitchenware', brand: brand.slug, name: map5((l) => `${brand.name} ${e.name[l]}`), label: e.label,
      shape: e.key === 'grinder' || e.key === 'kettle' ? 'device' : 'cup', colour: '#8a8f98',
      short: map5((l) => ({ en: `${e.name.en} in ${mat.en.toLowerCase()} for slow, even brewing.`, id: `${e.name.id} berbahan ${mat.id.toLowerCase()} untuk seduhan yang rata.`, th: `${e.name.th} วัสดุ${mat.th} สำหรับการชงที่สม่ำเสมอ`, fil: `${e.name.fil} na gawa sa ${mat.fil.toLowerCase()} para sa pantay na timpla.`, es: `${e.name.es} de ${mat.es.toLowerCase()} para una extracción pareja.` })[l]),
      description: map5((l) => ({
        en: `Made for home baristas who brew every morning. Solid ${mat.en.toLowerCase()}, easy to clean, and sized for one to four cups.\n\nPairs with any of our single-origin beans.`,
        id: `Dibuat untuk barista rumahan yang menyeduh setiap pagi. Bahan ${mat.id.toLowerCase()} yang kokoh, mudah dibersihkan, cukup untuk satu sampai empat cangkir.\n\nCocok dengan semua biji kopi single origin kami.`,
        th: `ออกแบบสำหรับบาริสต้าที่บ้านที่ชงกาแฟทุกเช้า วัสดุ${mat.th}แข็งแรง ทำความสะอาดง่าย ชงได้ 1–4 แก้ว\n\nเข้ากับเมล็ดกาแฟซิงเกิลออริจินทุกตัวของเรา`,
        fil: `Gawa para sa mga home barista na nagtitimpla tuwing umaga. Matibay na ${mat.fil.toLowerCase()}, madaling linisin, at sapat para sa isa hanggang apat na tasa.\n\nBagay sa lahat ng aming single-origin na kape.`,
        es: `Hecho para baristas caseros que preparan café cada mañana. ${mat.es} resistente, fácil de limpiar y para una a cuatro tazas.\n\nCombina con cualquiera de nuestros cafés de origen.`,
      })[l]),
      keywords: `coffee equipment, alat kopi, อุปกรณ์กาแฟ, ${e.key}`, tags: ['brewing', e.key],
      baseCents: e.cents, attributes: { material: e.material, ...(e.capacity ? { capacity_ml: e.capacity } : {}) },
      variants: [{ key: 'std', factor: 1, weight: 600, dims: [150, 150, 200] }],
    };
  }
  const origin = COFFEE_ORIGINS[i % COFFEE_ORIGINS.length]!;
  const roast = ROASTS[Math.floor(i / 8) % 3]!;
  const peaberry = i >= 24;
  const process = origin.code === 'gayo' || origin.code === 'toraja' ? PROCESSES[3]! : PROCESSES[i % 3]!;
  const notes = COFFEE_NOTES[(i + (roast.code === 'dark' ? 0 : 1)) % 4]!;
  const ground = i % 6 === 4;
  const brand = brandFor(origin.code);
  const word = ground ? l5('Ground Coffee', 'Kopi Bubuk', 'กาแฟบด', 'Giniling na Kape', 'Café molido') : l5('Coffee Beans', 'Biji Kopi', 'เมล็ดกาแฟ', 'Butil ng Kape', 'Café en grano');
  const pb = peaberry ? ' Peaberry' : '';
  const name = map5((l) => (l === 'th' && peaberry ? 'พีเบอร์รี่ ' : '') + ({
    en: `${origin.label.en}${pb} ${roast.label.en} Roast ${word.en}`, id: `${word.id} ${origin.label.id}${pb} Sangrai ${roast.label.id}`,
    th: `${word.th}${origin.label.th} ${roast.label.th}`, fil: `${word.fil} ${origin.label.fil}${pb} ${roast.label.fil} Roast`,
    es: `${word.es} ${origin.label.es}${pb} ${roast.label.es.toLowerCase()}`,
  })[l]);
  return {
    top: 'coffee', sub: ground ? 'ground-coffee' : 'coffee-beans', type: 'coffee', brand: brand.slug, name, label: origin.label.en, shape: 'bag',
    colour: roast.code === 'dark' ? '#3b2314' : roast.code === 'medium' ? '#7a4a2a' : '#b07a4f',
    short: map5((l) => ({ en: `Notes of ${notes.en}.`, id: `Rasa ${notes.id}.`, th: `โน้ตรส${notes.th}`, fil: `May lasang ${notes.fil}.`, es: `Notas de ${notes.es}.` })[l]),
    description: map5((l) => ({
      en: `${origin.label.en} ${process.label.en.toLowerCase()} arabica, roasted by ${brand.name} in small batches and shipped within a week of roasting. In the cup: ${notes.en}.\n\nGreat as pour-over or espresso. Store airtight, away from sunlight.`,
      id: `Arabika ${origin.label.id} proses ${process.label.id.toLowerCase()}, disangrai ${brand.name} dalam jumlah kecil dan dikirim paling lambat seminggu setelah sangrai. Di cangkir: ${notes.id}.\n\nEnak diseduh manual atau sebagai espresso. Simpan kedap udara, jauh dari sinar matahari.`,
      th: `อาราบิก้า${origin.label.th} โพรเซส${process.label.th} คั่วโดย ${brand.name} ทีละน้อยและจัดส่งภายในหนึ่งสัปดาห์หลังคั่ว ในแก้วให้รส${notes.th}\n\nเหมาะทั้งดริปและเอสเปรสโซ เก็บในภาชนะปิดสนิท ห่างจากแสงแดด`,
      fil: `${origin.label.fil} arabica na ${process.label.fil.toLowerCase()} process, inihaw ng ${brand.name} nang paunti-unti at ipinapadala sa loob ng isang linggo. Sa tasa: ${notes.fil}.\n\nMasarap bilang pour-over o espresso. Itago nang sarado, malayo sa araw.`,
      es: `Arábica de ${origin.label.es} de proceso ${process.label.es.toLowerCase()}, tostado por ${brand.name} en lotes pequeños y enviado a menos de una semana del tueste. En taza: ${notes.es}.\n\nIdeal para filtrado o espresso. Guárdalo hermético y lejos del sol.`,
    })[l]),
    keywords: `coffee, kopi, café, กาแฟ, kape, ${origin.label.en}, arabica`, tags: [origin.code, roast.code, 'single-origin'],
    baseCents: 1100 + ((i * 300) % 1200),
    attributes: { coffee_origin: origin.code, roast: roast.code, process: process.code, weight_g: 250 },
    options: [SIZE_OPTION(['250g', '500g', '1kg'], { '250g': '250 g', '500g': '500 g', '1kg': '1 kg' })],
    variants: [
      { key: '250', options: { size: '250g' }, factor: 1, weight: 270, dims: [90, 60, 200] },
      { key: '500', options: { size: '500g' }, factor: 1.85, weight: 530, dims: [110, 70, 240] },
      { key: '1000', options: { size: '1kg' }, factor: 3.4, weight: 1050, dims: [130, 90, 290] },
    ],
    tier: [{ min: 6, discount: 0.08 }, { min: 12, discount: 0.12 }],
  };
}

// ---------- Simpler lines: items × variations, with per-category description templates ----------
interface Item {
  key: string; sub: string; name: L5; label: string; cents: number; shape: Shape; colour: string;
  attributes: Draft['attributes']; weight: number; feature: L5;
}
interface Line {
  top: string; type: string; brands: { slug: string; name: string }[];
  items: Item[];
  /** Variations multiply the items: a qualifier appended to the name. */
  variations: { key: string; name: L5; factor: number; attributes?: Draft['attributes'] }[];
  intro: L5; care: L5;
  options?: (item: Item, i: number) => Pick<Draft, 'options' | 'variants'> | undefined;
  keywords: string;
}
const it = (key: string, sub: string, name: L5, label: string, cents: number, shape: Shape, colour: string, attributes: Draft['attributes'], weight: number, feature: L5): Item =>
  ({ key, sub, name, label, cents, shape, colour, attributes, weight, feature });

const LINES: Record<string, Line> = {
  tea: {
    top: 'tea', type: 'tea', brands: BRANDS.tea!, keywords: 'tea, teh, ชา, tsaa, té',
    intro: l5('Picked by hand and packed at the garden.', 'Dipetik dengan tangan dan dikemas langsung di kebun.', 'เด็ดด้วยมือและบรรจุที่ไร่', 'Pinitas ng kamay at inimpake mismo sa taniman.', 'Recolectado a mano y envasado en la plantación.'),
    care: l5('Brew 3–4 minutes. Keep dry and sealed.', 'Seduh 3–4 menit. Simpan kering dan tertutup.', 'ชง 3–4 นาที เก็บให้แห้งและปิดสนิท', 'Ibabad nang 3–4 minuto. Itago nang tuyo at sarado.', 'Infusiona 3–4 minutos. Guárdalo seco y cerrado.'),
    items: [
      it('jasmine', 'green-tea', l5('Jasmine Green Tea', 'Teh Hijau Melati', 'ชาเขียวมะลิ', 'Jasmine Green Tea', 'Té verde con jazmín'), 'Jasmine', 700, 'tin', '#7da35a', { tea_type: 'green', weight_g: 100, halal: true }, 150,
        l5('scented with fresh jasmine flowers', 'diharumkan dengan bunga melati segar', 'อบด้วยดอกมะลิสด', 'pinabango ng sariwang sampaguita', 'aromatizado con jazmín fresco')),
      it('sencha', 'green-tea', l5('Highland Sencha', 'Sencha Dataran Tinggi', 'เซนฉะจากที่สูง', 'Highland Sencha', 'Sencha de altura'), 'Sencha', 900, 'tin', '#5f8f3e', { tea_type: 'green', weight_g: 80, halal: true }, 120,
        l5('steamed leaves with a grassy sweetness', 'daun dikukus dengan manis segar seperti rumput', 'ใบชานึ่ง หวานหอมแบบใบหญ้า', 'pinasingawang dahon na may matamis na lasa', 'hojas al vapor de dulzor herbáceo')),
      it('oolong', 'green-tea', l5('Doi Mae Salong Oolong', 'Oolong Doi Mae Salong', 'ชาอูหลงดอยแม่สลอง', 'Doi Mae Salong Oolong', 'Oolong de Doi Mae Salong'), 'Oolong', 1400, 'tin', '#9b8a3c', { tea_type: 'oolong', weight_g: 100, halal: true }, 150,
        l5('rolled leaves with orchid and honey notes', 'daun tergulung dengan aroma anggrek dan madu', 'ใบม้วนกลิ่นกล้วยไม้และน้ำผึ้ง', 'binilot na dahon na may amoy orkidyas at pulot', 'hojas enrolladas con notas de orquídea y miel')),
      it('breakfast', 'black-tea', l5('Java Breakfast Tea', 'Teh Sarapan Jawa', 'ชาดำจาวาเบรกฟาสต์', 'Java Breakfast Tea', 'Té negro Java Breakfast'), 'Breakfast', 600, 'box', '#8b3a1e', { tea_type: 'black', weight_g: 100, halal: true }, 140,
        l5('a strong black tea that takes milk well', 'teh hitam pekat yang cocok dengan susu', 'ชาดำเข้มข้น เข้ากับนม', 'matapang na itim na tsaa na bagay sa gatas', 'un té negro intenso que admite leche')),
      it('pekoe', 'black-tea', l5('Orange Pekoe', 'Orange Pekoe', 'ชาออเรนจ์ pekoe', 'Orange Pekoe', 'Orange Pekoe'), 'Pekoe', 800, 'box', '#a0522d', { tea_type: 'black', weight_g: 100, halal: true }, 140,
        l5('whole leaves with a bright, malty cup', 'daun utuh dengan rasa malt yang segar', 'ใบชาเต็มใบ รสมอลต์สดชื่น', 'buong dahon na may malinamnam na lasa', 'hojas enteras con una taza brillante y malteada')),
      it('lemongrass', 'herbal-tea', l5('Lemongrass & Ginger Infusion', 'Teh Serai & Jahe', 'ชาตะไคร้ขิง', 'Tanglad at Luya na Tsaa', 'Infusión de limoncillo y jengibre'), 'Lemongrass', 500, 'box', '#c2b33a', { tea_type: 'herbal', weight_g: 60, halal: true }, 90,
        l5('caffeine-free, warming and fresh', 'tanpa kafein, menghangatkan dan segar', 'ไม่มีคาเฟอีน อุ่นสบายและสดชื่น', 'walang caffeine, nakakapagpainit at sariwa', 'sin cafeína, reconfortante y fresca')),
      it('butterfly-pea', 'herbal-tea', l5('Butterfly Pea Flower Tea', 'Teh Bunga Telang', 'ชาดอกอัญชัน', 'Butterfly Pea Tea', 'Té de flor de guisante azul'), 'Butterfly pea', 650, 'jar', '#3a4fb0', { tea_type: 'herbal', weight_g: 40, halal: true }, 80,
        l5('deep blue, turning purple with a squeeze of lime', 'biru pekat, berubah ungu dengan perasan jeruk nipis', 'สีน้ำเงินเข้ม เปลี่ยนเป็นม่วงเมื่อบีบมะนาว', 'malalim na asul, nagiging lila kapag pinigaan ng kalamansi', 'azul intenso que se vuelve morado con unas gotas de lima')),
    ],
    variations: [
      { key: 'loose', name: l5('Loose Leaf', 'Daun', 'ใบชา', 'Loose Leaf', 'a granel'), factor: 1 },
      { key: 'bags', name: l5('20 Tea Bags', '20 Kantong', '20 ซอง', '20 Tea Bags', '20 bolsitas'), factor: 0.85 },
      { key: 'gift', name: l5('Gift Tin', 'Kaleng Hadiah', 'กระป๋องของขวัญ', 'Gift Tin', 'lata de regalo'), factor: 1.6 },
    ],
  },
  batik: {
    top: 'batik', type: 'textile', brands: BRANDS.batik!, keywords: 'batik, kain, ผ้าบาติก, tela, textile',
    intro: l5('Made by artisans in Central Java; every piece is slightly different.', 'Dibuat oleh perajin di Jawa Tengah; setiap helai sedikit berbeda.', 'ผลิตโดยช่างฝีมือในชวากลาง ทุกชิ้นไม่เหมือนกันเสียทีเดียว', 'Gawa ng mga artisan sa Central Java; bahagyang naiiba ang bawat piraso.', 'Hecho por artesanos de Java Central; cada pieza es ligeramente distinta.'),
    care: l5('Hand wash cold with a mild soap, dry in the shade.', 'Cuci tangan dengan air dingin dan sabun lembut, jemur di tempat teduh.', 'ซักมือด้วยน้ำเย็นและสบู่อ่อน ตากในที่ร่ม', 'Labhan sa kamay sa malamig na tubig at banayad na sabon, patuyuin sa lilim.', 'Lavar a mano en frío con jabón suave y secar a la sombra.'),
    items: [
      it('parang', 'batik-cloth', l5('Parang Rusak Batik Cloth', 'Kain Batik Parang Rusak', 'ผ้าบาติกลายปารัง', 'Telang Batik Parang', 'Tela batik Parang'), 'Parang', 4500, 'cloth', '#6b3e26', { material: 'cotton', technique: 'tulis' }, 400,
        l5('the diagonal "broken blade" motif of the Yogyakarta court', 'motif miring "parang rusak" khas keraton Yogyakarta', 'ลายเส้นทแยงแบบราชสำนักยอกยาการ์ตา', 'ang pahilis na motif ng korte ng Yogyakarta', 'el motivo diagonal de la corte de Yogyakarta')),
      it('kawung', 'batik-cloth', l5('Kawung Batik Cloth', 'Kain Batik Kawung', 'ผ้าบาติกลายกาวุง', 'Telang Batik Kawung', 'Tela batik Kawung'), 'Kawung', 3800, 'cloth', '#4a3b2a', { material: 'cotton', technique: 'cap' }, 400,
        l5('a pattern of four-petal palm fruits, one of the oldest in Java', 'pola buah aren empat kelopak, salah satu yang tertua di Jawa', 'ลายผลปาล์มสี่กลีบ หนึ่งในลายเก่าแก่ที่สุดของชวา', 'disenyong bunga ng palma na may apat na talulot', 'un patrón de frutos de palma de cuatro pétalos, de los más antiguos de Java')),
      it('mega-mendung', 'batik-cloth', l5('Mega Mendung Silk Batik', 'Batik Sutra Mega Mendung', 'ผ้าไหมบาติกลายเมฆ', 'Silk Batik Mega Mendung', 'Batik de seda Mega Mendung'), 'Mega Mendung', 9500, 'cloth', '#1f4e8c', { material: 'silk', technique: 'tulis' }, 250,
        l5('the layered cloud motif of Cirebon', 'motif awan berlapis khas Cirebon', 'ลายเมฆซ้อนชั้นจากจีเรบน', 'ang patong-patong na ulap ng Cirebon', 'el motivo de nubes superpuestas de Cirebon')),
      it('shirt-short', 'batik-shirts', l5('Short-sleeve Batik Shirt', 'Kemeja Batik Lengan Pendek', 'เสื้อบาติกแขนสั้น', 'Maikling-manggas na Batik Polo', 'Camisa batik de manga corta'), 'Shirt', 3200, 'shirt', '#2d5d7b', { material: 'cotton', technique: 'cap' }, 300,
        l5('a relaxed cut for hot days and office Fridays', 'potongan santai untuk hari panas dan Jumat batik di kantor', 'ทรงสบายสำหรับวันร้อนและวันศุกร์ที่ออฟฟิศ', 'maluwag na hiwa para sa mainit na araw at Biyernes sa opisina', 'un corte holgado para días de calor y viernes en la oficina')),
      it('shirt-long', 'batik-shirts', l5('Long-sleeve Batik Shirt', 'Kemeja Batik Lengan Panjang', 'เสื้อบาติกแขนยาว', 'Mahabang-manggas na Batik Polo', 'Camisa batik de manga larga'), 'Shirt', 4200, 'shirt', '#5a2d4f', { material: 'rayon', technique: 'print' }, 320,
        l5('lined and tailored for weddings and formal dinners', 'berfuring dan rapi untuk kondangan dan makan malam resmi', 'มีซับใน ตัดเย็บสำหรับงานแต่งและงานเลี้ยง', 'may lining at sukat para sa kasal at pormal na hapunan', 'forrada y entallada para bodas y cenas formales')),
      it('sarong', 'sarongs', l5('Batik Sarong', 'Sarung Batik', 'ผ้าซิ่นบาติก', 'Batik na Sarong', 'Pareo batik'), 'Sarong', 2500, 'cloth', '#b5651d', { material: 'rayon', technique: 'print' }, 300,
        l5('light enough for the beach, pretty enough for dinner', 'cukup ringan untuk ke pantai, cukup cantik untuk makan malam', 'เบาพอไปทะเล สวยพอไปทานมื้อค่ำ', 'magaan para sa dagat, maganda para sa hapunan', 'ligero para la playa y bonito para la cena')),
      it('scarf', 'sarongs', l5('Batik Silk Scarf', 'Selendang Sutra Batik', 'ผ้าพันคอไหมบาติก', 'Silk na Bandana', 'Pañuelo de seda batik'), 'Scarf', 3600, 'cloth', '#8c1f3a', { material: 'silk', technique: 'tulis' }, 100,
        l5('hand-drawn on fine silk with natural dyes', 'dibatik tulis di atas sutra halus dengan pewarna alam', 'เขียนลายด้วยมือบนผ้าไหมด้วยสีธรรมชาติ', 'iginuhit ng kamay sa pinong seda na may natural na tina', 'dibujado a mano sobre seda fina con tintes naturales')),
      it('lurik', 'batik-cloth', l5('Lurik Woven Cloth', 'Kain Tenun Lurik', 'ผ้าทอลูริก', 'Habing Lurik', 'Tela tejida Lurik'), 'Lurik', 2800, 'cloth', '#3f5a3c', { material: 'cotton', technique: 'print' }, 380,
        l5('striped handloom weave from Klaten', 'tenun garis dari alat tenun bukan mesin di Klaten', 'ผ้าทอมือลายทางจากกลาเตน', 'guhit-guhit na habing-kamay mula Klaten', 'tejido a rayas en telar manual de Klaten')),
    ],
    variations: [
      { key: 'sogan', name: l5('Sogan Brown', 'Sogan', 'สีน้ำตาลโซกัน', 'Sogan', 'marrón sogan'), factor: 1 },
      { key: 'indigo', name: l5('Indigo', 'Biru Indigo', 'สีคราม', 'Indigo', 'índigo'), factor: 1.1 },
      { key: 'pesisir', name: l5('Pesisir Colours', 'Warna Pesisiran', 'สีแบบชายฝั่ง', 'Pesisir na Kulay', 'colores pesisir'), factor: 1.05 },
    ],
    options: (item) =>
      item.sub === 'batik-shirts'
        ? {
            options: [SIZE_OPTION(['s', 'm', 'l', 'xl'], { s: 'S', m: 'M', l: 'L', xl: 'XL' })],
            variants: ['s', 'm', 'l', 'xl'].map((s, k) => ({ key: s, options: { size: s }, factor: 1 + (k === 3 ? 0.05 : 0), weight: item.weight + k * 20, dims: [300, 250, 30] as [number, number, number] })),
          }
        : undefined,
  },
};

Object.assign(LINES, {
  kitchen: {
    top: 'kitchen', type: 'kitchenware', brands: BRANDS.kitchen!, keywords: 'kitchen, dapur, ครัว, kusina, cocina',
    intro: l5('Built for busy home kitchens and high heat.', 'Dibuat untuk dapur rumah yang sibuk dan api besar.', 'ออกแบบสำหรับครัวบ้านที่ใช้งานหนักและไฟแรง', 'Gawa para sa abalang kusina at malakas na apoy.', 'Pensado para cocinas caseras con mucho uso y fuego alto.'),
    care: l5('Wash by hand and dry straight away.', 'Cuci dengan tangan dan segera keringkan.', 'ล้างด้วยมือและเช็ดให้แห้งทันที', 'Hugasan sa kamay at patuyuin agad.', 'Lavar a mano y secar enseguida.'),
    items: [
      it('wok', 'cookware', l5('Carbon Steel Wok', 'Wajan Baja Karbon', 'กระทะเหล็กคาร์บอน', 'Carbon Steel na Kawali', 'Wok de acero al carbono'), 'Wok', 3500, 'pan', '#2f2f2f', { material: 'stainless-steel', capacity_ml: 4000 }, 1600,
        l5('a thin, fast-heating wok that builds a natural non-stick layer', 'wajan tipis yang cepat panas dan membentuk lapisan anti lengket alami', 'กระทะบางร้อนเร็ว เคลือบตัวเองจนไม่ติดกระทะ', 'manipis at mabilis uminit na kawali', 'un wok delgado que se calienta rápido y se cura solo')),
      it('dutch-oven', 'cookware', l5('Cast Iron Casserole', 'Panci Besi Cor', 'หม้อเหล็กหล่อ', 'Cast Iron na Kaserola', 'Cacerola de hierro fundido'), 'Casserole', 7900, 'pan', '#8c2f1f', { material: 'cast-iron', capacity_ml: 3500 }, 4200,
        l5('slow-cooks rendang and stews evenly for hours', 'memasak rendang dan semur perlahan dan merata berjam-jam', 'ตุ๋นแกงและสตูว์ได้ทั่วถึงหลายชั่วโมง', 'pantay na niluluto ang nilaga nang ilang oras', 'cocina lento y parejo guisos y moles durante horas')),
      it('cobek', 'kitchen-tools', l5('Stone Mortar and Pestle', 'Cobek dan Ulekan Batu', 'ครกหินพร้อมสาก', 'Batong Almires', 'Molcajete de piedra'), 'Mortar', 2200, 'pan', '#6e6e6e', { material: 'ceramic' }, 2500,
        l5('volcanic stone for sambal, pesto and salsa', 'batu vulkanik untuk sambal, pesto dan salsa', 'หินภูเขาไฟสำหรับตำน้ำพริกและซัลซ่า', 'batong bulkan para sa sawsawan at salsa', 'piedra volcánica para sambal, pesto y salsa')),
      it('knife', 'kitchen-tools', l5("Chef's Knife 20 cm", 'Pisau Koki 20 cm', 'มีดเชฟ 20 ซม.', 'Kutsilyo ng Chef 20 cm', 'Cuchillo de chef 20 cm'), 'Knife', 4500, 'device', '#9aa3ad', { material: 'stainless-steel' }, 300,
        l5('a balanced, razor-sharp blade for daily prep', 'bilah tajam dan seimbang untuk persiapan sehari-hari', 'ใบมีดคมและสมดุลสำหรับเตรียมอาหารทุกวัน', 'matalas at balanseng talim para sa araw-araw', 'una hoja equilibrada y muy afilada para el día a día')),
      it('steamer', 'cookware', l5('Bamboo Steamer Set', 'Set Kukusan Bambu', 'ชุดซึ้งไม้ไผ่', 'Kawayang Steamer Set', 'Vaporera de bambú'), 'Steamer', 1900, 'box', '#c9a86b', { material: 'bamboo', capacity_ml: 2500 }, 900,
        l5('two tiers for dumplings, buns and fish', 'dua susun untuk pangsit, bakpao dan ikan', 'สองชั้นสำหรับขนมจีบ ซาลาเปา และปลา', 'dalawang patong para sa siomai, siopao at isda', 'dos pisos para dumplings, bollos y pescado')),
    ],
    variations: [
      { key: 'std', name: l5('', '', '', '', ''), factor: 1 },
      { key: 'pro', name: l5('Pro', 'Pro', 'โปร', 'Pro', 'Pro'), factor: 1.45 },
      { key: 'mini', name: l5('Mini', 'Mini', 'มินิ', 'Mini', 'Mini'), factor: 0.7 },
      { key: 'gift', name: l5('Gift Set', 'Set Hadiah', 'ชุดของขวัญ', 'Gift Set', 'Set de regalo'), factor: 1.8 },
    ],
  },
  electronics: {
    top: 'electronics', type: 'electronics', brands: BRANDS.electronics!, keywords: 'electronics, elektronik, อิเล็กทรอนิกส์, gadget',
    intro: l5('Designed for the tropics: tested in heat, humidity and rain.', 'Dirancang untuk iklim tropis: diuji di suhu panas, lembap dan hujan.', 'ออกแบบสำหรับเมืองร้อน ทดสอบทั้งความร้อน ความชื้น และฝน', 'Dinisenyo para sa tropiko: sinubok sa init, alinsangan at ulan.', 'Diseñado para el trópico: probado con calor, humedad y lluvia.'),
    care: l5('Local warranty and service in every market we ship to.', 'Garansi resmi dan servis lokal di setiap negara tujuan.', 'รับประกันและบริการในทุกประเทศที่เราจัดส่ง', 'May lokal na warranty at serbisyo sa bawat bansang pinadadalhan.', 'Garantía y servicio local en cada país al que enviamos.'),
    items: [
      it('earbuds', 'audio', l5('Wireless Earbuds', 'Earbuds Nirkabel', 'หูฟังไร้สาย', 'Wireless na Earbuds', 'Audífonos inalámbricos'), 'Earbuds', 4900, 'device', '#222831', { battery_hours: 28, connectivity: ['bluetooth', 'usb-c'], warranty_months: 12, waterproof: true }, 60,
        l5('active noise cancelling and 28 hours with the case', 'peredam bising aktif dan 28 jam bersama case', 'ตัดเสียงรบกวน ใช้งาน 28 ชม. รวมเคส', 'active noise cancelling at 28 oras kasama ang case', 'cancelación de ruido y 28 horas con el estuche')),
      it('speaker', 'audio', l5('Portable Speaker', 'Speaker Portabel', 'ลำโพงพกพา', 'Portable na Speaker', 'Bocina portátil'), 'Speaker', 5900, 'device', '#1d5c63', { battery_hours: 16, connectivity: ['bluetooth'], warranty_months: 12, waterproof: true }, 540,
        l5('loud, clear sound and an IP67 body for the beach', 'suara keras dan jernih dengan bodi IP67 untuk ke pantai', 'เสียงดังชัด ตัวเครื่อง IP67 พาไปทะเลได้', 'malakas at malinaw na tunog at IP67 na katawan', 'sonido potente y cuerpo IP67 para la playa')),
      it('headphones', 'audio', l5('Over-ear Headphones', 'Headphone Over-ear', 'หูฟังครอบหู', 'Over-ear na Headphones', 'Audífonos de diadema'), 'Headphones', 7900, 'device', '#3a3a3a', { battery_hours: 40, connectivity: ['bluetooth', 'usb-c'], warranty_months: 24, waterproof: false }, 260,
        l5('soft cushions for long flights and 40 hours of play', 'bantalan empuk untuk penerbangan panjang dan 40 jam pemakaian', 'ฟองน้ำนุ่มสำหรับเที่ยวบินยาว เล่นได้ 40 ชม.', 'malambot na unan para sa mahabang biyahe at 40 oras', 'almohadillas suaves para vuelos largos y 40 horas de uso')),
      it('watch', 'wearables', l5('Fitness Smartwatch', 'Jam Tangan Pintar Fitness', 'สมาร์ทวอทช์ออกกำลังกาย', 'Fitness Smartwatch', 'Reloj inteligente deportivo'), 'Watch', 8900, 'device', '#0f3d3e', { battery_hours: 240, connectivity: ['bluetooth', 'nfc'], warranty_months: 12, waterproof: true }, 45,
        l5('heart rate, sleep, GPS and ten days on one charge', 'detak jantung, tidur, GPS dan sepuluh hari sekali isi daya', 'วัดหัวใจ การนอน GPS และใช้ได้สิบวันต่อการชาร์จ', 'heart rate, tulog, GPS at sampung araw kada charge', 'ritmo cardiaco, sueño, GPS y diez días por carga')),
      it('band', 'wearables', l5('Activity Band', 'Gelang Aktivitas', 'สายรัดข้อมือนับก้าว', 'Activity Band', 'Pulsera de actividad'), 'Band', 2900, 'device', '#374151', { battery_hours: 336, connectivity: ['bluetooth'], warranty_months: 12, waterproof: true }, 25,
        l5('steps, sleep and reminders in a light strap', 'langkah, tidur dan pengingat dalam tali yang ringan', 'นับก้าว การนอน และการแจ้งเตือนในสายที่เบา', 'hakbang, tulog at paalala sa magaang strap', 'pasos, sueño y avisos en una correa ligera')),
      it('powerbank', 'chargers', l5('Power Bank 20 000 mAh', 'Power Bank 20.000 mAh', 'พาวเวอร์แบงก์ 20,000 mAh', 'Power Bank 20,000 mAh', 'Batería portátil 20 000 mAh'), 'Power bank', 3500, 'device', '#1f2937', { battery_hours: 0, connectivity: ['usb-c'], warranty_months: 18, waterproof: false }, 380,
        l5('charges a phone four times, 22.5 W fast charging', 'mengisi ponsel empat kali, pengisian cepat 22,5 W', 'ชาร์จมือถือได้สี่รอบ ชาร์จเร็ว 22.5 W', 'apat na beses na ma-charge ang phone, 22.5 W fast charging', 'carga un teléfono cuatro veces, carga rápida de 22,5 W')),
    ],
    variations: [
      { key: 'std', name: l5('', '', '', '', ''), factor: 1 },
      { key: 'lite', name: l5('Lite', 'Lite', 'ไลท์', 'Lite', 'Lite'), factor: 0.75 },
      { key: 'max', name: l5('Max', 'Max', 'แม็กซ์', 'Max', 'Max'), factor: 1.35 },
      { key: 'kids', name: l5('Kids', 'Anak', 'สำหรับเด็ก', 'Pambata', 'Niños'), factor: 0.8 },
    ],
    options: (item: Item, i: number) => ({
      options: [COLOUR_OPTION(i % 2 ? ['black', 'white'] : ['black', 'white', 'indigo'])],
      variants: (i % 2 ? ['black', 'white'] : ['black', 'white', 'indigo']).map((c) => ({ key: c, options: { colour: c }, factor: 1, weight: item.weight + 120, dims: [120, 90, 60] as [number, number, number] })),
    }),
  },
  snacks: {
    top: 'snacks', type: 'food', brands: BRANDS.snacks!, keywords: 'snacks, camilan, ขนม, meryenda, botanas',
    intro: l5('Made in small batches, without preservatives.', 'Dibuat dalam jumlah kecil, tanpa pengawet.', 'ผลิตทีละน้อย ไม่ใส่สารกันเสีย', 'Ginawa nang paunti-unti, walang preservatives.', 'Hecho en lotes pequeños, sin conservadores.'),
    care: l5('Once open, keep sealed and eat within two weeks.', 'Setelah dibuka, tutup rapat dan habiskan dalam dua minggu.', 'เปิดแล้วปิดให้สนิทและทานให้หมดภายในสองสัปดาห์', 'Kapag nabuksan, isara at ubusin sa loob ng dalawang linggo.', 'Una vez abierto, ciérralo bien y consúmelo en dos semanas.'),
    items: [
      it('tempe-chips', 'chips', l5('Tempeh Chips', 'Keripik Tempe', 'เทมเป้กรอบ', 'Tempeh Chips', 'Totopos de tempeh'), 'Tempeh', 450, 'bag', '#d4a24c', { weight_g: 150, spice_level: 'mild', halal: true, vegan: true }, 170,
        l5('thin, crisp slices of tempeh with garlic and coriander', 'irisan tempe tipis dan renyah dengan bawang putih dan ketumbar', 'เทมเป้แผ่นบางกรอบ ปรุงกระเทียมและผักชี', 'manipis at malutong na tempeh na may bawang at kulantro', 'láminas finas y crujientes de tempeh con ajo y cilantro')),
      it('cassava', 'chips', l5('Balado Cassava Chips', 'Keripik Singkong Balado', 'มันสำปะหลังทอดบาลาโด', 'Balado Cassava Chips', 'Chips de yuca balado'), 'Cassava', 400, 'bag', '#c0392b', { weight_g: 200, spice_level: 'hot', halal: true, vegan: true }, 220,
        l5('tossed in a sweet and fiery chilli glaze from Padang', 'dibalut bumbu cabai manis pedas khas Padang', 'คลุกซอสพริกหวานเผ็ดสูตรปาดัง', 'binalot sa matamis at maanghang na sili mula Padang', 'bañadas en un glaseado de chile dulce y picante de Padang')),
      it('chicharron', 'chips', l5('Chicharrón de Harina', 'Keripik Gandum Chicharrón', 'ข้าวเกรียบชิชาร์รอน', 'Chicharrón de Harina', 'Chicharrón de harina'), 'Chicharron', 350, 'bag', '#e67e22', { weight_g: 120, spice_level: 'medium', halal: false, vegan: true }, 140,
        l5('the Mexican street snack, best with lime and salsa', 'camilan jalanan Meksiko, paling enak dengan jeruk nipis dan salsa', 'ขนมข้างทางเม็กซิกัน อร่อยกับมะนาวและซัลซ่า', 'meryendang kalye ng Mexico, masarap sa kalamansi at salsa', 'el antojito callejero, mejor con limón y salsa')),
      it('sambal', 'spices', l5('Sambal Matah', 'Sambal Matah', 'น้ำพริกซัมบัลมาตะห์', 'Sambal Matah', 'Sambal matah'), 'Sambal', 600, 'jar', '#b03a2e', { weight_g: 180, spice_level: 'hot', halal: true, vegan: true }, 320,
        l5('raw Balinese shallot-and-lemongrass relish', 'sambal mentah Bali dari bawang merah dan serai', 'น้ำพริกสดบาหลีจากหอมแดงและตะไคร้', 'hilaw na sawsawang Bali na may sibuyas at tanglad', 'condimento balinés crudo de chalota y limoncillo')),
      it('curry-paste', 'spices', l5('Green Curry Paste', 'Bumbu Kari Hijau', 'พริกแกงเขียวหวาน', 'Green Curry Paste', 'Pasta de curry verde'), 'Curry paste', 500, 'jar', '#4f7d2c', { weight_g: 200, spice_level: 'hot', halal: true, vegan: false }, 330,
        l5('pounded by hand from fresh green chillies and galangal', 'ditumbuk tangan dari cabai hijau segar dan lengkuas', 'โขลกด้วยมือจากพริกเขียวสดและข่า', 'dinikdik ng kamay mula sa sariwang siling berde at galangal', 'machacada a mano con chiles verdes frescos y galanga')),
      it('cheese', 'cheese-deli', l5('Aged Farmhouse Cheese', 'Keju Peternakan Tua', 'ชีสฟาร์มบ่ม', 'Gulang na Keso ng Bukid', 'Queso de granja añejo'), 'Cheese', 1400, 'box', '#e8c15a', { weight_g: 250, spice_level: 'mild', halal: false, vegan: false }, 280,
        l5('nutty and firm after six months in the cave', 'gurih dan padat setelah enam bulan diperam', 'รสมันแน่นหลังบ่มหกเดือน', 'malinamnam at matigas pagkatapos ng anim na buwan', 'firme y con notas de nuez tras seis meses de cava')),
      it('kesong-puti', 'cheese-deli', l5('Fresh Kesong Puti', 'Keju Putih Segar', 'ชีสขาวสด', 'Sariwang Kesong Puti', 'Queso fresco de búfala'), 'Fresh cheese', 900, 'box', '#f2efe6', { weight_g: 200, spice_level: 'mild', halal: false, vegan: false }, 230,
        l5('soft, lightly salted carabao-milk cheese', 'keju lembut dari susu kerbau, sedikit asin', 'ชีสนุ่มจากนมควาย เค็มเล็กน้อย', 'malambot at bahagyang maalat na keso ng gatas ng kalabaw', 'queso suave y ligeramente salado de leche de búfala')),
    ],
    variations: [
      { key: 'std', name: l5('', '', '', '', ''), factor: 1 },
      { key: 'family', name: l5('Family Pack', 'Kemasan Keluarga', 'แพ็กครอบครัว', 'Family Pack', 'Paquete familiar'), factor: 2.2 },
      { key: 'sampler', name: l5('Sampler', 'Paket Cicip', 'ชุดชิม', 'Sampler', 'Muestrario'), factor: 0.6 },
      { key: 'gift', name: l5('Gift Box', 'Kotak Hadiah', 'กล่องของขวัญ', 'Gift Box', 'Caja de regalo'), factor: 2.8 },
    ],
  },
  home: {
    top: 'home', type: 'homeware', brands: BRANDS.home!, keywords: 'home, rumah, บ้าน, bahay, hogar, decor',
    intro: l5('Handmade, so small marks and variations are part of the charm.', 'Buatan tangan, jadi sedikit perbedaan adalah bagian dari pesonanya.', 'งานทำมือ ร่องรอยเล็กๆ คือเสน่ห์', 'Gawang-kamay, kaya bahagi ng ganda ang maliliit na pagkakaiba.', 'Hecho a mano: las pequeñas variaciones son parte de su encanto.'),
    care: l5('Wipe with a damp cloth; keep out of strong sun.', 'Lap dengan kain lembap; hindari sinar matahari langsung.', 'เช็ดด้วยผ้าหมาด หลีกเลี่ยงแดดจัด', 'Punasan ng basang tela; iwasan ang matinding araw.', 'Limpiar con un paño húmedo; evitar el sol directo.'),
    items: [
      it('basket', 'decor', l5('Rattan Storage Basket', 'Keranjang Rotan', 'ตะกร้าหวาย', 'Basket na Yantok', 'Canasta de ratán'), 'Basket', 2600, 'box', '#b8864b', { material: 'rattan' }, 700,
        l5('woven by hand in Cirebon, sturdy enough for laundry', 'dianyam tangan di Cirebon, cukup kokoh untuk pakaian', 'สานมือที่จีเรบน แข็งแรงพอใส่ผ้า', 'hinabi ng kamay sa Cirebon, matibay para sa labahan', 'tejida a mano en Cirebon, resistente para la ropa')),
      it('vase', 'decor', l5('Glazed Ceramic Vase', 'Vas Keramik Glasir', 'แจกันเซรามิกเคลือบ', 'Seramik na Plorera', 'Jarrón de cerámica esmaltada'), 'Vase', 3100, 'vase', '#2e6f8e', { material: 'ceramic' }, 1100,
        l5('thrown on the wheel and finished in a deep glaze', 'dibentuk di meja putar dan dilapisi glasir pekat', 'ขึ้นรูปบนแป้นหมุนและเคลือบสีเข้ม', 'hinubog sa gulong at tinapos sa malalim na glaze', 'torneado y terminado con un esmalte profundo')),
      it('tray', 'decor', l5('Teak Serving Tray', 'Nampan Kayu Jati', 'ถาดไม้สัก', 'Bandehadong Kahoy', 'Charola de teca'), 'Tray', 2900, 'box', '#8b5a2b', { material: 'teak' }, 900,
        l5('reclaimed Jepara teak, oiled by hand', 'jati Jepara daur ulang, diminyaki dengan tangan', 'ไม้สักเจปาราเก่า ทาน้ำมันด้วยมือ', 'recycled na teak mula Jepara, nilangisan ng kamay', 'teca recuperada de Jepara, aceitada a mano')),
      it('cushion', 'home-textiles', l5('Ikat Cushion Cover', 'Sarung Bantal Ikat', 'ปลอกหมอนลายอิกัต', 'Ikat na Punda', 'Funda de cojín ikat'), 'Cushion', 1500, 'cloth', '#7a3b69', { material: 'cotton' }, 250,
        l5('hand-tied ikat weave in a 45 × 45 cm cover', 'tenun ikat ikatan tangan untuk bantal 45 × 45 cm', 'ผ้าทออิกัตมัดมือ ขนาด 45 × 45 ซม.', 'hinabing ikat para sa 45 × 45 cm na unan', 'tejido ikat atado a mano, funda de 45 × 45 cm')),
      it('throw', 'home-textiles', l5('Woven Throw Blanket', 'Selimut Tenun', 'ผ้าห่มทอมือ', 'Hinabing Kumot', 'Manta tejida'), 'Throw', 4200, 'cloth', '#5b6f4a', { material: 'cotton' }, 900,
        l5('a light blanket for air-conditioned evenings', 'selimut ringan untuk malam ber-AC', 'ผ้าห่มบางเบาสำหรับห้องแอร์', 'magaang kumot para sa mga gabing may aircon', 'una manta ligera para noches con aire acondicionado')),
    ],
    variations: [
      { key: 'small', name: l5('Small', 'Kecil', 'เล็ก', 'Maliit', 'Chico'), factor: 0.75 },
      { key: 'medium', name: l5('Medium', 'Sedang', 'กลาง', 'Katamtaman', 'Mediano'), factor: 1 },
      { key: 'large', name: l5('Large', 'Besar', 'ใหญ่', 'Malaki', 'Grande'), factor: 1.4 },
      { key: 'set', name: l5('Set of 2', 'Set isi 2', 'ชุด 2 ชิ้น', 'Set ng 2', 'Juego de 2'), factor: 1.8 },
    ],
    options: (item: Item) =>
      item.sub === 'home-textiles'
        ? { options: [COLOUR_OPTION(['terracotta', 'sage', 'sand'])], variants: ['terracotta', 'sage', 'sand'].map((c) => ({ key: c, options: { colour: c }, factor: 1, weight: item.weight, dims: [450, 450, 20] as [number, number, number] })) }
        : undefined,
  },
  beauty: {
    top: 'beauty', type: 'cosmetics', brands: BRANDS.beauty!, keywords: 'beauty, kecantikan, ความงาม, skincare, belleza',
    intro: l5('Dermatologist tested, no added fragrance unless stated.', 'Teruji dermatologis, tanpa pewangi tambahan kecuali disebutkan.', 'ผ่านการทดสอบโดยแพทย์ผิวหนัง ไม่แต่งกลิ่นเว้นแต่ระบุ', 'Sinubok ng dermatologist, walang dagdag na pabango maliban kung nakasaad.', 'Probado dermatológicamente, sin fragancia añadida salvo que se indique.'),
    care: l5('Store below 30 °C. Patch-test before first use.', 'Simpan di bawah 30 °C. Uji di sedikit kulit sebelum pemakaian pertama.', 'เก็บที่อุณหภูมิต่ำกว่า 30 °C ทดสอบก่อนใช้ครั้งแรก', 'Itago sa ilalim ng 30 °C. Subukan muna sa maliit na bahagi ng balat.', 'Guardar por debajo de 30 °C. Haz una prueba antes del primer uso.'),
    items: [
      it('serum', 'skincare', l5('Niacinamide Serum', 'Serum Niacinamide', 'เซรั่มไนอาซินาไมด์', 'Niacinamide Serum', 'Sérum de niacinamida'), 'Serum', 1600, 'tube', '#f3d1c8', { skin_type: 'oily', volume_ml: 30, vegan: true, halal: true }, 90,
        l5('evens out tone and calms shine in humid weather', 'meratakan warna kulit dan mengurangi kilap di cuaca lembap', 'ปรับสีผิวให้สม่ำเสมอและลดความมันในอากาศชื้น', 'pinapantay ang kulay at binabawasan ang kinang sa maalinsangang panahon', 'unifica el tono y controla el brillo en clima húmedo')),
      it('sunscreen', 'skincare', l5('Sunscreen SPF 50 PA++++', 'Tabir Surya SPF 50 PA++++', 'กันแดด SPF 50 PA++++', 'Sunscreen SPF 50 PA++++', 'Protector solar FPS 50 PA++++'), 'SPF 50', 1300, 'tube', '#fde68a', { skin_type: 'all', volume_ml: 50, vegan: true, halal: true }, 80,
        l5('a light gel that leaves no white cast', 'gel ringan yang tidak meninggalkan bekas putih', 'เนื้อเจลบางเบา ไม่ทิ้งคราบขาว', 'magaang gel na hindi nag-iiwan ng puting bakas', 'un gel ligero que no deja rastro blanco')),
      it('moisturiser', 'skincare', l5('Rice Water Moisturiser', 'Pelembap Air Beras', 'มอยส์เจอไรเซอร์น้ำซาวข้าว', 'Rice Water Moisturizer', 'Crema hidratante de agua de arroz'), 'Moisturiser', 1500, 'jar', '#f5f0e1', { skin_type: 'dry', volume_ml: 50, vegan: true, halal: true }, 120,
        l5('fermented rice water and ceramides for soft skin', 'air beras fermentasi dan ceramide untuk kulit lembut', 'น้ำซาวข้าวหมักและเซราไมด์เพื่อผิวนุ่ม', 'fermented na hugas-bigas at ceramides para sa malambot na balat', 'agua de arroz fermentada y ceramidas para una piel suave')),
      it('coconut-oil', 'hair-body', l5('Virgin Coconut Hair Oil', 'Minyak Rambut Kelapa Murni', 'น้ำมันมะพร้าวบำรุงผม', 'Virgin Coconut Oil para sa Buhok', 'Aceite de coco virgen para el cabello'), 'Coconut oil', 900, 'bottle', '#f7f3e3', { skin_type: 'all', volume_ml: 100, vegan: true, halal: true }, 150,
        l5('cold-pressed in Quezon, for glossy hair', 'diperas dingin di Quezon, untuk rambut berkilau', 'สกัดเย็นจากเกซอน เพื่อผมเงางาม', 'cold-pressed sa Quezon, para sa makintab na buhok', 'prensado en frío en Quezon, para un cabello brillante')),
      it('body-scrub', 'hair-body', l5('Coffee Body Scrub', 'Lulur Kopi', 'สครับกาแฟ', 'Coffee Body Scrub', 'Exfoliante corporal de café'), 'Scrub', 1100, 'jar', '#5b3a29', { skin_type: 'all', volume_ml: 200, vegan: true, halal: true }, 260,
        l5('a traditional lulur with ground Toraja coffee', 'lulur tradisional dengan bubuk kopi Toraja', 'สครับแบบดั้งเดิมผสมกาแฟโทราจาบด', 'tradisyonal na lulur na may giniling na kape ng Toraja', 'un lulur tradicional con café de Toraja molido')),
    ],
    variations: [
      { key: 'std', name: l5('', '', '', '', ''), factor: 1 },
      { key: 'travel', name: l5('Travel Size', 'Ukuran Travel', 'ขนาดพกพา', 'Travel Size', 'Tamaño de viaje'), factor: 0.5 },
      { key: 'duo', name: l5('Duo Pack', 'Paket Duo', 'แพ็กคู่', 'Duo Pack', 'Paquete doble'), factor: 1.8 },
      { key: 'sensitive', name: l5('Sensitive', 'Sensitif', 'สำหรับผิวแพ้ง่าย', 'Sensitive', 'Piel sensible'), factor: 1.1, attributes: { skin_type: 'sensitive' } },
    ],
  },
} satisfies Record<string, Line>);

function fromLine(line: Line, i: number, r: Random): Draft {
  const item = line.items[i % line.items.length]!;
  const variation = line.variations[Math.floor(i / line.items.length) % line.variations.length]!;
  const brand = line.brands[i % line.brands.length]!;
  const name = map5((l) => (variation.name[l] ? `${item.name[l]} ${variation.name[l]}` : item.name[l]));
  const opts = line.options?.(item, i);
  return {
    top: line.top, sub: item.sub, type: line.type, brand: brand.slug, name, label: item.label, shape: item.shape, colour: item.colour,
    short: map5((l) => capitalise(item.feature[l]) + (l === 'th' ? '' : '.')),
    description: map5((l) => `${brand.name}: ${item.feature[l]}${l === 'th' ? ' ' : '. '}${line.intro[l]}\n\n${line.care[l]}`),
    keywords: `${line.keywords}, ${item.label.toLowerCase()}`,
    tags: [item.key, variation.key],
    baseCents: Math.round(item.cents * variation.factor * (0.95 + r.next() * 0.1)),
    attributes: { ...item.attributes, ...(variation.attributes ?? {}) },
    ...(opts ?? { variants: [{ key: 'std', factor: 1, weight: Math.round(item.weight * Math.max(0.5, variation.factor)), dims: [200, 150, 100] as [number, number, number] }] }),
  };
}

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

/** How many products each top-level category gets in the demo. */
export const DEMO_COUNTS: Record<string, number> = { wine: 30, coffee: 30, tea: 21, batik: 24, kitchen: 20, electronics: 24, snacks: 28, home: 20, beauty: 20 };

/** Drafts of every demo product, deterministic. */
export function demoDrafts(seed = 20261125): Draft[] {
  const r = createRandom(seed);
  const out: Draft[] = [];
  for (const [top, count] of Object.entries(DEMO_COUNTS)) {
    for (let i = 0; i < count; i++) {
      out.push(top === 'wine' ? wine(i, r) : top === 'coffee' ? coffee(i) : fromLine(LINES[top]!, i, r));
    }
  }
  return out;
}

/** Draft + running number → ProductInput, with prices in five currencies, SKUs and EAN-13 barcodes. */
export function draftToInput(d: Draft, n: number, r: Random, opts: { skuPrefix: string; publishedAt: string; featured: boolean; collections: string[] }): ProductInput {
  const compare = r.chance(0.15) ? 1.15 + r.next() * 0.25 : undefined;
  const translations = Object.fromEntries(LOCALES.map((l) => [l, {
    name: d.name[l].slice(0, 200), short_description: d.short[l], description: d.description[l],
    keywords: d.keywords, seo_title: `${d.name[l]}`.slice(0, 200), seo_description: d.short[l].slice(0, 500),
  }]));
  return {
    status: 'active', type: d.type, brand: d.brand, categories: [d.sub, d.top], collections: opts.collections,
    featured: opts.featured, tags: d.tags, published_at: opts.publishedAt, translations,
    ...(d.options ? { options: d.options.map((o) => ({ code: o.code, names: { ...o.names }, values: o.values.map((v) => ({ code: v.code, labels: { ...v.labels } })) })) } : {}),
    attributes: d.attributes,
    variants: d.variants.map((v, k) => {
      const cents = Math.round(d.baseCents * v.factor);
      return {
        sku: `${opts.skuPrefix}-${String(n).padStart(6, '0')}-${v.key}`.toUpperCase(),
        barcode: ean13(`899${String(n).padStart(6, '0')}${String(k).padStart(3, '0')}`.slice(0, 12)),
        weight_grams: v.weight, length_mm: v.dims[0], width_mm: v.dims[1], height_mm: v.dims[2],
        ...(v.options ? { options: v.options } : {}),
        prices: demoPrices(cents, compare),
        ...(d.tier ? { tier_prices: d.tier.flatMap((t) => demoTierPrices(cents, t.min, t.discount)) } : {}),
      };
    }),
  };
}
