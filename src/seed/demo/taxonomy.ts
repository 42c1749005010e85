// The demo shop's taxonomy: categories, brands, attributes, product types and collections in five languages.
// The bulk generator reuses it, so generated products land in the same categories and facets.
import type { TaxonomyInput } from '../../catalog/import/index.ts';

export type L5 = { en: string; id: string; th: string; fil: string; es: string };
export const l5 = (en: string, id: string, th: string, fil: string, es: string): L5 => ({ en, id, th, fil, es });
const names = (l: L5) => ({ en: { name: l.en }, id: { name: l.id }, th: { name: l.th }, fil: { name: l.fil }, es: { name: l.es } });

interface Cat { code: string; name: L5; children?: { code: string; name: L5 }[] }

export const CATEGORY_TREE: Cat[] = [
  { code: 'wine', name: l5('Wine', 'Anggur', 'ไวน์', 'Alak', 'Vino'), children: [
    { code: 'red-wine', name: l5('Red wine', 'Anggur merah', 'ไวน์แดง', 'Pulang alak', 'Vino tinto') },
    { code: 'white-wine', name: l5('White wine', 'Anggur putih', 'ไวน์ขาว', 'Puting alak', 'Vino blanco') },
    { code: 'sparkling-wine', name: l5('Sparkling wine', 'Anggur bersoda', 'สปาร์คกลิ้งไวน์', 'Sparkling na alak', 'Vino espumoso') },
  ] },
  { code: 'coffee', name: l5('Coffee', 'Kopi', 'กาแฟ', 'Kape', 'Café'), children: [
    { code: 'coffee-beans', name: l5('Coffee beans', 'Biji kopi', 'เมล็ดกาแฟ', 'Butil ng kape', 'Café en grano') },
    { code: 'ground-coffee', name: l5('Ground coffee', 'Kopi bubuk', 'กาแฟบด', 'Giniling na kape', 'Café molido') },
    { code: 'coffee-equipment', name: l5('Coffee equipment', 'Alat kopi', 'อุปกรณ์กาแฟ', 'Kagamitan sa kape', 'Accesorios de café') },
  ] },
  { code: 'tea', name: l5('Tea', 'Teh', 'ชา', 'Tsaa', 'Té'), children: [
    { code: 'green-tea', name: l5('Green tea', 'Teh hijau', 'ชาเขียว', 'Green tea', 'Té verde') },
    { code: 'black-tea', name: l5('Black tea', 'Teh hitam', 'ชาดำ', 'Itim na tsaa', 'Té negro') },
    { code: 'herbal-tea', name: l5('Herbal tea', 'Teh herbal', 'ชาสมุนไพร', 'Herbal na tsaa', 'Infusiones') },
  ] },
  { code: 'batik', name: l5('Batik & Textiles', 'Batik & Kain', 'ผ้าบาติกและสิ่งทอ', 'Batik at Tela', 'Batik y textiles'), children: [
    { code: 'batik-cloth', name: l5('Batik cloth', 'Kain batik', 'ผ้าบาติก', 'Telang batik', 'Tela batik') },
    { code: 'batik-shirts', name: l5('Batik shirts', 'Kemeja batik', 'เสื้อบาติก', 'Batik na polo', 'Camisas batik') },
    { code: 'sarongs', name: l5('Sarongs & scarves', 'Sarung & selendang', 'ผ้าซิ่นและผ้าพันคอ', 'Sarong at bandana', 'Pareos y pañuelos') },
  ] },
  { code: 'kitchen', name: l5('Kitchen', 'Dapur', 'ครัว', 'Kusina', 'Cocina'), children: [
    { code: 'cookware', name: l5('Cookware', 'Peralatan masak', 'เครื่องครัว', 'Lutuan', 'Utensilios de cocción') },
    { code: 'kitchen-tools', name: l5('Kitchen tools', 'Alat dapur', 'อุปกรณ์ครัว', 'Gamit sa kusina', 'Herramientas de cocina') },
  ] },
  { code: 'electronics', name: l5('Electronics', 'Elektronik', 'อิเล็กทรอนิกส์', 'Elektroniks', 'Electrónica'), children: [
    { code: 'audio', name: l5('Audio', 'Audio', 'เครื่องเสียง', 'Audio', 'Audio') },
    { code: 'wearables', name: l5('Wearables', 'Perangkat wearable', 'อุปกรณ์สวมใส่', 'Wearables', 'Dispositivos vestibles') },
    { code: 'chargers', name: l5('Power & chargers', 'Daya & pengisi', 'พาวเวอร์แบงก์และที่ชาร์จ', 'Power at charger', 'Energía y cargadores') },
  ] },
  { code: 'snacks', name: l5('Snacks & Spices', 'Camilan & Rempah', 'ขนมและเครื่องเทศ', 'Meryenda at Pampalasa', 'Botanas y especias'), children: [
    { code: 'chips', name: l5('Chips & crackers', 'Keripik & kerupuk', 'ขนมกรุบกรอบ', 'Chichirya', 'Frituras y galletas') },
    { code: 'spices', name: l5('Spices & sambal', 'Rempah & sambal', 'เครื่องเทศและซอส', 'Pampalasa at sawsawan', 'Especias y salsas') },
    { code: 'cheese-deli', name: l5('Cheese & deli', 'Keju & deli', 'ชีสและเดลี', 'Keso at deli', 'Quesos y charcutería') },
  ] },
  { code: 'home', name: l5('Home & Living', 'Rumah & Gaya Hidup', 'บ้านและของแต่งบ้าน', 'Bahay at Pamumuhay', 'Hogar'), children: [
    { code: 'decor', name: l5('Decor', 'Dekorasi', 'ของตกแต่ง', 'Dekorasyon', 'Decoración') },
    { code: 'home-textiles', name: l5('Home textiles', 'Tekstil rumah', 'ผ้าในบ้าน', 'Tela sa bahay', 'Textiles para el hogar') },
  ] },
  { code: 'beauty', name: l5('Beauty', 'Kecantikan', 'ความงาม', 'Kagandahan', 'Belleza'), children: [
    { code: 'skincare', name: l5('Skincare', 'Perawatan kulit', 'ดูแลผิว', 'Pangangalaga sa balat', 'Cuidado de la piel') },
    { code: 'hair-body', name: l5('Hair & body', 'Rambut & tubuh', 'ผมและผิวกาย', 'Buhok at katawan', 'Cabello y cuerpo') },
  ] },
];

