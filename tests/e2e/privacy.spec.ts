import { expect, test, type Page } from '@playwright/test';
import { loadSample, setField, train } from './helpers';

/** The directives of a Content-Security-Policy, e.g. { 'connect-src': ["'self'"] }. */
function directives(policy: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out[name.toLowerCase()] = values;
  }
  return out;
}

/** Records every Content-Security-Policy violation the page reports, from before its first script. */
async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

test('the page carries a Content-Security-Policy that lets it connect to its own origin only, and it is enforced', async ({ page, baseURL }) => {
  const violations = await recordViolations(page);
  const response = (await page.goto('/'))!;
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta, 'a CSP <meta> in the page, so it holds on any static host').toBeTruthy();
  // The <meta> comes before every script, so it covers them all.
  expect(await page.evaluate(() => document.head.firstElementChild?.getAttribute('http-equiv'))).toBe('Content-Security-Policy');

  const policies = [meta!];
  const header = response.headers()['content-security-policy'];
  if (header) policies.push(header); // served as a header too (vite preview), which also binds the worker
  for (const policy of policies) {
    const d = directives(policy);
    expect(d['connect-src']).toEqual(["'self'"]);
    expect(d['default-src']).toEqual(["'self'"]);
    // No source beyond the page's origin, data: and blob: anywhere: no host, scheme or wildcard.
    for (const [name, values] of Object.entries(d)) {
      for (const v of values) expect([`'self'`, `'none'`, `'unsafe-inline'`, `'wasm-unsafe-eval'`, 'data:', 'blob:'], `${name} ${v}`).toContain(v);
    }
    expect(d['script-src']).not.toContain(`'unsafe-inline'`);
  }

  // It is enforced: a request to another origin is refused before it leaves the page.
  const elsewhere = 'https://example.com/collect';
  const outcome = await page.evaluate(async (url) => {
    try { await fetch(url, { method: 'POST', body: 'data' }); return 'sent'; } catch { return 'refused'; }
  }, elsewhere);
  expect(outcome).toBe('refused');
  // (reported once per policy that refuses it: the <meta> and, where served, the header)
  await expect.poll(async () => [...new Set(await violations())]).toEqual([`connect-src blocked ${elsewhere}`]);
  expect(new URL(response.url()).origin).toBe(new URL(baseURL!).origin);
});

test('a whole session (load the sample, train, draw, study the errors) requests nothing from another origin and breaks no CSP rule', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  // The context sees the worker's requests too (it fetches the sample CSV).
  context.on('request', (r) => requests.push(r.url()));
  const problems: string[] = [];
  page.on('console', (msg) => { if (msg.type() === 'error' || /Content.Security.Policy/i.test(msg.text())) problems.push(msg.text()); });
  page.on('pageerror', (err) => problems.push(err.message));
  const violations = await recordViolations(page);

  await page.goto('/');
  await loadSample(page);
  await setField(page, 'Epochs', '2');
  await train(page);
  await expect(page.locator('.training-progress')).toContainText('done', { timeout: 60_000 });

  const pad = page.getByRole('img', { name: 'Drawing pad' });
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 30);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height - 30, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByRole('list', { name: 'Class probabilities' }).getByRole('listitem')).toHaveCount(10);

  const errors = page.getByRole('region', { name: 'Errors', exact: true });
  await errors.scrollIntoViewIfNeeded();
  await page.getByRole('radio', { name: 'Lowest loss' }).check();
  await page.getByRole('table', { name: 'Confusion matrix' }).getByRole('button').first().click();
  await expect(page.getByRole('region', { name: 'Misclassified samples' }).getByRole('listitem').first()).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).first().click();
  expect((await download).suggestedFilename()).toMatch(/\.csv$/);

  expect(requests.some((u) => u.endsWith('/data/mnist-sample-10k.csv')), 'the worker fetched the sample').toBe(true);
  const elsewhere = requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin);
  expect(elsewhere).toEqual([]);
  expect(await violations()).toEqual([]);
  expect(problems).toEqual([]);
});
