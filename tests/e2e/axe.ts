import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * Panels far from the viewport have `content-visibility: auto`: the browser does not render them
 * until they come near, and axe takes what is not rendered for hidden and skips it. A user who
 * scrolls there gets them rendered, so the scans render every panel first, to check the whole page.
 */
async function renderAllPanels(page: Page): Promise<void> {
  await page.addStyleTag({ content: '.panel { content-visibility: visible !important; }' });
}

/**
 * The page scanned by axe-core. Serious and critical violations fail the test, and so do serious and
 * critical results axe could not decide ("incomplete"), except colour contrast, which axe cannot
 * decide for one- or two-character text and for the charts' SVG tick labels. The message lists each
 * rule with the elements it flagged, so a failure says what to fix.
 */
export async function expectNoSeriousViolations(page: Page, state: string): Promise<void> {
  await renderAllPanels(page);
  const { violations, incomplete } = await new AxeBuilder({ page }).analyze();
  const serious = [...violations, ...incomplete.filter((r) => r.id !== 'color-contrast')]
    .filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n')}`);
  expect(report, `axe results in state "${state}"`).toEqual([]);
}
