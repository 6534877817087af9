// Helpers for the Firefox end-to-end tests: a sandbox of our own, headless
// Debian firefox-esr through a locally built geckodriver (selenium-webdriver
// never runs Selenium Manager, so nothing is downloaded), and small
// Playwright-like lookups (by label, by test id, wait until true).
const fs = require('fs');
const path = require('path');
const { startSandbox: startProcess, stopSandbox } = require('../scripts/sandbox-process');
const { Builder, By } = require('selenium-webdriver');
const firefox = require('selenium-webdriver/firefox');
const logInspector = require('selenium-webdriver/bidi/logInspector');
const scriptManager = require('selenium-webdriver/bidi/scriptManager');
const { DIST } = require('../e2e/ports');

// Belt and braces: should selenium ever reach for Selenium Manager, it must
// not go online (the paths below are given, so it never should).
process.env.SE_OFFLINE = 'true';

const ROOT = path.resolve(__dirname, '..');
// 8950-8959 by default (the Playwright suite uses 8790+); E2E_FIREFOX_PORT moves them.
const PORT = Number(process.env.E2E_FIREFOX_PORT || 8950);
const BASE = `http://127.0.0.1:${PORT}`;
const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
const GECKODRIVER = process.env.GECKODRIVER || path.join(process.env.HOME || '/root', '.cargo/bin/geckodriver');
const OUTPUT = path.resolve(ROOT, process.env.E2E_FIREFOX_OUTPUT || 'test-results-firefox');
const CUSTOMER_ID = '99fa98a1-2ce0-457c-9371-0d3a01eb6ef0';
const CUSTOMER_SECRET = 'sandbox-secret';
const TIMEOUT = 7_000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns something truthy; fails with `what` after `timeout`. */
async function eventually(what, fn, timeout = TIMEOUT) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e.message;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what} (last: ${last})`);
    await sleep(100);
  }
}

/** Starts target/debug/exotel-sandbox serving the build under test; resolves once it answers. */
function startSandbox() {
  const bin = 'target/debug/exotel-sandbox';
  if (!fs.existsSync(path.join(ROOT, bin))) throw new Error(`${bin} missing: cargo build -p exotel-sandbox`);
  return startProcess({ bin, port: PORT, args: ['--static-dir', DIST, '--faults', '--quiet'] });
}

/** POSTs a sandbox control (reset, faults...) and returns its JSON answer. */
async function control(name, body = {}) {
  const res = await fetch(`${BASE}/__sandbox/${name}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`sandbox ${name}: HTTP ${res.status}`);
  return res.json();
}

const sandboxState = async () => (await fetch(`${BASE}/__sandbox/state`)).json();

/**
 * Headless firefox-esr. Every console line and uncaught error the page
 * produces is recorded (WebDriver BiDi) so tests can fail on panics and
 * check that no secret was logged.
 */
async function startFirefox() {
  for (const [name, file] of [['geckodriver', GECKODRIVER], ['firefox-esr', FIREFOX]]) {
    if (!fs.existsSync(file)) throw new Error(`${name} not found at ${file}: run scripts/setup test`);
  }
  fs.rmSync(OUTPUT, { recursive: true, force: true }); // no stale screenshots from an earlier run
  const options = new firefox.Options()
    .setBinary(FIREFOX)
    .addArguments('-headless')
    .windowSize({ width: 1280, height: 900 })
    .enableBidi();
  const service = new firefox.ServiceBuilder(GECKODRIVER).setPort(PORT + 1);
  const driver = await new Builder().forBrowser('firefox')
    .setFirefoxOptions(options).setFirefoxService(service).build();
  const logs = [];
  const inspector = await logInspector(driver);
  await inspector.onLog((entry) => logs.push({ level: entry.level, type: entry.type, text: entry.text }));
  // Firefox logs CSP violations as errors too; the page's own event is a second signal.
  await (await scriptManager([], driver)).addPreloadScript(`() => document.addEventListener(
    'securitypolicyviolation',
    (e) => console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI))`);
  return { driver, logs };
}

/** Lines that mean the page broke: uncaught errors, Rust panics, CSP violations. */
function problems(logs) {
  return logs.filter((l) => (l.type === 'javascript' && l.level === 'error')
    || /panicked|RuntimeError|unreachable|CSP violation|Content[- ]Security[- ]Policy/i.test(l.text));
}

/** XPath string literal for any text (quotes included). */
function xpathLiteral(s) {
  if (!s.includes("'")) return `'${s}'`;
  if (!s.includes('"')) return `"${s}"`;
  return `concat('${s.split("'").join(`', "'", '`)}')`;
}

/** Finds one visible element; waits for it. */
async function find(driver, locator, what, timeout = TIMEOUT) {
  return eventually(what, async () => {
    for (const el of await driver.findElements(locator)) {
      if (await el.isDisplayed()) return el;
    }
    return null;
  }, timeout);
}

const byTestId = (id) => By.css(`[data-testid="${id}"]`);

/** The control a <label> with exactly this text points at (like getByLabel exact). */
async function byLabel(driver, text, scope = driver) {
  return eventually(`label "${text}"`, async () => {
    const labels = await scope.findElements(By.xpath(`.//label[normalize-space(.)=${xpathLiteral(text)}]`));
    for (const label of labels) {
      const id = await label.getAttribute('for');
      if (id) return driver.findElement(By.id(id));
      const inner = await label.findElements(By.css('input, select, textarea'));
      if (inner.length) return inner[0];
    }
    return null;
  });
}

/** A button (or link) whose visible text is exactly `text`. */
function button(driver, text, scope = driver) {
  const lit = xpathLiteral(text);
  return find(scope, By.xpath(`.//button[normalize-space(.)=${lit}] | .//a[normalize-space(.)=${lit}]`),
    `button "${text}"`);
}

async function fill(el, value) {
  await el.clear();
  await el.sendKeys(value);
}

const textOf = async (driver, locator) => {
  const els = await driver.findElements(locator);
  return els.length ? els[0].getText() : '';
};

/** Waits until one of the elements found has text containing `want`. */
const waitText = (driver, locator, want) =>
  eventually(`text "${want}" in ${locator}`, async () => {
    for (const el of await driver.findElements(locator)) {
      if ((await el.getText()).includes(want)) return true;
    }
    return false;
  });

const sessionStorage = (driver) => driver.executeScript('return { ...window.sessionStorage };');

/** Signs in through the connect page with the sandbox's customer ID + secret, from a fresh session. */
async function signIn(driver, route = '/') {
  await driver.get(`${BASE}/connect`);
  await driver.executeScript('window.sessionStorage.clear(); window.localStorage.clear();');
  await driver.get(`${BASE}${route}`);
  await fill(await byLabel(driver, 'Customer ID'), CUSTOMER_ID);
  await fill(await byLabel(driver, 'Customer secret'), CUSTOMER_SECRET);
  await (await button(driver, 'Connect')).click();
}

/** Saves a full-window PNG under test-results-firefox/. */
async function screenshot(driver, name) {
  fs.mkdirSync(OUTPUT, { recursive: true });
  const file = path.join(OUTPUT, `${name}.png`);
  fs.writeFileSync(file, await driver.takeScreenshot(), 'base64');
  return file;
}

module.exports = {
  BASE, CUSTOMER_ID, CUSTOMER_SECRET, By, eventually, startSandbox, stopSandbox, control, sandboxState, startFirefox,
  problems, find, byTestId, byLabel, button, fill, textOf, waitText, sessionStorage, signIn, screenshot,
};
