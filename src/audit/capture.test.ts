import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAdminRoute, targetOf } from './capture.ts';

describe('audit capture helpers', () => {
  it('tells admin routes from the rest', () => {
    for (const url of ['/admin', '/admin/orders/:id', '/api/admin/products', '/api/admin']) assert.equal(isAdminRoute(url), true, url);
    for (const url of ['/api/store/carts', '/administrator', '/th/admin', '/api/administer', '/']) assert.equal(isAdminRoute(url), false, url);
  });

  it('reads the target from the route pattern and its first parameter', () => {
    assert.deepEqual(targetOf('/api/admin/products', {}), { type: 'products', id: null });
    assert.deepEqual(targetOf('/api/admin/products/:id/images/:imageId', { id: 12, imageId: 3 }), { type: 'products', id: '12' });
    assert.deepEqual(targetOf('/api/admin/shipping/zones/:code', { code: 'java' }), { type: 'shipping/zones', id: 'java' });
    assert.deepEqual(targetOf('/admin/orders/:id/actions/:action', { id: '7', action: 'pack' }), { type: 'orders', id: '7' });
    assert.deepEqual(targetOf('/admin', {}), { type: null, id: null });
  });

  it('never takes a secret parameter as the target id', () => {
    assert.deepEqual(targetOf('/admin/invite/:token', { token: 'abc123secret' }), { type: 'invite', id: null });
    assert.deepEqual(targetOf('/api/admin/keys/:apiKey', { apiKey: 'pk_x' }), { type: 'keys', id: null });
  });
});