export const BRANDS: Record<string, { slug: string; name: string; description: string }[]> = {
  wine: [
    { slug: 'hatten-hills', name: 'Hatten Hills', description: 'Tropical-climate wines from the north coast of Bali.' },
    { slug: 'khao-yai-estate', name: 'Khao Yai Estate', description: 'Highland vineyards two hours from Bangkok.' },
    { slug: 'valle-sereno', name: 'Valle Sereno', description: 'Family winery in the Valle de Guadalupe, Baja California.' },
  ],
  coffee: [
    { slug: 'kopi-nusantara', name: 'Kopi Nusantara', description: 'Single-origin roaster working with farmers across the archipelago.' },
    { slug: 'doi-chaang-roasters', name: 'Doi Chaang Roasters', description: 'Arabica from the hills of Chiang Rai.' },
    { slug: 'barako-brothers', name: 'Barako Brothers', description: 'Batangas liberica and robusta, roasted weekly.' },
  ],
  tea: [
    { slug: 'kebun-teh-puncak', name: 'Kebun Teh Puncak', description: 'Tea gardens on the slopes of West Java.' },
    { slug: 'chiang-rai-leaf', name: 'Chiang Rai Leaf', description: 'Oolong and green tea from northern Thailand.' },
  ],
  batik: [
    { slug: 'rumah-batik-laweyan', name: 'Rumah Batik Laweyan', description: 'Hand-drawn batik from the Laweyan quarter of Solo.' },
    { slug: 'pekalongan-pesisir', name: 'Pekalongan Pesisir', description: 'Bright coastal batik in the Pekalongan style.' },
  ],
  kitchen: [
    { slug: 'dapur-ibu', name: 'Dapur Ibu', description: 'Sturdy cookware for everyday Asian cooking.' },
    { slug: 'cocina-viva', name: 'Cocina Viva', description: 'Kitchen tools designed in Guadalajara.' },
  ],
  electronics: [
    { slug: 'sora-audio', name: 'Sora Audio', description: 'Everyday audio built for heat and humidity.' },
    { slug: 'volta-ph', name: 'Volta', description: 'Chargers and power banks from Manila.' },
    { slug: 'garuda-tech', name: 'Garuda Tech', description: 'Wearables designed in Bandung.' },
  ],
  snacks: [
    { slug: 'warung-rasa', name: 'Warung Rasa', description: 'Snacks and sambal made in small batches in Yogyakarta.' },
    { slug: 'queseria-del-bosque', name: 'Quesería del Bosque', description: 'Farmhouse cheese from Jalisco.' },
    { slug: 'siam-spice', name: 'Siam Spice', description: 'Thai pastes and spice blends.' },
  ],
  home: [
    { slug: 'rotan-jepara', name: 'Rotan Jepara', description: 'Rattan and teak craft from Central Java.' },
    { slug: 'casa-luna', name: 'Casa Luna', description: 'Ceramics and linens from Oaxaca.' },
  ],
  beauty: [
    { slug: 'sari-ayu-alam', name: 'Sari Alam', description: 'Skincare with Indonesian botanicals.' },
    { slug: 'mango-bay', name: 'Mango Bay', description: 'Body care from the Philippines, made with coconut oil.' },
  ],
};

