/**
 * The training-speed scenario in headless Chromium: builds bench/train's page with Vite, serves it
 * cross-origin isolated (as the product is served, so threads can share memory), with the data sets
 * beside it (raw rows files, or a table CSV that the worker reads as the app does), and runs each
 * request in a fresh module worker.
 */
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium';
import { serveIsolated } from '../static-server';
import type { SpeedRequest, SpeedResult } from './protocol';
import { OUT_DIR } from './vite.config';

const CONFIG = fileURLToPath(new URL('./vite.config.ts', import.meta.url));

export class ChromiumBench {
  private constructor(private readonly server: Server, private readonly browser: Browser, private readonly page: Page) {}

  /** Builds and serves the page with `files` (name → bytes: raw rows, or a table CSV) beside it, and opens it. */
  static async start(files: Record<string, Uint8Array>): Promise<ChromiumBench> {
    await build({ configFile: CONFIG });
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(OUT_DIR, name), bytes);
    const server = await serveIsolated(OUT_DIR);
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error(`[chromium] ${e.message}`));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    if (!(await page.evaluate(() => window.isolated))) throw new Error('the bench page is not cross-origin isolated');
    return new ChromiumBench(server, browser, page);
  }

  run(request: SpeedRequest): Promise<SpeedResult> {
    return this.page.evaluate((r) => window.bench(r), request);
  }

  async close(): Promise<void> {
    await this.browser.close();
    this.server.close();
  }
}
