// Buyer review texts per language and rating band, and reviewer names per market: believable, not lorem ipsum.
import type { Random } from './random.ts';

type Locale = 'en' | 'id' | 'th' | 'fil' | 'es';
interface Text { title: string; body: string }

const POSITIVE: Record<Locale, Text[]> = {
  en: [
    { title: 'Exactly as described', body: 'Arrived well packed and two days earlier than promised. The quality is better than I expected for the price.' },
    { title: 'Will buy again', body: 'Second time ordering this. Consistent quality, and the seller answered my question within an hour.' },
    { title: 'Great gift', body: 'Bought it as a birthday present and it went down very well. Looks even nicer in person than in the photos.' },
    { title: 'Worth every cent', body: 'Solid, well made and does what it says. Shipping to Cebu took four days.' },
  ],
  id: [
    { title: 'Sesuai deskripsi', body: 'Paket rapi dan aman, sampai lebih cepat dari perkiraan. Kualitasnya bagus untuk harga segini.' },
    { title: 'Bakal order lagi', body: 'Sudah kedua kalinya beli di sini. Kualitas konsisten dan penjual cepat membalas chat.' },
    { title: 'Cocok buat kado', body: 'Saya beli untuk hadiah ulang tahun ibu, beliau senang sekali. Aslinya lebih bagus dari foto.' },
    { title: 'Mantap, recommended', body: 'Barang sesuai pesanan, pengiriman ke Surabaya cuma tiga hari. Terima kasih, seller!' },
  ],
  th: [
    { title: 'ตรงปก', body: 'แพ็กของมาดีมาก ได้รับเร็วกว่าที่แจ้ง คุณภาพดีเกินราคา' },
    { title: 'จะสั่งอีกแน่นอน', body: 'สั่งเป็นครั้งที่สองแล้ว คุณภาพเหมือนเดิม ร้านตอบแชทไวมาก' },
    { title: 'เหมาะเป็นของขวัญ', body: 'ซื้อเป็นของขวัญวันเกิดให้แม่ ท่านชอบมาก ของจริงสวยกว่าในรูป' },
    { title: 'คุ้มค่ามาก', body: 'ของดี ใช้งานได้ตามที่บอกไว้ ส่งถึงเชียงใหม่ภายในสามวัน' },
  ],
  fil: [
    { title: 'Sulit na sulit', body: 'Maayos ang pagkaka-pack at mas maaga pa dumating. Maganda ang kalidad para sa presyo.' },
    { title: 'Oorder ulit ako', body: 'Pangalawang beses ko nang bumili dito. Pareho pa rin ang kalidad at mabilis sumagot ang seller.' },
    { title: 'Magandang pang-regalo', body: 'Binili ko para sa kaarawan ng nanay ko at tuwang-tuwa siya. Mas maganda pa sa personal.' },
    { title: 'Legit at maayos', body: 'Tama ang dumating na item, tatlong araw lang papuntang Davao. Salamat po!' },
  ],
  es: [
    { title: 'Tal como se describe', body: 'Llegó bien empacado y antes de lo prometido. La calidad es mejor de lo que esperaba por el precio.' },
    { title: 'Volveré a comprar', body: 'Es la segunda vez que lo pido. La calidad es constante y el vendedor respondió en menos de una hora.' },
    { title: 'Excelente regalo', body: 'Lo compré para el cumpleaños de mi mamá y le encantó. En persona se ve todavía mejor que en las fotos.' },
    { title: 'Vale cada peso', body: 'Bien hecho y cumple lo que promete. El envío a Monterrey tardó cuatro días.' },
  ],
};
const NEUTRAL: Record<Locale, Text[]> = {
  en: [{ title: 'Good, not great', body: 'Does the job. The packaging could be better; one corner of the box was dented.' }, { title: 'Okay for the price', body: 'Decent quality, but delivery took a week longer than the estimate.' }],
  id: [{ title: 'Lumayan', body: 'Cukup oke, tapi kemasannya bisa lebih baik. Kardusnya agak penyok di satu sisi.' }, { title: 'Standar', body: 'Kualitas sesuai harga, hanya saja pengirimannya molor seminggu.' }],
  th: [{ title: 'พอใช้ได้', body: 'ใช้งานได้ แต่กล่องบุบไปหนึ่งมุม อยากให้แพ็กดีกว่านี้' }, { title: 'โอเคตามราคา', body: 'คุณภาพพอใช้ แต่การจัดส่งช้ากว่ากำหนดหนึ่งสัปดาห์' }],
  fil: [{ title: 'Pwede na', body: 'Okay naman, pero medyo yupi ang kahon pagdating. Sana mas maayos ang packaging.' }, { title: 'Katamtaman', body: 'Ayos ang kalidad para sa presyo, pero isang linggong na-delay ang delivery.' }],
  es: [{ title: 'Bien, sin más', body: 'Cumple, aunque el empaque podría mejorar: una esquina de la caja llegó golpeada.' }, { title: 'Correcto por el precio', body: 'Calidad aceptable, pero el envío tardó una semana más de lo indicado.' }],
};
const NEGATIVE: Record<Locale, Text[]> = {
  en: [{ title: 'Disappointed', body: 'Not what I expected from the photos. Customer service offered a partial refund, which was fair.' }],
  id: [{ title: 'Kurang puas', body: 'Tidak sesuai ekspektasi dari foto. Tapi CS menawarkan refund sebagian, cukup adil.' }],
  th: [{ title: 'ผิดหวังนิดหน่อย', body: 'ไม่เหมือนในรูปเท่าไร แต่ร้านเสนอคืนเงินบางส่วนให้ ถือว่าโอเค' }],
  fil: [{ title: 'Medyo nadismaya', body: 'Hindi katulad ng inaasahan ko sa litrato. Pero nag-alok ang seller ng partial refund.' }],
  es: [{ title: 'Me decepcionó', body: 'No era lo que esperaba por las fotos. Atención al cliente ofreció un reembolso parcial, lo cual se agradece.' }],
};

