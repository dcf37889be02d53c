import { copyFile, mkdir, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOWN_GROUPS, STATUS_GROUP_OF } from '../../src/report/status-groups.js';
import type { RowStatus } from '../../src/core/row-status.js';
import { CHROMIUM_ARGS, findChromium } from './browser.js';
import { runSampleCampaign, type SampleCampaign } from './sample-campaign.js';

// Issue 17: the report of the sample campaign in a real browser (Debian's chromium via puppeteer-core).
// Without a browser the test skips, loudly; under CI=true a missing browser fails the run.
const chromium = findChromium();
const isCI = process.env.CI === 'true';
const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts');
/** `npm run screenshot` sets this: the README's picture, made by this test's Chromium. */
const README_SHOT = process.env.REPORT_SCREENSHOT_TO;

if (chromium === undefined && !isCI) {
  console.warn('\n*** report-browser.test.ts SKIPPED: no Chromium found (apt-get install chromium, or set CHROMIUM_PATH). CI installs it and fails without it. ***\n');
}

/** The little of the DOM these checks read (the project's TypeScript has no DOM library). */
interface Shown {
  readonly innerText: string;
  readonly offsetParent: unknown;
  readonly hidden: boolean;
  value: string;
  closest(selector: string): Shown | null;
}

const CHARTS = ['headline', 'orders', 'progress', 'foc', 'reasons', 'api'] as const;

let browser: Browser;
let sample: SampleCampaign;
let url: string;

describe.skipIf(chromium === undefined && !isCI)('report.html in headless Chromium', () => {
  beforeAll(async () => {
    if (chromium === undefined) throw new Error('CI=true and no Chromium: .ci/run installs the Debian package `chromium`; install it or set CHROMIUM_PATH');
    sample = await runSampleCampaign(await mkdtemp(path.join(os.tmpdir(), 'bulkport-report-browser-')));
    url = pathToFileURL(sample.report).href;
    browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** Opens the report, recording every request the page makes and every console error. */
  async function open(options: { javaScript: boolean }): Promise<{ page: Page; requests: string[]; errors: string[] }> {
    const page = await browser.newPage();
    await page.setViewport({ width: 1200, height: 900 });
    await page.setJavaScriptEnabled(options.javaScript);
    const requests: string[] = [];
    const errors: string[] = [];
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      requests.push(request.url());
      // Only the page itself may load; anything else is refused (and counted above).
      if (request.url() === url) void request.continue();
      else void request.abort();
    });
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()}`));
    await page.goto(url, { waitUntil: 'load' });
    return { page, requests, errors };
  }

  const countOf = (page: Page, id: string): Promise<{ text: string; value: number; visible: boolean }> =>
    page.$eval(`#${id}`, (element) => ({
      text: (element as unknown as Shown).innerText,
      value: Number(element.getAttribute('data-count')),
      visible: (element as unknown as Shown).offsetParent !== null && (element as unknown as Shown).innerText.trim() !== '',
    }));

  it('loads with no console error and no request beyond the file; every chart is non-empty SVG; the headline is summary.json', async () => {
    const { page, requests, errors } = await open({ javaScript: true });
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);

    for (const chart of CHARTS) {
      const svg = await page.$eval(`#chart-${chart}`, (figure) => {
        const element = figure.querySelector('svg');
        if (element === null) return undefined;
        const box = element.getBoundingClientRect();
        return { shapes: element.querySelectorAll('path, rect, text').length, width: box.width, height: box.height, title: figure.querySelector('figcaption')?.textContent ?? '' };
      });
      expect(svg, `chart ${chart}`).toBeDefined();
      expect(svg!.shapes, `chart ${chart}`).toBeGreaterThan(3);
      expect(svg!.width * svg!.height, `chart ${chart}`).toBeGreaterThan(0);
      expect(svg!.title.trim().length, `chart ${chart}`).toBeGreaterThan(10);
    }

    const { summary } = sample;
    expect((await countOf(page, 'figure-rows')).value).toBe(summary.rowCount);
    expect((await countOf(page, 'figure-orders')).value).toBe(summary.orders.count);
    expect((await countOf(page, 'group-total')).value).toBe(summary.rowCount);
    for (const group of SHOWN_GROUPS) {
      const expected = (Object.entries(summary.byStatus) as [RowStatus, number][]).filter(([status]) => STATUS_GROUP_OF[status] === group).reduce((sum, [, n]) => sum + n, 0);
      const shown = await countOf(page, `group-${group}`);
      expect(shown.value, group).toBe(expected);
      expect(Number(shown.text.replace(/,/g, '')), group).toBe(expected);
    }
    for (const [status, count] of Object.entries(summary.orders.byStatus)) expect((await countOf(page, `orders-${status}`)).value).toBe(count);

    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'report.png'), fullPage: true, optimizeForSpeed: true });
    if (README_SHOT !== undefined) {
      await page.screenshot({ path: path.join(ARTIFACTS, 'report-top.png'), clip: { x: 0, y: 0, width: 1200, height: 1500 } });
      await copyFile(path.join(ARTIFACTS, 'report-top.png'), path.resolve(README_SHOT));
    }
    await page.close();
  });

  it('sorts and filters the exceptions table', async () => {
    const { page, errors } = await open({ javaScript: true });
    const orders = (): Promise<string[]> => page.$$eval('#exceptions-table tbody tr:not([hidden])', (rows) => rows.map((row) => row.querySelector('td')?.textContent ?? ''));
    const initial = await orders();
    expect(initial.length).toBeGreaterThan(1);
    expect(await page.$eval('#exceptions-filter', (input) => (input as unknown as Shown).closest('.js-only')?.hidden)).toBe(false);

    await page.click('#exceptions-table thead th:nth-child(1) button');
    expect(await orders()).toEqual([...initial].sort());
    expect(await page.$eval('#exceptions-table thead th:nth-child(1)', (th) => th.getAttribute('aria-sort'))).toBe('ascending');
    await page.click('#exceptions-table thead th:nth-child(1) button');
    expect(await orders()).toEqual([...initial].sort().reverse());

    const target = initial[1]!;
    await page.type('#exceptions-filter', target);
    expect(await orders()).toEqual([target]);
    expect(await page.$eval('#exceptions-shown', (element) => element.textContent)).toBe(`1 of ${initial.length} shown`);
    await page.$eval('#exceptions-filter', (input) => {
      (input as unknown as Shown).value = '';
      input.dispatchEvent(new Event('input'));
    });
    expect((await orders()).length).toBe(initial.length);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('with JavaScript off still shows every count (and no dead filter box)', async () => {
    const { page, errors, requests } = await open({ javaScript: false });
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    const counts = await page.$$eval('[data-count]', (elements) =>
      elements.map((element) => ({
        value: element.getAttribute('data-count'),
        text: (element as unknown as Shown).innerText.replace(/,/g, ''),
        // Inside a closed <details> a count is one click away, not hidden: its summary line shows the total.
        visible: (element as unknown as Shown).offsetParent !== null || element.closest('details') !== null,
      })),
    );
    expect(counts.length).toBeGreaterThan(20);
    for (const count of counts) {
      expect(count.visible).toBe(true);
      expect(count.text).toBe(count.value);
    }
    expect((await countOf(page, 'figure-rows')).visible).toBe(true);
    expect(await page.$eval('#exceptions-filter', (input) => (input as unknown as Shown).closest('.js-only')?.hidden)).toBe(true);
    expect(await page.$$eval('#exceptions-table tbody tr', (rows) => rows.length)).toBeGreaterThan(1);
    await page.close();
  });
});
