// The payments module's public surface.
export {
  availablePaymentMethods, initiatePayment, setPaymentMethod, paymentInstructionsOf,
  type PaymentMethod, type PaymentInstructions, type PaymentSettings, type BankAccount, type OrderToPay,
} from './payments.service.ts';
