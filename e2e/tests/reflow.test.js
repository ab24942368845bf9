// Flow 5: at 320 CSS pixels wide (WCAG 1.4.10 Reflow) nothing scrolls sideways.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { hearthSuite, visit } from '../lib/browser.js';

hearthSuite('reflow at 320px', (env) => {
  for (const path of ['/help', '/signin']) {
    it(`${path} has no horizontal scrolling at 320px`, async () => {
      const page = await env.newPage({ viewport: { width: 320, height: 640 } });
      await visit(page, path);
      const { scrollWidth, clientWidth, wide } = await page.evaluate(() => {
        const vw = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > vw + 0.5)
          .slice(0, 5)
          .map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className ? '.' + String(el.className).split(' ').join('.') : ''}`);
        return { scrollWidth: document.documentElement.scrollWidth, clientWidth: vw, wide };
      });
      assert.equal(clientWidth, 320);
      assert.ok(scrollWidth <= 320, `${path} is ${scrollWidth}px wide at a 320px viewport; too wide: ${wide.join(', ')}`);
    });
  }
});
