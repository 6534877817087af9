// A page of another origin frames the console served by nginx / Caddy: the
// browser refuses the frame because of the headers (frame-ancestors 'none',
// X-Frame-Options DENY), before any console code runs. The in-page guard
// (for hosts without headers) is e2e/security.spec.js's test; here the frame
// must not even reach it: no refusal text, no form, an error page instead.
const { test, expect } = require('@playwright/test');
const { PORTS } = require('./ports');

const consoles = [['nginx', PORTS.nginx], ['caddy', PORTS.caddy]];

for (const [name, port] of consoles) {
  test(`framed by another origin, ${name}'s headers refuse the frame`, async ({ page }) => {
    const messages = [];
    page.on('console', (m) => messages.push(m.text()));
    const framed = page.waitForResponse((r) => r.url() === `http://127.0.0.1:${port}/connect`);
    await page.goto(`http://127.0.0.1:${PORTS.framer}/${port}`);
    const res = await framed;
    expect(res.status()).toBe(200);
    expect(res.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers()['x-frame-options']).toBe('DENY');
    // Refused by the browser on the response's headers (not by the console's own guard).

    const frame = page.frames().find((f) => f !== page.mainFrame());
    await expect.poll(() => frame.url()).toMatch(/^chrome-error:/);
    await expect.poll(() => messages.join('\n')).toContain("frame-ancestors 'none'");
    const inner = page.frameLocator('iframe');
    await expect(inner.getByTestId('framed-refusal')).toHaveCount(0);
    await expect(inner.locator('form, header, table, input')).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Another site' })).toBeVisible();
  });
}