type Opt = { code: string; label: L5 };
const opt = (code: string, en: string, id: string, th: string, fil: string, es: string): Opt => ({ code, label: l5(en, id, th, fil, es) });
const same = (code: string, label: string, th = label): Opt => opt(code, label, label, th, label, label);

export const GRAPES: Opt[] = [
  same('shiraz', 'Shiraz', 'ชีราซ'), same('cabernet-sauvignon', 'Cabernet Sauvignon', 'คาเบอร์เนต์ โซวิญง'), same('merlot', 'Merlot', 'แมร์โล'),
  same('tempranillo', 'Tempranillo', 'เทมปรานิลโล'), same('chenin-blanc', 'Chenin Blanc', 'เชอแน็ง บลอง'), same('sauvignon-blanc', 'Sauvignon Blanc', 'โซวิญง บลอง'),
  same('chardonnay', 'Chardonnay', 'ชาร์ดอนเนย์'), same('muscat', 'Muscat', 'มัสกัต'), same('nebbiolo', 'Nebbiolo', 'เนบบิโอโล'),
];
export const WINE_REGIONS: Opt[] = [
  same('bali', 'Bali', 'บาหลี'), same('khao-yai', 'Khao Yai', 'เขาใหญ่'), same('valle-de-guadalupe', 'Valle de Guadalupe', 'บาเย เด กัวดาลูเป'),
  same('mendoza', 'Mendoza', 'เมนโดซา'), same('barossa', 'Barossa', 'บาโรซา'),
];
export const WINE_COLOURS: Opt[] = [
  opt('red', 'Red', 'Merah', 'แดง', 'Pula', 'Tinto'), opt('white', 'White', 'Putih', 'ขาว', 'Puti', 'Blanco'),
  opt('rose', 'Rosé', 'Rosé', 'โรเซ่', 'Rosé', 'Rosado'), opt('sparkling', 'Sparkling', 'Bersoda', 'สปาร์คกลิ้ง', 'Sparkling', 'Espumoso'),
];
export const COFFEE_ORIGINS: Opt[] = [
  same('toraja', 'Toraja', 'โทราจา'), same('gayo', 'Aceh Gayo', 'อาเจะห์ กาโย'), same('kintamani', 'Kintamani', 'กินตามานี'),
  same('flores', 'Flores Bajawa', 'ฟลอเรส บาจาวา'), same('doi-chaang', 'Doi Chaang', 'ดอยช้าง'), same('batangas', 'Batangas', 'บาตังกัส'),
  same('chiapas', 'Chiapas', 'เชียปัส'), same('java-ijen', 'Java Ijen', 'ชวา อีเจน'),
];
export const ROASTS: Opt[] = [
  opt('light', 'Light', 'Terang', 'คั่วอ่อน', 'Light', 'Tueste claro'), opt('medium', 'Medium', 'Sedang', 'คั่วกลาง', 'Medium', 'Tueste medio'),
  opt('dark', 'Dark', 'Gelap', 'คั่วเข้ม', 'Dark', 'Tueste oscuro'),
];
export const PROCESSES: Opt[] = [
  opt('washed', 'Washed', 'Full wash', 'แบบเปียก', 'Washed', 'Lavado'), opt('natural', 'Natural', 'Natural', 'แบบแห้ง', 'Natural', 'Natural'),
  opt('honey', 'Honey', 'Honey', 'ฮันนี่', 'Honey', 'Honey'), opt('wet-hulled', 'Wet-hulled', 'Giling basah', 'กึ่งเปียก', 'Wet-hulled', 'Descascarado húmedo'),
];
export const MATERIALS: Opt[] = [
  opt('cotton', 'Cotton', 'Katun', 'ผ้าฝ้าย', 'Koton', 'Algodón'), opt('silk', 'Silk', 'Sutra', 'ผ้าไหม', 'Seda', 'Seda'),
  opt('rayon', 'Rayon', 'Rayon', 'เรยอน', 'Rayon', 'Rayón'), opt('stainless-steel', 'Stainless steel', 'Baja tahan karat', 'สแตนเลส', 'Stainless steel', 'Acero inoxidable'),
  opt('cast-iron', 'Cast iron', 'Besi cor', 'เหล็กหล่อ', 'Cast iron', 'Hierro fundido'), opt('teak', 'Teak', 'Jati', 'ไม้สัก', 'Narra-teak', 'Teca'),
  opt('rattan', 'Rattan', 'Rotan', 'หวาย', 'Yantok', 'Ratán'), opt('ceramic', 'Ceramic', 'Keramik', 'เซรามิก', 'Seramik', 'Cerámica'),
  opt('glass', 'Glass', 'Kaca', 'แก้ว', 'Salamin', 'Vidrio'), opt('bamboo', 'Bamboo', 'Bambu', 'ไม้ไผ่', 'Kawayan', 'Bambú'),
];
export const TECHNIQUES: Opt[] = [
  opt('tulis', 'Hand-drawn (tulis)', 'Tulis', 'เขียนมือ (ตูลิส)', 'Iginuhit ng kamay (tulis)', 'Dibujado a mano (tulis)'),
  opt('cap', 'Stamped (cap)', 'Cap', 'ประทับลาย (จับ)', 'Tinatakan (cap)', 'Estampado con sello (cap)'),
  opt('print', 'Printed', 'Printing', 'พิมพ์ลาย', 'Printed', 'Impreso'),
];
export const CONNECTIVITY: Opt[] = [
  same('bluetooth', 'Bluetooth', 'บลูทูธ'), same('usb-c', 'USB-C'), same('wifi', 'Wi-Fi', 'ไวไฟ'), same('nfc', 'NFC'),
];
export const SPICE_LEVELS: Opt[] = [
  opt('mild', 'Mild', 'Tidak pedas', 'ไม่เผ็ด', 'Hindi maanghang', 'Suave'), opt('medium', 'Medium', 'Sedang', 'เผ็ดกลาง', 'Katamtaman', 'Medio'),
  opt('hot', 'Hot', 'Pedas', 'เผ็ดมาก', 'Maanghang', 'Picante'),
];
export const SKIN_TYPES: Opt[] = [
  opt('all', 'All skin types', 'Semua jenis kulit', 'ทุกสภาพผิว', 'Lahat ng uri ng balat', 'Todo tipo de piel'),
  opt('oily', 'Oily', 'Berminyak', 'ผิวมัน', 'Malangis', 'Grasa'), opt('dry', 'Dry', 'Kering', 'ผิวแห้ง', 'Tuyo', 'Seca'),
  opt('sensitive', 'Sensitive', 'Sensitif', 'ผิวแพ้ง่าย', 'Sensitibo', 'Sensible'),
];
export const TEA_TYPES: Opt[] = [
  opt('green', 'Green', 'Hijau', 'ชาเขียว', 'Green', 'Verde'), opt('black', 'Black', 'Hitam', 'ชาดำ', 'Itim', 'Negro'),
  opt('oolong', 'Oolong', 'Oolong', 'อูหลง', 'Oolong', 'Oolong'), opt('herbal', 'Herbal', 'Herbal', 'สมุนไพร', 'Herbal', 'Herbal'),
];

