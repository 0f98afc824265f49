import { chromium } from 'playwright-core'
const base = 'http://127.0.0.1:4472'
const [path, width, n] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4] ?? 4)]
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
const page = await browser.newPage({ viewport: { width, height: 1000 } })
await page.goto(base + path)
await page.waitForLoadState('networkidle')
await page.waitForTimeout(5000)
for (let i = 0; i < n; i++) {
  await page.evaluate((y) => window.scrollTo(0, y), i * 1000)
  await page.waitForTimeout(300)
  await page.screenshot({ path: `/tmp/shots/part-${i}.png` })
}
await browser.close()
