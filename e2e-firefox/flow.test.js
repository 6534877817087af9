// The core flow end to end in headless Firefox ESR (the Playwright suite in
// e2e/ covers Chromium): connect, list, create (AppSecret shown once),
// detail, delete with the typed name, sign out. Run: node --test e2e-firefox/
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const { By } = h;
const rows = (driver) => driver.findElements(By.css('[data-testid="apps-table"] tbody tr'));
const TOKEN_KEY = 'exotel.console.customerToken';
const APP_TOKENS_KEY = 'exotel.console.appTokens';

describe('core flow in Firefox ESR', () => {
  let sandbox;
  let driver;
  let logs;

  before(async () => {
    sandbox = await h.startSandbox();
    ({ driver, logs } = await h.startFirefox());
  });

  after(async () => {
    if (driver) await driver.quit();
    if (sandbox) await h.stopSandbox(sandbox);
  });

  /**
   * One test: a screenshot if it fails; and it fails on any uncaught error,
   * panic or CSP violation, or a secret in the console.
   */
  function flow(name, fn) {
    it(name, async () => {
      logs.length = 0;
      const secrets = [h.CUSTOMER_SECRET];
      try {
        await fn(secrets);
      } catch (e) {
        await h.screenshot(driver, `failed-${name.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => {});
        throw e;
      }
      assert.deepEqual(h.problems(logs), [], 'no uncaught errors, panics or CSP violations');
      const consoleText = logs.map((l) => l.text).join('\n');
      for (const s of secrets) assert.ok(!consoleText.includes(s), 'no secret in the console');
    });
  }

  flow('connect keeps only the token, in session storage, and lists the seeded apps', async () => {
    await h.control('reset', { seed: 2 });
    const seeded = (await h.sandboxState()).apps.map((a) => a.AppName);
    assert.equal(seeded.length, 2);
    await h.signIn(driver);
    await h.eventually('two rows in the apps table', async () => (await rows(driver)).length === 2);
    const table = await h.textOf(driver, h.byTestId('apps-table'));
    for (const name of seeded) assert.ok(table.includes(name), `row for ${name}`);
    const id = await driver.findElement(h.byTestId('customer-id'));
    assert.equal(await id.getAttribute('title'), h.CUSTOMER_ID);
    await h.waitText(driver, h.byTestId('token-expiry'), 'Token expires');
    const stored = await h.sessionStorage(driver);
    assert.ok(stored[TOKEN_KEY], 'customer token in session storage');
    assert.ok(!JSON.stringify(stored).includes(h.CUSTOMER_SECRET), 'no secret in session storage');
    assert.equal(await driver.executeScript('return window.localStorage.length;'), 0);
    assert.ok(!(await driver.getCurrentUrl()).includes(stored[TOKEN_KEY]), 'token not in the URL');
    const png = await h.screenshot(driver, 'list');
    console.log(`# screenshot: ${png}`);
  });

  flow('create shows the AppSecret once, then detail opens without asking', async (secrets) => {
    await h.control('reset', { seed: 2 });
    const seeded = (await h.sandboxState()).apps.map((a) => a.AppID);
    await h.signIn(driver, '/apps/new');
    await h.find(driver, By.xpath('//h1[normalize-space(.)="New app"] | //h2[normalize-space(.)="New app"]'),
      'heading "New app"');
    await h.fill(await h.byLabel(driver, 'App name'), 'Firefox line');
    await h.fill(await h.byLabel(driver, 'Exotel Account SID'), 'acme1');
    await h.fill(await h.byLabel(driver, 'Exotel API key'), 'key-123');
    await h.fill(await h.byLabel(driver, 'Exotel API token'), 'tok-456');
    const domain = await h.byLabel(driver, 'Exotel domain');
    await domain.findElement(By.css('option[value="mumbai"]')).click();
    await (await h.button(driver, 'Create app')).click();
    await h.waitText(driver, h.byTestId('secret-panel'), 'Save the AppSecret now');
    const created = (await h.sandboxState()).apps.filter((a) => !seeded.includes(a.AppID));
    assert.equal(created.length, 1, 'one app created');
    assert.equal(created[0].AppName, 'Firefox line');
    const app = created[0];
    secrets.push(app.AppSecret, 'tok-456');
    assert.equal(await h.textOf(driver, h.byTestId('new-app-id')), app.AppID);
    assert.equal(await h.textOf(driver, h.byTestId('new-app-secret')), app.AppSecret);
    await (await h.button(driver, 'Open app')).click();
    await h.waitText(driver, h.byTestId('app-facts'), 'acme1');
    await h.waitText(driver, h.byTestId('app-title'), 'Firefox line');
    assert.equal((await driver.findElements(h.byTestId('unlock-form'))).length, 0, 'no unlock form');
    assert.ok(!(await driver.getPageSource()).includes(app.AppSecret), 'the AppSecret is shown only once');
    const stored = await h.sessionStorage(driver);
    assert.deepEqual(Object.keys(JSON.parse(stored[APP_TOKENS_KEY])), [app.AppID]);
    assert.ok(!JSON.stringify(stored).includes(app.AppSecret), 'no AppSecret in session storage');
    const kinds = (await h.sandboxState()).requests
      .filter((r) => r.method === 'GET' && r.path.includes('/app')).map((r) => r.authorization_kind);
    assert.ok(kinds.includes('app'), 'detail read with the app token');
  });

  flow('delete needs the typed name; the app is gone from the list and the sandbox', async (secrets) => {
    await h.control('reset', { seed: 2 });
    const app = await h.control('apps', {
      AppName: 'Doomed app', ExotelAccountSid: 'acme1', ExotelApiKey: 'key-1', ExotelApiToken: 'token-1',
      ExotelDomain: 'mumbai', IsActive: true,
    });
    secrets.push(app.AppSecret);
    await h.signIn(driver, `/apps/${app.AppID}`);
    const unlock = await h.find(driver, h.byTestId('unlock-form'), 'unlock form');
    await h.fill(await h.byLabel(driver, 'AppSecret', unlock), app.AppSecret);
    await (await h.button(driver, 'Unlock', unlock)).click();
    await h.waitText(driver, h.byTestId('app-title'), 'Doomed app');
    await (await h.button(driver, 'Delete…')).click();
    const dialog = await h.find(driver, By.css('dialog[open]'), 'the delete dialog');
    assert.ok((await dialog.getText()).includes('Doomed app'));
    const confirm = await h.button(driver, 'Delete app', dialog);
    assert.equal(await confirm.isEnabled(), false, 'disabled before the name is typed');
    const typed = await dialog.findElement(By.xpath('.//label[starts-with(normalize-space(.), "Type")]'));
    const input = await driver.findElement(By.id(await typed.getAttribute('for')));
    await input.sendKeys('Doomed ap');
    assert.equal(await confirm.isEnabled(), false, 'disabled for a partial name');
    await input.sendKeys('p');
    await h.eventually('confirm enabled', () => confirm.isEnabled());
    await confirm.click();
    await h.eventually('back on the list', async () => new URL(await driver.getCurrentUrl()).pathname === '/');
    await h.waitText(driver, By.css('[role="status"]'), 'Deleted “Doomed app”');
    await h.eventually('two rows left', async () => (await rows(driver)).length === 2);
    assert.ok(!(await h.textOf(driver, h.byTestId('apps-table'))).includes('Doomed app'));
    const state = await h.sandboxState();
    assert.equal(state.apps.length, 2);
    assert.ok(!state.apps.some((a) => a.AppID === app.AppID), 'gone from the sandbox');
    const deletes = state.requests.filter((r) => r.method === 'DELETE').map((r) => r.authorization_kind);
    assert.deepEqual(deletes, ['app']);
    assert.equal((await h.sessionStorage(driver))[APP_TOKENS_KEY], '{}');
  });

  flow('sign out clears every token and returns to connect', async () => {
    await h.control('reset', { seed: 2 });
    await h.signIn(driver);
    await h.eventually('two rows in the apps table', async () => (await rows(driver)).length === 2);
    assert.ok((await h.sessionStorage(driver))[TOKEN_KEY], 'signed in');
    await (await h.button(driver, 'Sign out')).click();
    await h.eventually('on /connect', async () => new URL(await driver.getCurrentUrl()).pathname === '/connect');
    await h.find(driver, By.xpath('//*[contains(normalize-space(.), "You signed out")]'), '"You signed out"');
    const keys = Object.keys(await h.sessionStorage(driver));
    assert.deepEqual(keys.filter((k) => /token/i.test(k)), []);
    await driver.get(`${h.BASE}/`);
    await h.eventually('redirected to /connect?next=',
      async () => /\/connect\?next=/.test(await driver.getCurrentUrl()));
  });
});