type AttrDef = { code: string; kind: 'text' | 'number' | 'enum' | 'boolean'; unit?: string; filterable: boolean; name: L5; options?: Opt[] };
export const ATTRIBUTES: AttrDef[] = [
  { code: 'grape', kind: 'enum', filterable: true, name: l5('Grape', 'Varietas anggur', 'พันธุ์องุ่น', 'Uri ng ubas', 'Uva'), options: GRAPES },
  { code: 'vintage', kind: 'number', filterable: true, name: l5('Vintage', 'Tahun panen', 'ปีที่ผลิต', 'Taon ng ani', 'Cosecha') },
  { code: 'wine_region', kind: 'enum', filterable: true, name: l5('Region', 'Wilayah', 'แหล่งผลิต', 'Rehiyon', 'Región'), options: WINE_REGIONS },
  { code: 'wine_colour', kind: 'enum', filterable: true, name: l5('Colour', 'Warna', 'สี', 'Kulay', 'Color'), options: WINE_COLOURS },
  { code: 'alcohol', kind: 'number', unit: '%', filterable: true, name: l5('Alcohol', 'Kadar alkohol', 'แอลกอฮอล์', 'Alkohol', 'Alcohol') },
  { code: 'volume_ml', kind: 'number', unit: 'ml', filterable: false, name: l5('Volume', 'Volume', 'ปริมาตร', 'Dami', 'Volumen') },
  { code: 'coffee_origin', kind: 'enum', filterable: true, name: l5('Origin', 'Asal', 'แหล่งปลูก', 'Pinagmulan', 'Origen'), options: COFFEE_ORIGINS },
  { code: 'roast', kind: 'enum', filterable: true, name: l5('Roast level', 'Tingkat sangrai', 'ระดับการคั่ว', 'Antas ng roast', 'Nivel de tueste'), options: ROASTS },
  { code: 'process', kind: 'enum', filterable: true, name: l5('Process', 'Proses', 'กระบวนการ', 'Proseso', 'Proceso'), options: PROCESSES },
  { code: 'weight_g', kind: 'number', unit: 'g', filterable: false, name: l5('Net weight', 'Berat bersih', 'น้ำหนักสุทธิ', 'Netong timbang', 'Peso neto') },
  { code: 'tea_type', kind: 'enum', filterable: true, name: l5('Tea type', 'Jenis teh', 'ประเภทชา', 'Uri ng tsaa', 'Tipo de té'), options: TEA_TYPES },
  { code: 'material', kind: 'enum', filterable: true, name: l5('Material', 'Bahan', 'วัสดุ', 'Materyal', 'Material'), options: MATERIALS },
  { code: 'technique', kind: 'enum', filterable: true, name: l5('Technique', 'Teknik', 'เทคนิค', 'Teknik', 'Técnica'), options: TECHNIQUES },
  { code: 'battery_hours', kind: 'number', unit: 'h', filterable: true, name: l5('Battery life', 'Daya tahan baterai', 'แบตเตอรี่ใช้งาน', 'Tagal ng baterya', 'Autonomía') },
  { code: 'connectivity', kind: 'enum', filterable: true, name: l5('Connectivity', 'Konektivitas', 'การเชื่อมต่อ', 'Koneksyon', 'Conectividad'), options: CONNECTIVITY },
  { code: 'warranty_months', kind: 'number', unit: 'months', filterable: false, name: l5('Warranty', 'Garansi', 'การรับประกัน', 'Warranty', 'Garantía') },
  { code: 'waterproof', kind: 'boolean', filterable: true, name: l5('Waterproof', 'Tahan air', 'กันน้ำ', 'Hindi tinatagusan ng tubig', 'Resistente al agua') },
  { code: 'spice_level', kind: 'enum', filterable: true, name: l5('Spice level', 'Tingkat pedas', 'ระดับความเผ็ด', 'Anghang', 'Nivel de picor'), options: SPICE_LEVELS },
  { code: 'halal', kind: 'boolean', filterable: true, name: l5('Halal certified', 'Bersertifikat halal', 'ฮาลาล', 'Halal', 'Certificado halal') },
  { code: 'vegan', kind: 'boolean', filterable: true, name: l5('Vegan', 'Vegan', 'วีแกน', 'Vegan', 'Vegano') },
  { code: 'skin_type', kind: 'enum', filterable: true, name: l5('Skin type', 'Jenis kulit', 'สภาพผิว', 'Uri ng balat', 'Tipo de piel'), options: SKIN_TYPES },
  { code: 'capacity_ml', kind: 'number', unit: 'ml', filterable: false, name: l5('Capacity', 'Kapasitas', 'ความจุ', 'Kapasidad', 'Capacidad') },
];

