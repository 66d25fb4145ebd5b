'use strict';
// Drives ipm-report.html in headless Chromium and prints what it saw as JSON; the C# test judges it.
// Usage: node report-check.js REPORT.html SCREENSHOT.png CHROMIUM USER-DATA-DIR
const { chromium } = require('playwright-core');
const [report, screenshot, executablePath, userDataDir] = process.argv.slice(2);

async function main() {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 900 },
  });
  try {
    const page = context.pages()[0] || await context.newPage();
    const url = 'file://' + report;
    const requests = [];
    const errors = [];
    page.on('request', r => requests.push(r.url()));
    page.on('console', m => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.type() + ': ' + m.text()); });
    page.on('pageerror', e => errors.push('pageerror: ' + e.message));
    await page.goto(url, { waitUntil: 'load' });

    const rects = () => page.$$eval('#treemap rect', all => all.map(r => ({
      kind: r.dataset.kind, id: r.dataset.id, pkg: r.dataset.package || null, bytes: Number(r.dataset.bytes),
      x: Number(r.getAttribute('x')), y: Number(r.getAttribute('y')), w: Number(r.getAttribute('width')), h: Number(r.getAttribute('height')),
    })));
    const rows = () => page.$$eval('#report-table tbody tr', all => all.map(tr => ({
      id: tr.dataset.id, cells: Array.from(tr.cells).map(td => td.textContent),
    })));
    const sortState = () => page.$$eval('#report-table th', all => all.map(th => ({ key: th.dataset.key, sort: th.getAttribute('aria-sort') })));
    const box = await page.$eval('#treemap', svg => { const v = svg.viewBox.baseVal; return { w: v.width, h: v.height }; });

    const result = { box, top: { rects: await rects(), rows: await rows(), sort: await sortState() } };
    await page.screenshot({ path: screenshot, fullPage: true });

    await page.click('#report-table th[data-key="raw"]');
    result.sortedByRawDescending = { rows: await rows(), sort: await sortState() };
    await page.click('#report-table th[data-key="raw"]');
    result.sortedByRawAscending = { rows: await rows(), sort: await sortState() };
    await page.click('#report-table th[data-key="label"]');
    result.sortedByName = { rows: await rows(), sort: await sortState() };

    // Zoom: click the largest file of the package with the most files in the treemap.
    const files = result.top.rects.filter(r => r.kind === 'file');
    const count = p => files.filter(r => r.pkg === p).length;
    const busiest = files.map(r => r.pkg).sort((a, b) => count(b) - count(a) || (a < b ? -1 : 1))[0];
    const target = files.filter(r => r.pkg === busiest).sort((a, b) => b.bytes - a.bytes)[0];
    await page.click(`#treemap rect.file[data-id="${target.id}"]`);
    result.zoomed = { package: target.pkg, rects: await rects(), rows: await rows(), crumbs: await page.textContent('#crumbs') };
    await page.screenshot({ path: screenshot.replace(/\.png$/, '-zoomed.png'), fullPage: true });
    await page.check('#show-pruned');
    result.zoomedWithPruned = { rows: await rows() };
    await page.click('#crumb-all');
    result.back = { rects: await rects(), rows: await rows(), crumbs: await page.textContent('#crumbs') };

    result.requests = requests;
    result.url = url;
    result.errors = errors;
    process.stdout.write(JSON.stringify(result));
  } finally {
    await context.close();
  }
}

main().catch(e => { process.stderr.write(String(e && e.stack || e) + '\n'); process.exitCode = 1; });