const NAMES: Record<Locale, string[]> = {
  en: ['Sarah K.', 'James T.', 'Priya M.', 'Daniel W.', 'Emily R.', 'Tom H.'],
  id: ['Dewi S.', 'Budi Santoso', 'Rina A.', 'Agus P.', 'Siti Nurhaliza', 'Fajar R.', 'Putri W.'],
  th: ['สมชาย ก.', 'วรรณา ส.', 'ณัฐพล จ.', 'กมลชนก ท.', 'ปิยะ ร.'],
  fil: ['Maria Santos', 'Juan D.', 'Angelica R.', 'Mark Anthony C.', 'Jenny L.', 'Paolo G.'],
  es: ['María G.', 'José Luis H.', 'Ana Sofía M.', 'Carlos R.', 'Lupita V.', 'Diego F.'],
};

export const REVIEW_LOCALES: Locale[] = ['id', 'en', 'th', 'fil', 'es'];

export interface ReviewDraft { locale: Locale; author: string; rating: number; title: string; body: string; verified: boolean; helpful: number }

/** A review with a rating skewed to 4–5 stars, as real shops see. */
export function makeReview(r: Random, locale: Locale = r.pick(REVIEW_LOCALES)): ReviewDraft {
  const x = r.next();
  const rating = x < 0.5 ? 5 : x < 0.8 ? 4 : x < 0.92 ? 3 : x < 0.97 ? 2 : 1;
  const text = r.pick(rating >= 4 ? POSITIVE[locale] : rating === 3 ? NEUTRAL[locale] : NEGATIVE[locale]);
  return { locale, author: r.pick(NAMES[locale]), rating, title: text.title, body: text.body, verified: r.chance(0.8), helpful: r.chance(0.6) ? r.int(0, 40) : 0 };
}