export const PRODUCT_TYPES = [
  { code: 'wine', name: 'Wine', attributes: ['grape', 'vintage', 'wine_region', 'wine_colour', 'alcohol', 'volume_ml'] },
  { code: 'coffee', name: 'Coffee', attributes: ['coffee_origin', 'roast', 'process', 'weight_g'] },
  { code: 'tea', name: 'Tea', attributes: ['tea_type', 'weight_g', 'halal'] },
  { code: 'textile', name: 'Batik & textiles', attributes: ['material', 'technique'] },
  { code: 'kitchenware', name: 'Kitchenware', attributes: ['material', 'capacity_ml'] },
  { code: 'electronics', name: 'Electronics', attributes: ['battery_hours', 'connectivity', 'warranty_months', 'waterproof'] },
  { code: 'food', name: 'Food', attributes: ['weight_g', 'spice_level', 'halal', 'vegan'] },
  { code: 'homeware', name: 'Homeware', attributes: ['material'] },
  { code: 'cosmetics', name: 'Cosmetics', attributes: ['skin_type', 'volume_ml', 'vegan', 'halal'] },
];

export const COLLECTIONS = [
  { code: 'gifts-under-25', featured: true, name: l5('Gifts under $25', 'Kado di bawah Rp400rb', 'ของขวัญราคาไม่เกิน 900 บาท', 'Regalo na abot-kaya', 'Regalos por menos de $450') },
  { code: 'made-in-indonesia', featured: true, name: l5('Made in Indonesia', 'Buatan Indonesia', 'ผลิตในอินโดนีเซีย', 'Gawa sa Indonesia', 'Hecho en Indonesia') },
  { code: 'rainy-season', featured: false, name: l5('Rainy season comfort', 'Teman musim hujan', 'ของอุ่นใจหน้าฝน', 'Pampainit sa tag-ulan', 'Para la temporada de lluvias') },
];

/** The whole taxonomy in importTaxonomy's shape. */
export function demoTaxonomy(): TaxonomyInput {
  return {
    categories: CATEGORY_TREE.flatMap((c, i) => [
      { code: c.code, position: i, translations: names(c.name) },
      ...(c.children ?? []).map((s, j) => ({ code: s.code, parent: c.code, position: j, translations: names(s.name) })),
    ]),
    brands: Object.values(BRANDS).flat(),
    attributes: ATTRIBUTES.map((a, position) => ({
      code: a.code, kind: a.kind, filterable: a.filterable, position, names: { ...a.name },
      ...(a.unit ? { unit: a.unit } : {}),
      ...(a.options ? { options: a.options.map((o) => ({ code: o.code, labels: { ...o.label } })) } : {}),
    })),
    productTypes: PRODUCT_TYPES,
    collections: COLLECTIONS.map((c) => ({ code: c.code, featured: c.featured, translations: names(c.name) })),
  };
}
