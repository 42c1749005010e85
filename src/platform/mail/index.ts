// Transactional email: templates in the customer's language, sent only from the `mail.send` job.
export { enqueueMail, mailJobHandler, MAIL_JOB, type MailJobPayload } from './mail-job.ts';
export { sendMail } from './send-mail.ts';
export type { MailMessage, MailAddress, SentMail } from './transport.ts';
export {
  orderConfirmationMail,
  paymentReceivedMail,
  orderShippedMail,
  orderDeliveredMail,
  orderCancelledMail,
  orderRefundedMail,
  renderOrderMail,
  type RenderOptions,
} from './templates/order-mails.tsx';
export { ORDER_MAIL_TEMPLATES, type OrderMailInput, type OrderMailLine, type OrderMailTemplate, type RenderedMail } from './templates/order-mail.types.ts';
export { formatMoney } from './templates/money.ts';
