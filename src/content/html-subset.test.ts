import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bodyToText, safeHref, sanitizeBody } from './html-subset.ts';

test('keeps the allowed subset and drops attributes', () => {
  assert.equal(
    sanitizeBody('<h2 class="x">Title</h2><p style="color:red">A <strong>b</strong> <em>c</em><br/>d</p><ul><li>1</li></ul><blockquote>q</blockquote>'),
    '<h2>Title</h2><p>A <strong>b</strong> <em>c</em><br>d</p><ul><li>1</li></ul><blockquote>q</blockquote>',
  );
});

test('removes scripts, handlers, dangerous elements with their content, and comments', () => {
  const cases: Array<[string, string]> = [
    ['<script>alert(1)</script>ok', 'ok'],
    ['<SCRIPT SRC=//evil></SCRIPT>ok', 'ok'],
    ['<img src=x onerror=alert(1)>ok', 'ok'],
    ['<svg><script>alert(1)</script></svg>ok', 'ok'],
    ['<style>body{}</style><iframe src="//evil"></iframe>ok', 'ok'],
    ['<!-- <script>alert(1)</script> -->ok', 'ok'],
    ['<p onmouseover="alert(1)">t</p>', '<p>t</p>'],
    ['<div><p>unclosed', '<p>unclosed</p>'],
    ['a < b && c > d', 'a &lt; b &amp;&amp; c &gt; d'],
    ['&amp; &lt; &#39; &nbsp;', '&amp; &lt; &#39; &nbsp;'],
    ['<<script>script>alert(1)<</script>/script>', '&lt;/script&gt;'],
    ['<p>x</b></em></p>', '<p>x</p>'],
  ];
  for (const [input, expected] of cases) assert.equal(sanitizeBody(input), expected, input);
});

test('links keep only safe hrefs', () => {
  assert.equal(sanitizeBody('<a href="https://example.com/?a=1&b=2">x</a>'), '<a href="https://example.com/?a=1&amp;b=2" rel="noopener noreferrer">x</a>');
  assert.equal(sanitizeBody('<a href="/news">x</a>'), '<a href="/news" rel="noopener noreferrer">x</a>');
  for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'javascript&colon;alert(1)', '&#106;avascript:alert(1)', 'data:text/html,<script>', 'vbscript:x']) {
    assert.equal(safeHref(href), null, href);
    assert.equal(sanitizeBody(`<a href="${href}">x</a>`), '<a>x</a>', href);
  }
  assert.equal(sanitizeBody(`<a href='"><script>alert(1)</script>'>x</a>`), '<a href="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" rel="noopener noreferrer">x</a>');
});

test('plain text for excerpts', () => {
  assert.equal(bodyToText('<p>Hello <b>world</b> &amp; friends</p><script>x</script>'), 'Hello world & friends');
  const long = bodyToText(`<p>${'word '.repeat(200)}</p>`, 50);
  assert.ok(long.length <= 50 && long.endsWith('…'));
});
