// The words of the order emails in each storefront language. {n} is the order number, {carrier}, {amount} and
// {shop} are filled in by the templates.
import type { Locale } from '../../config.ts';
import type { OrderMailTemplate } from './order-mail.types.ts';

export interface MailStrings {
  greeting: (name: string) => string;
  messages: Record<OrderMailTemplate, { subject: string; intro: string }>;
  item: string;
  quantity: string;
  price: string;
  subtotal: string;
  shipping: string;
  tax: string;
  taxIncluded: string;
  discount: string;
  total: string;
  paymentMethod: string;
  expectedDelivery: string;
  trackParcel: string;
  trackingNumber: string;
  reason: string;
  viewOrder: string;
  thanks: string;
  questions: string;
}

export const MAIL_STRINGS: Record<Locale, MailStrings> = {
  en: {
    greeting: (name) => `Hi ${name},`,
    messages: {
      order_confirmation: { subject: 'Order {n} confirmed', intro: 'Thank you for your order! We have received order {n} and will let you know when it ships.' },
      payment_received: { subject: 'Payment received for order {n}', intro: 'We have received your payment for order {n}. We are now preparing it for shipping.' },
      order_shipped: { subject: 'Order {n} is on its way', intro: 'Good news: order {n} has been shipped with {carrier}.' },
      order_delivered: { subject: 'Order {n} has been delivered', intro: 'Order {n} has been delivered. We hope you enjoy it!' },
      order_cancelled: { subject: 'Order {n} has been cancelled', intro: 'Order {n} has been cancelled.' },
      order_refunded: { subject: 'Refund for order {n}', intro: 'We have refunded {amount} for order {n}. Depending on your bank, it may take a few days to appear.' },
    },
    item: 'Item', quantity: 'Qty', price: 'Price', subtotal: 'Subtotal', shipping: 'Shipping', tax: 'Tax', taxIncluded: 'Tax included',
    discount: 'Discount', total: 'Total', paymentMethod: 'Payment method', expectedDelivery: 'Expected delivery', trackParcel: 'Track your parcel',
    trackingNumber: 'Tracking number', reason: 'Reason', viewOrder: 'View your order', thanks: 'Thank you for shopping with {shop}.',
    questions: 'Questions? Just reply to this email.',
  },
  id: {
    greeting: (name) => `Halo ${name},`,
    messages: {
      order_confirmation: { subject: 'Pesanan {n} telah dikonfirmasi', intro: 'Terima kasih atas pesanan Anda! Kami telah menerima pesanan {n} dan akan memberi tahu Anda saat pesanan dikirim.' },
      payment_received: { subject: 'Pembayaran pesanan {n} telah diterima', intro: 'Kami telah menerima pembayaran Anda untuk pesanan {n}. Pesanan sedang kami siapkan untuk dikirim.' },
      order_shipped: { subject: 'Pesanan {n} sedang dalam perjalanan', intro: 'Kabar baik: pesanan {n} telah dikirim melalui {carrier}.' },
      order_delivered: { subject: 'Pesanan {n} telah sampai', intro: 'Pesanan {n} telah diantar. Semoga Anda menyukainya!' },
      order_cancelled: { subject: 'Pesanan {n} dibatalkan', intro: 'Pesanan {n} telah dibatalkan.' },
      order_refunded: { subject: 'Pengembalian dana pesanan {n}', intro: 'Kami telah mengembalikan dana sebesar {amount} untuk pesanan {n}. Tergantung bank Anda, dana mungkin baru terlihat dalam beberapa hari.' },
    },
    item: 'Produk', quantity: 'Jumlah', price: 'Harga', subtotal: 'Subtotal', shipping: 'Ongkos kirim', tax: 'Pajak', taxIncluded: 'Termasuk pajak',
    discount: 'Diskon', total: 'Total', paymentMethod: 'Metode pembayaran', expectedDelivery: 'Perkiraan tiba', trackParcel: 'Lacak paket Anda',
    trackingNumber: 'Nomor resi', reason: 'Alasan', viewOrder: 'Lihat pesanan Anda', thanks: 'Terima kasih telah berbelanja di {shop}.',
    questions: 'Ada pertanyaan? Balas saja email ini.',
  },
  th: {
    greeting: (name) => `สวัสดีคุณ${name}`,
    messages: {
      order_confirmation: { subject: 'ยืนยันคำสั่งซื้อ {n} แล้ว', intro: 'ขอบคุณสำหรับคำสั่งซื้อ! เราได้รับคำสั่งซื้อ {n} แล้ว และจะแจ้งให้คุณทราบเมื่อจัดส่งสินค้า' },
      payment_received: { subject: 'ได้รับการชำระเงินสำหรับคำสั่งซื้อ {n} แล้ว', intro: 'เราได้รับการชำระเงินสำหรับคำสั่งซื้อ {n} แล้ว และกำลังเตรียมจัดส่ง' },
      order_shipped: { subject: 'คำสั่งซื้อ {n} กำลังจัดส่ง', intro: 'ข่าวดี: คำสั่งซื้อ {n} ได้จัดส่งแล้วผ่าน {carrier}' },
      order_delivered: { subject: 'คำสั่งซื้อ {n} จัดส่งถึงแล้ว', intro: 'คำสั่งซื้อ {n} ได้จัดส่งถึงคุณแล้ว หวังว่าคุณจะชอบสินค้า!' },
      order_cancelled: { subject: 'คำสั่งซื้อ {n} ถูกยกเลิก', intro: 'คำสั่งซื้อ {n} ถูกยกเลิกแล้ว' },
      order_refunded: { subject: 'คืนเงินสำหรับคำสั่งซื้อ {n}', intro: 'เราได้คืนเงิน {amount} สำหรับคำสั่งซื้อ {n} แล้ว ยอดเงินอาจใช้เวลาสองสามวันจึงจะปรากฏ ขึ้นอยู่กับธนาคารของคุณ' },
    },
    item: 'สินค้า', quantity: 'จำนวน', price: 'ราคา', subtotal: 'ยอดรวมย่อย', shipping: 'ค่าจัดส่ง', tax: 'ภาษี', taxIncluded: 'รวมภาษีแล้ว',
    discount: 'ส่วนลด', total: 'ยอดรวม', paymentMethod: 'วิธีชำระเงิน', expectedDelivery: 'กำหนดส่งโดยประมาณ', trackParcel: 'ติดตามพัสดุของคุณ',
    trackingNumber: 'หมายเลขพัสดุ', reason: 'เหตุผล', viewOrder: 'ดูคำสั่งซื้อของคุณ', thanks: 'ขอบคุณที่เลือกซื้อสินค้ากับ {shop}',
    questions: 'มีคำถาม? ตอบกลับอีเมลนี้ได้เลย',
  },
  fil: {
    greeting: (name) => `Kumusta ${name},`,
    messages: {
      order_confirmation: { subject: 'Kumpirmado ang order {n}', intro: 'Salamat sa iyong order! Natanggap namin ang order {n} at ipapaalam namin sa iyo kapag naipadala na ito.' },
      payment_received: { subject: 'Natanggap ang bayad para sa order {n}', intro: 'Natanggap namin ang iyong bayad para sa order {n}. Inihahanda na namin ito para ipadala.' },
      order_shipped: { subject: 'Papunta na sa iyo ang order {n}', intro: 'Magandang balita: naipadala na ang order {n} sa pamamagitan ng {carrier}.' },
      order_delivered: { subject: 'Naihatid na ang order {n}', intro: 'Naihatid na ang order {n}. Sana ay magustuhan mo ito!' },
      order_cancelled: { subject: 'Kinansela ang order {n}', intro: 'Kinansela na ang order {n}.' },
      order_refunded: { subject: 'Refund para sa order {n}', intro: 'Ni-refund namin ang {amount} para sa order {n}. Depende sa iyong bangko, maaaring tumagal ng ilang araw bago ito lumabas.' },
    },
    item: 'Produkto', quantity: 'Dami', price: 'Presyo', subtotal: 'Subtotal', shipping: 'Pagpapadala', tax: 'Buwis', taxIncluded: 'Kasama ang buwis',
    discount: 'Diskwento', total: 'Kabuuan', paymentMethod: 'Paraan ng pagbabayad', expectedDelivery: 'Inaasahang pagdating', trackParcel: 'I-track ang iyong parcel',
    trackingNumber: 'Tracking number', reason: 'Dahilan', viewOrder: 'Tingnan ang iyong order', thanks: 'Salamat sa pamimili sa {shop}.',
    questions: 'May tanong? Sagutin lang ang email na ito.',
  },
  es: {
    greeting: (name) => `Hola, ${name}:`,
    messages: {
      order_confirmation: { subject: 'Pedido {n} confirmado', intro: '¡Gracias por tu pedido! Hemos recibido el pedido {n} y te avisaremos cuando se envíe.' },
      payment_received: { subject: 'Pago recibido del pedido {n}', intro: 'Hemos recibido tu pago del pedido {n}. Ya lo estamos preparando para el envío.' },
      order_shipped: { subject: 'Tu pedido {n} está en camino', intro: 'Buenas noticias: el pedido {n} se ha enviado con {carrier}.' },
      order_delivered: { subject: 'Tu pedido {n} ha sido entregado', intro: 'El pedido {n} ha sido entregado. ¡Esperamos que lo disfrutes!' },
      order_cancelled: { subject: 'Pedido {n} cancelado', intro: 'El pedido {n} ha sido cancelado.' },
      order_refunded: { subject: 'Reembolso del pedido {n}', intro: 'Hemos reembolsado {amount} del pedido {n}. Según tu banco, puede tardar unos días en aparecer.' },
    },
    item: 'Producto', quantity: 'Cant.', price: 'Precio', subtotal: 'Subtotal', shipping: 'Envío', tax: 'Impuestos', taxIncluded: 'Impuestos incluidos',
    discount: 'Descuento', total: 'Total', paymentMethod: 'Forma de pago', expectedDelivery: 'Entrega estimada', trackParcel: 'Sigue tu paquete',
    trackingNumber: 'Número de seguimiento', reason: 'Motivo', viewOrder: 'Ver tu pedido', thanks: 'Gracias por comprar en {shop}.',
    questions: '¿Tienes preguntas? Responde a este correo.',
  },
};

/** Replaces {name} placeholders; unknown ones stay as they are. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
