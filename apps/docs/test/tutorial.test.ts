import { registerBackend } from '@ag/core';
import { cpu } from '@ag/backend-cpu';
import { seedCells } from '@ag/conformance';
import lz from 'lz-string';
import { describe, expect, it } from 'vitest';
import { splitCells } from '../../playground/src/examples/cells.ts';
import { runSeedCells, tutorialPage } from '../scripts/tutorial-page.ts';

/** The tutorial pages: the seed's cells, with the seed's outputs, each opening in the playground. */
registerBackend(cpu());
const cells = await runSeedCells();

describe('the tutorial', () => {
  it("shows every seed cell, with the seed's own output where the seed gives its text", () => {
    expect(cells.map((c) => c.label)).toEqual(seedCells.map((c) => c.label));
    cells.forEach((cell, i) => {
      seedCells[i]!.expected.forEach((want, k) => {
        if (typeof want === 'string') expect(cell.printed[k]).toBe(want);
        else expect(cell.printed[k]).toMatch(want);
      });
    });
  });

  for (const lang of ['en', 'ko'] as const) {
    it(`in ${lang}: each cell's code and output are on the page, with a link carrying the cells up to it`, () => {
      const md = tutorialPage(lang, cells, 'https://play.example/');
      const links = [...md.matchAll(/\]\((https:\/\/play\.example\/#code=([^)]+))\)/g)];
      expect(links).toHaveLength(cells.length);
      cells.forEach((cell, i) => {
        expect(md).toContain(`## ${cell.label}\n\n\`\`\`ts\n${cell.source}\n\`\`\``);
        if (cell.printed.length > 0) expect(md).toContain(`\`\`\`text\n${cell.printed.join('\n')}\n\`\`\``);
        const carried = splitCells(lz.decompressFromEncodedURIComponent(links[i]![2]!));
        expect(carried).toEqual(cells.slice(0, i + 1).map((c) => c.source));
      });
    });
  }

  it('is in Korean on the Korean page (the seed is Korean)', () => {
    expect(tutorialPage('ko', cells)).toContain('Autograd를 사용하면 backprop를 위한 미분 값을 자동으로 계산해 준다.');
  });
});
