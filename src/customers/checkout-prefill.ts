// Checkout for a signed-in customer: the cart becomes theirs, and the address step starts from their email and
// default address.
import type { FastifyRequest } from 'fastify';
import { claimCart } from '../cart/index.ts';
import type { AppContext } from '../platform/context.ts';
import { defaultAddress } from './addresses.service.ts';
import { currentCustomer } from './session.ts';

export interface CheckoutPrefill {
  email: string;
  address: { name: string; phone: string; line1: string; line2: string; city: string; region: string; postal_code: string; country: string } | null;
}

/** What to fill the checkout's address step with, or null for a guest. Claims the open cart for the customer. */
export async function checkoutPrefill(ctx: AppContext, request: FastifyRequest, cartId: string): Promise<CheckoutPrefill | null> {
  const signedIn = await currentCustomer(ctx, request);
  if (!signedIn) return null;
  await claimCart(ctx, cartId, signedIn.customer.id);
  const address = await defaultAddress(ctx, signedIn.customer.id);
  return {
    email: signedIn.customer.email,
    address: address
      ? { name: address.name, phone: address.phone, line1: address.line1, line2: address.line2 ?? '', city: address.city, region: address.region, postal_code: address.postal_code, country: address.country }
      : { name: signedIn.customer.name, phone: signedIn.customer.phone ?? '', line1: '', line2: '', city: '', region: '', postal_code: '', country: '' },
  };
}
