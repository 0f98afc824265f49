import { chromium } from 'playwright-core'
const base = 'http://127.0.0.1:4472'
const pages = ['/', '/stream?stream=Payments', '/flow?stream=Payments', '/items?q=pay', '/forecast/set', '/mapping', '/sources', '/data-quality', '/access']
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
for (const width of [1440, 390]) {
  const page = await browser.newPage({ viewport: { width, height: 900 } })
  const errors: string[] = []
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()) })
  for (const p of pages) {
    await page.goto(base + p)
    await page.waitForLoadState('networkidle')
    await page.waitForTimeout(6000)
    const name = `/tmp/shots/${width}${p.replace(/[/?=&]/g, '_')}.png`
    await page.screenshot({ path: name, fullPage: true })
  }
  console.log(width, 'errors', errors.slice(0, 5))
  await page.close()
}
await browser.close()
